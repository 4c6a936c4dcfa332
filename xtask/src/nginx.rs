//! Debian's nginx serving dist/ under /veiviser/, set up as ADMINISTRATORS.md tells
//! an organisation to: Debian's default configuration, cut down to what a static
//! site uses, plus the guide's two nginx snippets word for word (read out of the
//! guide, so the document and the tested configuration cannot differ).

use std::path::Path;
use std::process::Command;

use crate::web_server::{self, WebServer};
use crate::{docs, setup};

/// Debian's nginx binary.
const NGINX: &str = "/usr/sbin/nginx";
/// Debian's media types, which the default configuration includes.
const MIME_TYPES: &str = "/etc/nginx/mime.types";

/// Installs (or, in a task that does not install, checks for) Debian's nginx.
pub fn provision() -> Result<(), String> {
    setup::apt(
        &["nginx", "libnginx-mod-http-brotli-static"],
        "Debian's nginx (with brotli_static), to test the site on a real web server",
    )
}

/// Starts nginx serving `dist` under [`web_server::LOCATION`], configured as the guide says.
pub fn start(dist: &Path) -> Result<WebServer, String> {
    provision()?;
    let dist = dist.canonicalize().map_err(|e| format!("cannot find {}: {e}", dist.display()))?;
    let mime_types = std::fs::read_to_string(MIME_TYPES).map_err(|e| format!("cannot read {MIME_TYPES}: {e}"))?;
    let snippets = docs::administrators_blocks("nginx", 2)?;
    let root = web_server::as_root();
    WebServer::start("nginx", &|dir, port| {
        let conf = config(&Settings { dir, dist: &dist, port, mime_types: &mime_types, root, snippets: &snippets })?;
        let conf_path = dir.join("nginx.conf");
        std::fs::write(&conf_path, conf).map_err(|e| format!("cannot write {}: {e}", conf_path.display()))?;
        // Debian's path: /usr/sbin is not on an ordinary user's PATH.
        let mut command = Command::new(NGINX);
        command.arg("-c").arg(&conf_path).arg("-p").arg(dir);
        // Errors before the configuration is read go here too, not to /var/log/nginx.
        command.arg("-e").arg(dir.join("error.log"));
        Ok(command)
    })
}

/// What the configuration depends on.
struct Settings<'a> {
    dir: &'a Path,
    dist: &'a Path,
    port: u16,
    /// The text of /etc/nginx/mime.types, to see whether it knows `.wasm`.
    mime_types: &'a str,
    /// Whether nginx runs as root (then its workers run as www-data, as Debian's do).
    root: bool,
    /// The guide's snippets: the one for the `http` block, then the one for the `server` block.
    snippets: &'a [String],
}

/// The configuration: Debian's default nginx.conf and default site in spirit, with
/// every path in `dir`, plus the guide's snippets serving dist/.
fn config(s: &Settings) -> Result<String, String> {
    let dir = s.dir.display();
    let port = s.port;
    let user = if s.root { "user www-data;\n" } else { "" };
    // Debian 12's mime.types has it; older ones (and some other systems') do not.
    let wasm = if knows_wasm(s.mime_types) { "" } else { "    types { application/wasm wasm; }\n" };
    let [http_snippet, server_snippet] = s.snippets else {
        return Err(format!("{} must have two nginx snippets, for `http` and `server`", docs::ADMINISTRATORS));
    };
    let server_snippet = web_server::with_dist(server_snippet, s.dist, "nginx")?;
    Ok(format!(
        r#"# Written by `cargo xtask test` (xtask/src/nginx.rs): Debian's default nginx.conf
# and default site, cut down to a static site, with every path in this folder.
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
{user}worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
daemon off;

events {{
    worker_connections 768;
}}

http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include {MIME_TYPES};
{wasm}    default_type application/octet-stream;
    access_log {dir}/access.log;
    gzip on;

    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

{http_snippet}

    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {dir}/html;
        index index.html;

        location / {{
            try_files $uri $uri/ =404;
        }}

{server_snippet}
    }}
}}
"#
    ))
}

/// True when a mime.types text maps `wasm` to application/wasm.
fn knows_wasm(mime_types: &str) -> bool {
    mime_types.lines().any(|line| {
        let mut words = line.split_whitespace();
        words.next() == Some("application/wasm") && words.any(|w| w.trim_end_matches(';') == "wasm")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::csp;
    use crate::web_server::GUIDE_SITE;

    fn conf(mime_types: &str) -> String {
        let snippets = docs::administrators_blocks("nginx", 2).unwrap();
        let settings =
            Settings { dir: Path::new("/tmp/x"), dist: Path::new("/srv/dist"), port: 8123, mime_types, root: true, snippets: &snippets };
        config(&settings).unwrap()
    }

    #[test]
    fn the_tested_configuration_is_the_guides_snippets_with_dist_in_place_of_its_folder() {
        let conf = conf("types {\n    application/wasm  wasm;\n}\n");
        let snippets = docs::administrators_blocks("nginx", 2).unwrap();
        assert!(conf.contains(&snippets[0]));
        assert!(conf.contains(&snippets[1].replace(GUIDE_SITE, "/srv/dist")));
        assert!(conf.contains("location /veiviser/ {\n    alias /srv/dist/;"));
        assert!(conf.contains("listen 127.0.0.1:8123;"));
        assert!(!conf.contains("types { application/wasm"), "mime.types already has it");
    }

    #[test]
    fn the_guides_location_sends_the_policy_of_the_readme() {
        let conf = conf("");
        assert!(conf.contains(&format!("add_header Content-Security-Policy \"{}\" always;", csp())));
        assert!(conf.contains("brotli_static on;") && conf.contains("gzip_static on;"));
        // nginx would read `"` as the end of the value and `$` as a variable.
        assert!(!csp().contains(['"', '$']));
    }

    #[test]
    fn wasm_is_added_when_mime_types_lacks_it() {
        assert!(conf("types {\n    text/html html;\n}\n").contains("types { application/wasm wasm; }"));
        assert!(knows_wasm("    application/wasm                      wasm;"));
        assert!(!knows_wasm("    application/wasm-x  wasmx;"));
    }
}
