//! Content on its way: the loading line, then the content, or what went wrong.

use leptos::prelude::*;

use veiviser_guide::Lang;

use crate::content::Problem;
use crate::i18n::Speak;

/// The line shown while content is being fetched.
pub fn loading(lang: Lang) -> AnyView {
    view! { <p class="loading">{lang.texts().loading}</p> }.into_any()
}

/// Shows the loading line until `resource` is there (a guide, all guides), its
/// problem if fetching or checking failed, or `view` of it.
pub fn when_loaded<T: Clone + Send + Sync + 'static>(
    resource: LocalResource<Result<T, Problem>>,
    lang: Lang,
    view: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || match resource.get() {
        None => loading(lang),
        Some(Err(problem)) => super::problem::problem(problem, lang),
        Some(Ok(loaded)) => view(loaded),
    }
}
