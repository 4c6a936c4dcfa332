//! The "For IT" page: the IT kit for this very site ([`it_kit`]), the same files
//! that `veiviser it-kit` writes, each with where it goes, to copy or download.

use leptos::prelude::*;

use veiviser_guide::site::it_kit;
use veiviser_guide::Lang;

use crate::helper_client::Helper;
use crate::browser::{clipboard, navigation};
use crate::i18n::{fill, Speak};

/// The browser policies, the helper's origins file and the CSP for this site.
#[component]
pub fn ForIt(lang: Lang) -> impl IntoView {
    let t = lang.texts();
    crate::pages::title(&[t.for_it]);
    let origin = navigation::origin();
    // The port only: this page never calls the helper.
    let port = expect_context::<Helper>().port();
    let files = it_kit::files(std::slice::from_ref(&origin), port);
    let port = port.to_string();
    let sections = files
        .into_iter()
        .map(|file| {
            let id = format!("kit-{}", file.name.replace('.', "-"));
            let labelled_by = id.clone();
            let copied = RwSignal::new(false);
            let contents = file.contents.clone();
            let copy = move |_| {
                let contents = contents.clone();
                leptos::task::spawn_local(async move {
                    if clipboard::copy(&contents).await {
                        copied.set(true);
                    }
                });
            };
            let download = it_kit::data_url(&file.contents);
            view! {
                <section class="kit-file" aria-labelledby=labelled_by>
                    <h2 id=id><code>{file.name}</code></h2>
                    <p>{t.for_it_place} " " <span lang="en">{file.place}</span></p>
                    <pre tabindex="0"><code>{file.contents}</code></pre>
                    <p>
                        <a class="button secondary" href=download download=file.name>{t.download}</a> " "
                        <button type="button" class="button secondary" on:click=copy>{t.copy}</button> " "
                        <span role="status">{move || copied.get().then_some(t.file_copied)}</span>
                    </p>
                </section>
            }
        })
        .collect_view();
    view! {
        <h1>{t.for_it}</h1>
        <p>{fill(t.for_it_intro, &[&origin, &port, &port])}</p>
        {sections}
    }
}
