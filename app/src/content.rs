//! Fetches the index and guides from the deployed `content/` folder, so an
//! organisation edits the files and reloads: no rebuild.

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::check::{self, Loaded};
use veiviser_guide::source::Source;
use veiviser_guide::{index, Finding, GuideEntry, Index};

use crate::i18n::{fill, Lang};

/// Why content could not be shown: a fetch that failed, or findings in the files.
#[derive(Debug, Clone)]
pub enum Problem {
    Fetch { path: String, reason: String },
    Findings(Vec<Finding>),
}

impl Problem {
    /// Explains the problem on the page, for the user and for the author who can fix it.
    pub fn view(self, lang: Lang) -> AnyView {
        let t = lang.texts();
        match self {
            Problem::Fetch { path, reason } => view! {
                <section class="problem" role="alert">
                    <h1>{t.fetch_failed_title}</h1>
                    <p>{fill(t.fetch_failed, &[&path])} " " {reason}</p>
                    <p>{t.fetch_failed_advice}</p>
                </section>
            }
            .into_any(),
            Problem::Findings(findings) => view! {
                <section class="problem" role="alert">
                    <h1>{t.findings_title}</h1>
                    <p>{t.findings_intro}</p>
                    <ul class="findings">
                        {findings.into_iter().map(|f| view! { <li><code>{f.to_string()}</code></li> }).collect_view()}
                    </ul>
                </section>
            }
            .into_any(),
        }
    }
}

async fn fetch_text(path: &str) -> Result<String, Problem> {
    let url = format!("content/{path}");
    let failed = |reason: String| Problem::Fetch { path: url.clone(), reason };
    let response = gloo_net::http::Request::get(&url).send().await.map_err(|e| failed(e.to_string()))?;
    if !response.ok() {
        return Err(failed(format!("HTTP {} {}", response.status(), response.status_text())));
    }
    response.text().await.map_err(|e| failed(e.to_string()))
}

/// What the whole site starts from: the organisation's settings and the guide index.
#[derive(Clone)]
pub struct Site {
    pub settings: Arc<veiviser_guide::settings::Settings>,
    /// Problems in the settings, shown until fixed (defaults are used meanwhile).
    pub settings_findings: Vec<Finding>,
    /// The guides the settings show, in their order.
    pub index: Arc<Index>,
}

/// The guide index (`content/index.json`) and the settings (`settings.json`).
pub async fn fetch_site() -> Result<Site, Problem> {
    let text = fetch_text("index.json").await?;
    let mut index = index::parse(&Source::new("index.json", text)).map_err(|f| Problem::Findings(vec![f]))?;
    let (settings, settings_findings) = crate::organisation::fetch(&mut index).await;
    Ok(Site { settings: Arc::new(settings), settings_findings, index: Arc::new(index) })
}

/// A loaded guide with its index entry.
pub struct LoadedGuide {
    pub entry: GuideEntry,
    pub loaded: Loaded,
    /// The language asked for, when the guide does not exist in it.
    pub missing_lang: Option<String>,
    /// The step codes' numbers, worked out once per guide.
    pub numbers: veiviser_guide::code::Numbers,
}

impl LoadedGuide {
    /// A loaded guide with its step numbers.
    pub fn new(entry: GuideEntry, loaded: Loaded, missing_lang: Option<String>) -> LoadedGuide {
        let numbers = veiviser_guide::code::Numbers::of(&loaded.guide);
        LoadedGuide { entry, loaded, missing_lang, numbers }
    }
}

