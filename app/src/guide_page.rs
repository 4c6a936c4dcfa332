//! The guide page (`guide.html`): a guide step by step ([`wizard`](crate::wizard)),
//! the whole guide as one document ([`whole`](crate::whole)), or the step a
//! typed step code names ([`codes`](crate::codes)).

use leptos::prelude::*;

use veiviser_guide::Place;

use crate::{codes, link, whole, wizard, Context};

/// The guide page's `<main>`: redrawn when the guide or the view changes, while
/// the wizard follows the steps within a guide by itself.
pub fn main(Context { index, place, lang }: Context) -> AnyView {
    let guide = Memo::new(move |_| place.read().guide.clone());
    let whole = Memo::new(move |_| place.read().whole);
    let code = Memo::new(move |_| place.read().code.clone());
    (move || {
        let index = index.clone();
        match (guide.get(), whole.get(), code.get()) {
            (Some(guide), false, _) => view! { <wizard::Wizard index guide place lang/> }.into_any(),
            (Some(guide), true, _) => view! { <whole::WholeGuide index guide lang/> }.into_any(),
            (None, _, Some(typed)) => view! { <codes::OpenCode index typed lang/> }.into_any(),
            (None, _, None) => {
                link::replace_page(&link::href(&Place::start_page()));
                ().into_any()
            }
        }
    })
    .into_any()
}
