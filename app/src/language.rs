//! The interface language: chosen with the switcher, remembered in the browser,
//! set on the page's `lang`, and kept while moving between steps.

use leptos::prelude::*;

use veiviser_guide::Place;

use crate::i18n::Lang;
use crate::link;

const KEY: &str = "veiviser.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language in force: the URL's, else the one chosen before, else the
/// organisation's default (bokmål unless its settings say otherwise).
pub fn current(from_url: Option<&str>, default: Lang) -> Lang {
    from_url
        .and_then(Lang::from_code)
        .or_else(|| storage()?.get_item(KEY).ok().flatten().as_deref().and_then(Lang::from_code))
        .unwrap_or(default)
}

/// Remembers a language the user chose.
pub fn remember(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, lang.code());
    }
}

/// Sets `lang` on the page, so screen readers pronounce it right.
pub fn apply(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Links to the same place in each language.
#[component]
pub fn Switcher(lang: Memo<Lang>, place: Memo<Place>) -> impl IntoView {
    view! {
        <nav class="language" aria-label=move || lang.get().texts().language>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|choice| {
                        let href = move || link::href(&Place { lang: Some(choice.code().into()), from: None, ..place.get() });
                        let current = move || (lang.get() == choice).then_some("true");
                        view! {
                            <li>
                                <a href=href hreflang=choice.code() lang=choice.code() aria-current=current>{choice.name()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
