//! The content folder deployed with the site, fetched at run time (so an
//! organisation edits the files and reloads: no rebuild) and loaded by the same
//! loader as `veiviser check` ([`veiviser_guide::load`]).

use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

use veiviser_guide::model::code;
use veiviser_guide::site::settings::{self, Settings};
use veiviser_guide::{check, journey, load, Finding, GuideEntry, Index, Lang, Place, Source};

use crate::browser::fetch::{self, Failed};
use crate::browser::timing::Measure;
use crate::link;

/// Why content could not be shown: a fetch that failed, a guide the index does
/// not have, or findings in the files.
#[derive(Debug, Clone)]
pub enum Problem {
    Fetch { path: String, reason: String },
    UnknownGuide(String),
    Findings(Vec<Finding>),
}

async fn fetch_content(name: &str) -> Result<String, Problem> {
    let path = format!("content/{name}");
    fetch::text(&path).await.map_err(|e| Problem::Fetch { path, reason: e.to_string() })
}

/// What every page starts from: the organisation's settings and the guide index.
#[derive(Clone)]
pub struct Site {
    pub settings: Arc<Settings>,
    /// Values left out of the settings and of the index's contacts, shown at the
    /// top of every page until fixed (defaults are used meanwhile).
    pub settings_findings: Vec<Finding>,
    /// The whole index: every guide loads and is checked against it.
    pub index: Arc<Index>,
    /// The index file, where findings about a guide's entry point.
    pub index_source: Arc<Source>,
    /// The guides the start page lists, as the settings choose them.
    pub shown: Arc<Vec<GuideEntry>>,
}

/// The guide index (`content/index.json`) and the settings (`settings.json`).
pub async fn fetch_site() -> Result<Site, Problem> {
    // Both at once: neither waits on the other.
    let (index, settings) = futures::join!(fetch_content(load::INDEX), fetch::text(SETTINGS));
    Site::read(index?, settings)
}

/// The settings' file name, in the site folder.
pub const SETTINGS: &str = "settings.json";

impl Site {
    /// The site from the index's text and the settings file as it came (missing: the defaults).
    pub fn read(index: String, settings: Result<String, Failed>) -> Result<Site, Problem> {
        let index_source = Source::new(load::INDEX, index);
        let index = load::index(index_source.text.clone()).map_err(|f| Problem::Findings(vec![f]))?;
        let (settings, mut settings_findings, source) = match settings {
            Ok(text) => {
                let source = Source::new(SETTINGS, text);
                let (settings, findings) = settings::parse(&source);
                (settings, findings, Some(source))
            }
            // No settings file: the defaults.
            Err(Failed::Status(404, _)) => (Settings::default(), Vec::new(), None),
            Err(e) => (Settings::default(), vec![Finding::error(SETTINGS, (1, 1), e.to_string())], None),
        };
        let shown = match &source {
            Some(source) => {
                let (shown, findings) = settings.shown(&index, source);
                settings_findings.extend(findings);
                shown
            }
            None => index.guides.clone(),
        };
        // A contact value the help box leaves out is told here, where the organisation sees it.
        settings_findings.extend(index.guides.iter().flat_map(|entry| check::support_findings(&index_source, entry)));
        Ok(Site {
            settings: Arc::new(settings),
            settings_findings,
            index: Arc::new(index),
            index_source: Arc::new(index_source),
            shown: Arc::new(shown),
        })
    }
}

/// A loaded guide with its index entry.
pub struct LoadedGuide {
    pub entry: GuideEntry,
    pub loaded: veiviser_guide::Loaded,
    /// The language asked for, when the guide does not exist in it.
    pub missing_lang: Option<Lang>,
    /// The step codes' numbers, worked out once per guide.
    pub numbers: code::Numbers,
    /// The checker's warnings: the guide shows, and the helpdesk page lists them.
    pub warnings: Vec<Finding>,
}

impl LoadedGuide {
    /// A loaded guide with its step numbers.
    pub fn new(entry: GuideEntry, loaded: veiviser_guide::Loaded, missing_lang: Option<Lang>) -> LoadedGuide {
        let numbers = code::Numbers::of(&loaded.guide);
        LoadedGuide { entry, loaded, missing_lang, numbers, warnings: Vec::new() }
    }

    /// Guide `entry` from its file's `source`, checked against the whole index;
    /// its errors are the [`Problem`]. `missing_lang`: the language asked for, if not this one.
    pub fn read(index: &Index, index_source: &Source, entry: &GuideEntry, source: Source, missing_lang: Option<Lang>) -> Result<LoadedGuide, Problem> {
        let (loaded, findings) = load::guide(index, index_source, entry, source);
        if veiviser_guide::model::finding::has_errors(&findings) {
            return Err(Problem::Findings(findings));
        }
        Ok(LoadedGuide { warnings: findings, ..LoadedGuide::new(entry.clone(), loaded, missing_lang) })
    }

