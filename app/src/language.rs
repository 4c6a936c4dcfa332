//! The interface language in force: the URL's, else the one chosen before, else
//! the organisation's default. A language chosen with the switcher is remembered.

use veiviser_guide::Lang;

use crate::browser::storage;

const KEY: &str = "veiviser.lang";

/// The language in force: the URL's, else the one chosen before, else `default`.
pub fn current(from_url: Option<Lang>, default: Lang) -> Lang {
    from_url.or_else(|| storage::get(KEY).as_deref().and_then(Lang::from_code)).unwrap_or(default)
}

/// Remembers a language the user chose.
pub fn remember(lang: Lang) {
    storage::set(KEY, lang.code());
}
