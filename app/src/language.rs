//! The interface language in force: the URL's, else the one chosen before, else
//! the organisation's default. A language chosen with the switcher is remembered.

use veiviser_guide::Lang;

use crate::browser::storage;

const KEY: &str = "veiviser.lang";

/// The language in force: the URL's, else the one chosen before, else `default`.
pub fn current(from_url: Option<Lang>, default: Lang) -> Lang {
    from_url.or_else(|| storage::get(KEY).as_deref().and_then(Lang::from_code)).unwrap_or(default)
}

/// Remembers the language a visited address names. Every step's page names
/// one, so only a language other than the organisation's default counts as a
/// choice; the default is remembered as no choice, so that a later change of
/// the default still reaches this user.
pub fn remember(lang: Lang, default: Lang) {
    if lang == default {
        storage::remove(KEY);
    } else {
        storage::set(KEY, lang.code());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// route.js and start.js choose the language before the app runs: they must
    /// read the same remembered key and know the same languages.
    #[test]
    fn the_scripts_that_run_before_the_app_choose_the_language_as_it_does() {
        let codes: Vec<String> = Lang::ALL.iter().map(|lang| format!("'{}'", lang.code())).collect();
        let list = format!("const LANGUAGES = [{}];", codes.join(", "));
        for script in ["route.js", "start.js"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public").join(script);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(text.contains(&format!("localStorage.getItem('{KEY}')")), "{script} reads the language remembered under {KEY}");
            assert!(text.contains(&list), "{script} knows the languages {list}");
        }
    }
}
