//! Links to the same place in each language of the interface.

use leptos::prelude::*;

use veiviser_guide::{Lang, Place};

use crate::i18n::Speak;
use crate::link;

/// The language switcher in the header: it keeps the user where they are.
#[component]
pub fn LanguageSwitcher(lang: Memo<Lang>, place: Memo<Place>) -> impl IntoView {
    view! {
        <nav class="language" aria-label=move || lang.get().texts().language>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|choice| {
                        let href = move || link::href(&Place { lang: Some(choice), from: None, ..place.get() });
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
