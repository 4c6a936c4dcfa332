//! A field to type a step code into (`MRS-186`). A plain form: the guide page
//! (`?code=`) finds the step, so the page the field is on needs no guide code.

use leptos::prelude::*;

use veiviser_guide::{Bundle, Lang};

use crate::i18n::Speak;
use crate::link;

/// The step-code field and its button.
#[component]
pub fn CodeBox(lang: Lang) -> impl IntoView {
    let t = lang.texts();
    view! {
        <form class="code-box" action=link::page(Bundle::Guide) method="get">
            // The step opens in the language the code was typed in.
            <input type="hidden" name="lang" value=lang.code()/>
            <label for="step-code">{t.code_label}</label>
            <div class="code-row">
                <input id="step-code" name="code" type="text" autocomplete="off" spellcheck="false"/>
                <button type="submit" class="button">{t.open}</button>
            </div>
        </form>
    }
}
