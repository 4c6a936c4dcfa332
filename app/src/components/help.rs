//! "Trenger du hjelp?" on every step: the support of the guide's service (open
//! now, or when it opens), then the organisation's own, the step code to give
//! them, and one button that copies what the helpdesk needs: the code, a link to
//! this very step with its answers, and what the helper sees (never anything
//! that identifies the user; the helper sends nothing of the kind).

use leptos::prelude::*;

use veiviser_guide::site::settings::PRODUCT_NAME;
use veiviser_guide::Contact;
use veiviser_guide::{Lang, Step};

use super::contact;
use super::helper_status;
use crate::helper_client::{Helper, HelperState};
use crate::browser::clipboard;
use crate::content::LoadedGuide;
use crate::i18n::Speak;
use crate::link;

/// The help block of `step`; `organisation` is the site's own support contact.
pub fn help(guide: &LoadedGuide, step: &Step, organisation: Option<&Contact>, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let heading = format!("help-{}", step.id);
    let labelled_by = heading.clone();
    // The index is checked by `veiviser check`, not here: show only well-written values.
    let contacts = guide.entry.support.iter().chain(organisation).map(|c| contact_block(&c.without_problems(), lang)).collect_view();
    let code = guide.code(&step.id);
    let link_copied = RwSignal::new(false);
    let copy_link = move |_| {
        leptos::task::spawn_local(async move {
            if clipboard::copy(&link::to_share(lang)).await {
                link_copied.set(true);
            }
        })
    };
    let report_copied = RwSignal::new(false);
    let report = report(guide, step, code.clone(), lang);
    let copy_report = move |_| {
        let text = report();
        leptos::task::spawn_local(async move {
            if clipboard::copy(&text).await {
                report_copied.set(true);
            }
        })
    };
    let code = code.map(|code| {
        view! {
            <p class="step-code">
                {t.tell_code} " " <strong class="code">{code}</strong> " "
                <button type="button" class="link-button" on:click=copy_link>{t.copy_link}</button>
                <span role="status">{move || link_copied.get().then_some(t.link_copied)}</span>
            </p>
        }
    });
    view! {
        <aside class="help" aria-labelledby=labelled_by>
            <h2 id=heading>{t.need_help}</h2>
            {contacts}
            {code}
            <p>
                <button type="button" class="link-button" on:click=copy_report>{t.copy_for_support}</button>
                <span role="status">{move || report_copied.get().then_some(t.support_copied)}</span>
            </p>
        </aside>
    }
}

fn contact_block(c: &Contact, lang: Lang) -> AnyView {
    let t = lang.texts();
    if c.local_it && !c.has_channel() {
        return view! { <p class="help-contact">{t.local_it}</p> }.into_any();
    }
    let about = c.about.get(lang.code()).map(|about| view! { <p class="hint">{about.to_owned()}</p> });
    view! {
        <div class="help-contact">
            <h3>{contact::name(c, lang)}</h3>
            {about}
            {contact::reach(c, lang)}
        </div>
    }
    .into_any()
}

/// The text the helpdesk needs, made when the button is pressed (the helper may have answered since).
fn report(guide: &LoadedGuide, step: &Step, code: Option<String>, lang: Lang) -> impl Fn() -> String + 'static {
    let t = lang.texts();
    let heading = format!("{PRODUCT_NAME} – {}\n{}{}\n", guide.loaded.guide.title, step.title, code.map(|c| format!(" ({c})")).unwrap_or_default());
    // Only what the page already knows: copying never makes the page call the helper.
    let helper = use_context::<Helper>();
    move || {
        let mut out = format!("{heading}{}: {}\n\n", t.link_label, link::to_share(lang));
        match helper.filter(|h| h.started()).map(|h| h.state().get_untracked()) {
            Some(HelperState::Seen(status)) => {
                for line in helper_status::lines(&status, lang) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            Some(HelperState::Unreachable(why)) => out.push_str(&helper_status::unreachable_text(why, lang)),
            _ => out.push_str(t.helper_not_asked),
        }
        out
    }
}