    /// The step code of `step` (`MRS-186`).
    pub fn code(&self, step: &str) -> Option<String> {
        self.numbers.number(step).map(|n| code::code(&self.entry, n))
    }

    /// The link that opens `step` outright, with the answers that lead there.
    pub fn step_href(&self, step: &str) -> String {
        let g = &self.loaded.guide;
        let answers = journey::answers_to(g, &self.entry.start, step).unwrap_or_default();
        link::href(&Place::answered(&g.id, step, &answers))
    }
}

/// The guides fetched and checked in this page's life, by id and language asked
/// for: switching views, searching again or typing a code does not fetch them
/// anew (a reload does, so edited content still shows at once). Provided by the
/// shell; the views take it where they start a fetch.
#[derive(Clone, Copy)]
pub struct Guides(
    StoredValue<HashMap<(String, Lang), Arc<LoadedGuide>>, LocalStorage>,
    /// The index file the guides are checked against (set once the site is read).
    StoredValue<Option<Arc<Source>>, LocalStorage>,
);

impl Guides {
    /// Makes an empty store available to the views of this page.
    pub fn provide() {
        provide_context(Guides(StoredValue::new_local(HashMap::new()), StoredValue::new_local(None)));
    }

    /// Records the index file, so a wrong `start` is reported in it.
    pub fn set_index_source(self, source: Arc<Source>) {
        self.1.set_value(Some(source));
    }

    /// The index file (an empty one before the site is read: positions then fall to 1:1).
    fn index_source(self) -> Arc<Source> {
        self.1.try_get_value().flatten().unwrap_or_else(|| Arc::new(Source::new(load::INDEX, "")))
    }

    /// The page's store.
    pub fn get() -> Guides {
        expect_context::<Guides>()
    }

    fn cached(self, key: &(String, Lang)) -> Option<Arc<LoadedGuide>> {
        self.0.try_with_value(|guides| guides.get(key).cloned()).flatten()
    }

    fn keep(self, key: (String, Lang), guide: Arc<LoadedGuide>) {
        self.0.try_update_value(|guides| guides.insert(key, guide));
    }
}

/// One guide file, fetched, parsed and checked against the whole index (once per
/// page, kept in `guides`); errors become a [`Problem`].
pub async fn fetch_guide(guides: Guides, index: Arc<Index>, id: String, lang: Lang) -> Result<Arc<LoadedGuide>, Problem> {
    let key = (id.clone(), lang);
    if let Some(guide) = guides.cached(&key) {
        return Ok(guide);
    }
    let index_source = guides.index_source();
    let entry = index.guide(&id).ok_or_else(|| Problem::UnknownGuide(id.clone()))?;
    let shown = entry.language_for(lang.code());
    let missing_lang = (shown != lang.code()).then_some(lang);
    let path = entry.file(shown);
    let source = Source::new(path.clone(), fetch_content(&path).await?);
    let measure = Measure::start(&format!("veiviser:parse-check:{path}"));
    let guide = Arc::new(LoadedGuide::read(&index, &index_source, entry, source, missing_lang)?);
    measure.end();
    guides.keep(key, Arc::clone(&guide));
    Ok(guide)
}

/// The guide `id` in language `lang` (or the guide's own language), fetched once.
pub fn use_guide(index: Arc<Index>, id: String, lang: Lang) -> LocalResource<Result<Arc<LoadedGuide>, Problem>> {
    let guides = Guides::get();
    LocalResource::new(move || fetch_guide(guides, Arc::clone(&index), id.clone(), lang))
}

/// One guide of the index as the pages that cover them all get it: loaded, or
/// what is wrong with it. Each guide stands alone: one broken guide is named in
/// its place and the others show whole.
#[derive(Clone)]
pub struct Each {
    pub entry: GuideEntry,
    pub guide: Result<Arc<LoadedGuide>, Problem>,
}

/// Every guide of the index in language `lang` (or each guide's own), fetched at
/// once, for the helpdesk page and search.
pub fn use_all(index: Arc<Index>, lang: Lang) -> LocalResource<Arc<Vec<Each>>> {
    let guides = Guides::get();
    LocalResource::new(move || {
        let index = Arc::clone(&index);
        async move {
            let fetches = index.guides.iter().map(|entry| {
                let fetch = fetch_guide(guides, Arc::clone(&index), entry.id.clone(), lang);
                async move { Each { entry: entry.clone(), guide: fetch.await } }
            });
            Arc::new(futures::future::join_all(fetches).await)
        }
    })
}