/// One guide file, parsed and checked on its own; errors become a [`Problem`].
pub async fn fetch_guide(index: Arc<Index>, id: String, lang: String) -> Result<Arc<LoadedGuide>, Problem> {
    let key = (id.clone(), lang.clone());
    if let Some(guide) = LOADED.with_borrow(|loaded| loaded.get(&key).cloned()) {
        return Ok(guide);
    }
    let entry = index.guide(&id).ok_or_else(|| Problem::Fetch {
        path: format!("content/{id}.{lang}.md"),
        reason: format!("the guide index has no guide `{id}`"),
    })?;
    let shown = entry.language_for(&lang);
    let missing_lang = (shown != lang).then(|| lang.clone());
    let path = entry.file(shown);
    let source = Source::new(path.clone(), fetch_text(&path).await?);
    let timing = Timing::start(&format!("veiviser:parse-check:{path}"));
    let (guide, mut findings) = veiviser_guide::guide::parse(&source);
    let loaded = Loaded { source, guide };
    // Steps of other guides are proven by `veiviser check`; here, that the guide is known.
    let context = check::Context {
        guide_exists: &|other, _| index.guide(other).is_some(),
        file_exists: &|_| None,
    };
    findings.extend(check::check_guide(&loaded, &entry.start, &context));
    timing.end();
    if veiviser_guide::finding::has_errors(&findings) {
        return Err(Problem::Findings(findings));
    }
    let guide = Arc::new(LoadedGuide::new(entry.clone(), loaded, missing_lang));
    LOADED.with_borrow_mut(|loaded| loaded.insert(key, Arc::clone(&guide)));
    Ok(guide)
}

thread_local! {
    /// Guides fetched and checked in this page's life, by id and language asked for:
    /// switching views, searching again or typing a code does not fetch them anew
    /// (a reload does, so edited content still shows at once).
    static LOADED: std::cell::RefCell<std::collections::HashMap<(String, String), Arc<LoadedGuide>>> =
        Default::default();
}

/// A User Timing measure (seen in the browser's performance tools and by `cargo xtask bench`).
struct Timing {
    name: String,
}

impl Timing {
    fn start(name: &str) -> Timing {
        if let Some(performance) = performance() {
            let _ = performance.mark(&format!("{name}:start"));
        }
        Timing { name: name.to_owned() }
    }

    fn end(self) {
        if let Some(performance) = performance() {
            let _ = performance.measure_with_start_mark(&self.name, &format!("{}:start", self.name));
        }
    }
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// The guide `id` in language `lang` (or the guide's own language), fetched once.
pub fn use_guide(index: Arc<Index>, id: String, lang: Lang) -> LocalResource<Result<Arc<LoadedGuide>, Problem>> {
    LocalResource::new(move || fetch_guide(Arc::clone(&index), id.clone(), lang.code().to_owned()))
}

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
        Some(Err(problem)) => problem.view(lang),
        Some(Ok(loaded)) => view(loaded),
    }
}

/// Says that the guide is not in the language asked for, and offers those it has.
pub fn missing_language_notice(guide: &LoadedGuide, lang: Lang) -> Option<AnyView> {
    let missing = guide.missing_lang.as_deref()?;
    let t = lang.texts();
    let shown = crate::i18n::language_name_in(&guide.loaded.guide.lang, lang);
    let text = fill(t.not_in_language, &[&crate::i18n::language_name_in(missing, lang), &shown]);
    let offers = guide
        .entry
        .languages
        .iter()
        .filter_map(|code| Lang::from_code(code))
        .map(|other| {
            let place = veiviser_guide::Place { lang: Some(other.code().into()), ..veiviser_guide::Place::step(&guide.entry.id, None) };
            view! { <li><a href=crate::link::href(&place) lang=other.code() hreflang=other.code()>{other.name()}</a></li> }
        })
        .collect_view();
    Some(
        view! {
            <div class="note" role="status">
                <p>{text}</p>
                <p>{t.available_in}</p>
                <ul>{offers}</ul>
            </div>
        }
        .into_any(),
    )
}

/// Every guide of the index in language `lang` (or each guide's own), for the
/// helpdesk page, search and step codes; fetched when such a page needs them.
pub async fn fetch_all(index: Arc<Index>, lang: Lang) -> Result<Arc<Vec<Arc<LoadedGuide>>>, Problem> {
    let mut guides = Vec::new();
    for entry in &index.guides {
        guides.push(fetch_guide(Arc::clone(&index), entry.id.clone(), lang.code().to_owned()).await?);
    }
    Ok(Arc::new(guides))
}

/// The link that opens `step` of `guide` outright, with the answers that lead there.
pub fn step_href(guide: &LoadedGuide, step: &str) -> String {
    let g = &guide.loaded.guide;
    let answers = veiviser_guide::journey::answers_to(g, &guide.entry.start, step).unwrap_or_default();
    crate::link::href(&veiviser_guide::Place::answered(&g.id, step, &answers))
}
