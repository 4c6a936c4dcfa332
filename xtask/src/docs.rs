//! The configuration snippets the documentation gives administrators, read out of
//! the documents themselves, so that the servers the tests run are configured with
//! exactly what an organisation copies (one source for each snippet).

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::command::root;

/// The administrators' guide, relative to the checkout.
pub const ADMINISTRATORS: &str = "app/ADMINISTRATORS.md";

/// The fenced code blocks of `markdown` whose info string is `lang`, in order.
pub fn fenced_blocks(markdown: &str, lang: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.split_whitespace().next() == Some(lang) => {
                current = Some(String::new());
            }
            Event::Text(text) => {
                if let Some(block) = current.as_mut() {
                    block.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// The `count` blocks in `lang` of the administrators' guide, or why they cannot be had.
pub fn administrators_blocks(lang: &str, count: usize) -> Result<Vec<String>, String> {
    let path = root().join(ADMINISTRATORS);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let blocks = fenced_blocks(&text, lang);
    if blocks.len() != count {
        return Err(format!(
            "{ADMINISTRATORS} has {} ```{lang} blocks; the tests run exactly {count} (update xtask/src/docs.rs's callers with the guide)",
            blocks.len()
        ));
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::csp;

    /// IIS cannot run here: its web.config is checked for what can be read from it.
    #[test]
    fn the_iis_web_config_sends_the_policy_of_the_readme_and_types_the_guides_and_the_webassembly() {
        let text = std::fs::read_to_string(root().join(ADMINISTRATORS)).unwrap();
        let web_config = fenced_blocks(&text, "xml").into_iter().find(|b| b.contains("<system.webServer>")).unwrap();
        assert!(web_config.contains(&format!("<add name=\"Content-Security-Policy\" value=\"{}\" />", csp())));
        assert!(web_config.contains(r#"<mimeMap fileExtension=".wasm" mimeType="application/wasm" />"#));
        assert!(web_config.contains(r#"<mimeMap fileExtension=".md" mimeType="text/markdown; charset=utf-8" />"#));
    }

    #[test]
    fn only_blocks_in_the_language_asked_for_are_returned_whole() {
        let markdown = "Text\n\n```nginx\nmap $a $b {\n}\n```\n\n```apache\nAlias /x /y\n```\n\n```nginx title\nlocation / {}\n```\n";
        assert_eq!(fenced_blocks(markdown, "nginx"), ["map $a $b {\n}\n", "location / {}\n"]);
        assert_eq!(fenced_blocks(markdown, "apache"), ["Alias /x /y\n"]);
        assert!(fenced_blocks(markdown, "xml").is_empty());
    }
}
