//! The guide page (`guide.html`): a guide step by step ([`wizard`]), the whole
//! guide as one document ([`whole`]), or the step a typed step code names ([`code`]).

pub mod code;
pub mod whole;
pub mod wizard;

use leptos::prelude::*;

use crate::shell::Context;

/// The guide page's `<main>`: redrawn when the guide or the view changes, while
/// the wizard follows the steps within a guide by itself.
pub fn main(Context { index, place, lang, support, .. }: Context) -> AnyView {
    let guide = Memo::new(move |_| place.read().guide.clone());
    let whole = Memo::new(move |_| place.read().whole);
    let code = Memo::new(move |_| place.read().code.clone());
    (move || {
        let (index, support) = (index.clone(), support.clone());
        match (guide.get(), whole.get(), code.get()) {
            (Some(guide), false, _) => view! { <wizard::Wizard index guide place lang support/> }.into_any(),
            (Some(guide), true, _) => view! { <whole::WholeGuide index guide lang/> }.into_any(),
            (None, _, Some(typed)) => view! { <code::OpenCode index typed lang/> }.into_any(),
            (None, _, None) => super::to_start_page(),
        }
    })
    .into_any()
}
