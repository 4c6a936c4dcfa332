//! Debian's Apache httpd serving dist/ under /veiviser/, set up as ADMINISTRATORS.md
//! tells an organisation to: the modules Debian enables by default plus the ones the
//! guide names, and the guide's Apache snippet word for word (read out of the guide).

use std::path::Path;
use std::process::Command;

use crate::web_server::{self, WebServer};
use crate::{docs, setup};

/// Debian's httpd binary.
const APACHE: &str = "/usr/sbin/apache2";
/// Debian's module folder.
const MODULES: &str = "/usr/lib/apache2/modules";
/// The modules Debian 12 enables by default that a static site uses, and those the
/// guide tells administrators to enable (`a2enmod headers rewrite`).
const MODULES_LOADED: &[&str] =
    &["mpm_event", "authz_core", "authz_host", "alias", "dir", "env", "filter", "mime", "deflate", "setenvif", "headers", "rewrite"];

/// Installs (or checks for) Debian's Apache httpd.
pub fn provision() -> Result<(), String> {
    setup::apt(&["apache2"], "Debian's Apache httpd, to test the administrators' guide's Apache configuration")
}

/// Starts Apache serving `dist` under [`web_server::LOCATION`], configured as the guide says.
pub fn start(dist: &Path) -> Result<WebServer, String> {
    provision()?;
    let dist = dist.canonicalize().map_err(|e| format!("cannot find {}: {e}", dist.display()))?;
    let [snippet] = <[String; 1]>::try_from(docs::administrators_blocks("apache", 1)?).map_err(|_| "one Apache snippet")?;
    let root = web_server::as_root();
    WebServer::start("apache", &|dir, port| {
        let conf = config(dir, port, root, &web_server::with_dist(&snippet, &dist, "Apache")?);
        let conf_path = dir.join("apache2.conf");
        std::fs::write(&conf_path, conf).map_err(|e| format!("cannot write {}: {e}", conf_path.display()))?;
        let mut command = Command::new(APACHE);
        command.arg("-f").arg(&conf_path).arg("-DFOREGROUND");
        Ok(command)
    })
}

/// The configuration: Debian's apache2.conf in spirit, every path in `dir`, then the
/// guide's snippet.
fn config(dir: &Path, port: u16, root: bool, snippet: &str) -> String {
    let dir = dir.display();
    let user = if root { "User www-data\nGroup www-data\n" } else { "" };
    let modules: String =
        MODULES_LOADED.iter().map(|m| format!("LoadModule {m}_module {MODULES}/mod_{m}.so\n")).collect();
    format!(
        r#"# Written by `cargo xtask test` (xtask/src/apache.rs): Debian's apache2.conf cut
# down to a static site, with every path in this folder.
ServerRoot "{dir}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{dir}/apache2.pid"
DefaultRuntimeDir "{dir}"
Mutex file:{dir} default
ErrorLog "{dir}/error.log"
LogLevel warn
{user}{modules}TypesConfig /etc/mime.types
DocumentRoot "{dir}/html"

<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>

<Directory "{dir}/html">
    Require all granted
</Directory>

{snippet}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::csp;

    #[test]
    fn the_tested_configuration_is_the_guides_snippet_serving_dist() {
        let snippet = &docs::administrators_blocks("apache", 1).unwrap()[0];
        let served = web_server::with_dist(snippet, Path::new("/w/dist"), "Apache").unwrap();
        let conf = config(Path::new("/tmp/a"), 8124, true, &served);
        assert!(conf.contains("Alias /veiviser \"/w/dist\"") && conf.contains("<Directory \"/w/dist\">"));
        assert!(conf.contains(&format!("Header always set Content-Security-Policy \"{}\"", csp())));
        assert!(conf.contains("LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so"));
        assert!(conf.contains("Listen 127.0.0.1:8124"));
    }
}
