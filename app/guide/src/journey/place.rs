//! Where the user is, as the URL names it: a step of a guide has a page of its
//! own, written at build time (`nb/mrs/pin.html?a=hvordan.sett-inn-kort`, the
//! language, the guide and the step in the path, the answers in the query);
//! everything else lives in the query string of one of the site's three HTML
//! pages (`guide.html?guide=mrs&view=all`, `tools.html?page=search`), and so do
//! older links (`guide.html?guide=mrs&step=pin`).
//!
//! Every address is a file, so the site works from any static server under any
//! sub-path with no rewrite rules, and every step can be linked, bookmarked and
//! reloaded with the answers that lead to it. Which of the site's three HTML
//! pages shows a place is its [`Bundle`]: each page loads only the code it
//! needs, so the start page comes quickly.
//! A "page" is what the user sees at one address: the start page, a guide's
//! page, or one of the [`ToolsPage`]s.

use super::answers::Answers;
use crate::model::lang::Lang;

/// A place in the site: the start page, a step of a guide, or a whole guide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub guide: Option<String>,
    /// The step; `None` means the guide's start.
    pub step: Option<String>,
    /// The ways chosen so far (`a=step.target`, in order).
    pub answers: Answers,
    /// The step a link asked for when it did not fit its answers (shown as a note).
    pub from: Option<String>,
    /// The whole guide as one document, for reading and printing.
    pub whole: bool,
    /// The interface language chosen with the language switcher.
    pub lang: Option<Lang>,
    /// One of the tools pages instead of a guide.
    pub tools_page: Option<ToolsPage>,
    /// What was searched for, on the search page.
    pub query: Option<String>,
    /// A step code typed in (`MRS-186`): the guide page opens the step it names.
    pub code: Option<String>,
}

/// One of the tools pages, all in `tools.html` (`tools.html?page=…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolsPage {
    /// Every guide and step with its code, for the helpdesk.
    Helpdesk,
    Search,
    /// What the helper and the browser see.
    Diagnostics,
    /// The IT kit: browser policies, the helper's origins, the CSP.
    ForIt,
}

impl ToolsPage {
    /// Every page, in the footer's order.
    pub const ALL: [ToolsPage; 4] = [ToolsPage::Search, ToolsPage::Helpdesk, ToolsPage::Diagnostics, ToolsPage::ForIt];

    /// The page's name in the query (`page=diagnostics`).
    pub fn name(self) -> &'static str {
        match self {
            ToolsPage::Helpdesk => "helpdesk",
            ToolsPage::Search => "search",
            ToolsPage::Diagnostics => "diagnostics",
            ToolsPage::ForIt => "it",
        }
    }

    /// The page a query names; `None` for a name no page has.
    pub fn from_name(name: &str) -> Option<ToolsPage> {
        ToolsPage::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The HTML file, with its own WebAssembly bundle, that shows a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The start page (`index.html`, the folder's own address).
    Start,
    /// A guide step by step, or as one document (`guide.html`).
    Guide,
    /// The helpdesk, search and diagnostics pages (`tools.html`).
    Tools,
}

impl Bundle {
    /// The page that shows an address inside the site folder (`nb/mrs/pin.html`,
    /// `tools.html`); `None` for any other file (`content/skjema.pdf`).
    pub fn of_address(path: &str) -> Option<Bundle> {
        let place = Place::from_address(path, "");
        if place.page_path().is_some() {
            return Some(place.bundle());
        }
        [Bundle::Start, Bundle::Guide, Bundle::Tools]
            .into_iter()
            .find(|bundle| path == bundle.file() || (*bundle == Bundle::Start && path == PAGE_INDEX))
    }

    /// The file's name, relative to the site's folder (the start page's is the folder).
    pub fn file(self) -> &'static str {
        match self {
            Bundle::Start => "",
            Bundle::Guide => "guide.html",
            Bundle::Tools => "tools.html",
        }
    }
}

/// The file of a folder's own page: a start page in a language, a guide's start.
pub const PAGE_INDEX: &str = "index.html";

/// True for an id that is a file name as it stands in any server and URL.
fn is_file_name(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The site folder in a page's path: `/veiviser/` for `/veiviser/nb/mrs/pin.html`,
/// `/veiviser/guide.html` or `/veiviser/`. A guess from the path alone, for a page
/// that does not name its folder (the pages the build writes do, in start.js's
/// `data-root`): a folder whose own name reads as a language (`/sv/veiviser/`)
/// is then taken for one, except on the guide and tools pages.
pub fn site_folder(path: &str) -> &str {
    let folder = &path[..path.rfind('/').map_or(0, |slash| slash + 1)];
    if matches!(Bundle::of_address(&path[folder.len()..]), Some(Bundle::Guide | Bundle::Tools)) {
        return folder;
    }
    let within = |up: usize| {
        let mut end = folder.len();
        for _ in 0..up {
            end = folder[..end.saturating_sub(1)].rfind('/').map(|slash| slash + 1)?;
        }
        Some(&folder[..end])
    };
    for up in [2, 1] {
        if let Some(site) = within(up) {
            let address = &path[site.len()..];
            if Place::from_address(address, "").page_path().is_some() {
                return site;
            }
        }
    }
    folder
}

impl Place {
    /// The start page.
    pub fn start_page() -> Place {
        Place::default()
    }

    /// A step of a guide (`None`: its start), with no answers.
    pub fn step(guide: &str, step: Option<&str>) -> Place {
        Place { guide: Some(guide.to_owned()), step: step.map(str::to_owned), ..Place::default() }
    }

    /// A step of a guide reached with `answers`.
    pub fn answered(guide: &str, step: &str, answers: &Answers) -> Place {
        Place { answers: answers.clone(), ..Place::step(guide, Some(step)) }
    }

    /// The whole guide as one document.
    pub fn whole_guide(guide: &str) -> Place {
        Place { whole: true, ..Place::step(guide, None) }
    }

    /// One of the tools pages.
    pub fn tools_page(page: ToolsPage) -> Place {
        Place { tools_page: Some(page), ..Place::default() }
    }

    /// The HTML file that shows this place.
    pub fn bundle(&self) -> Bundle {
        if self.tools_page.is_some() {
            Bundle::Tools
        } else if self.guide.is_some() || self.code.is_some() {
            Bundle::Guide
        } else {
            Bundle::Start
        }
    }

    /// The address of this place inside the site folder: its own page for a step
    /// or start page in a language (`nb/mrs/pin.html?a=…`, `sv/index.html`), else
    /// one of the three pages with a query (`guide.html?guide=mrs&view=all`).
    pub fn to_address(&self) -> String {
        match self.page_path() {
            Some(path) => {
                let rest = Place { guide: None, step: None, lang: None, ..self.clone() };
                let mut query = form_urlencoded::Serializer::new(String::new());
                for (step, target) in &rest.answers.0 {
                    query.append_pair("a", &format!("{step}.{target}"));
                }
                if let Some(from) = &rest.from {
                    query.append_pair("from", from);
                }
                let query = query.finish();
                if query.is_empty() { path } else { format!("{path}?{query}") }
            }
            None => self.to_query_address(),
        }
    }

    /// The address of this place on one of the site's three pages, with a query
    /// (`guide.html?lang=nb&guide=mrs&step=pin&a=…`): there whether or not a
    /// page of its own was built.
    pub fn to_query_address(&self) -> String {
        format!("{}{}", self.bundle().file(), self.to_query())
    }

    /// The path of this place's own page (`nb/mrs/pin.html`), if it has one: a
    /// step or a start page in a named language, with ids a file name can carry.
    pub fn page_path(&self) -> Option<String> {
        let lang = self.lang?.code();
        if self.whole || self.tools_page.is_some() || self.code.is_some() || self.query.is_some() {
            return None;
        }
        match (&self.guide, &self.step) {
            (None, _) => Some(format!("{lang}/{PAGE_INDEX}")),
            (Some(guide), step) if is_file_name(guide) => match step {
                None => Some(format!("{lang}/{guide}/{PAGE_INDEX}")),
                Some(step) if is_file_name(step) && format!("{step}.html") != PAGE_INDEX => {
                    Some(format!("{lang}/{guide}/{step}.html"))
                }
                Some(_) => None,
            },
            (Some(_), _) => None,
        }
    }

    /// Reads a place from its address inside the site folder: a page path
    /// (`nb/mrs/pin.html`) and its query, or one of the three pages with a query.
    pub fn from_address(path: &str, query: &str) -> Place {
        let mut place = Place::from_query(query);
        let segments: Vec<&str> = path.split('/').collect();
        let file = |name: &str| match name {
            "" => Some(None),
            name if name == PAGE_INDEX => Some(None),
            name => name.strip_suffix(".html").filter(|n| is_file_name(n)).map(|n| Some(n.to_owned())),
        };
        match segments.as_slice() {
            [lang, name] => {
                if let (Some(lang), Some(None)) = (Lang::from_code(lang), file(name)) {
                    place = Place { lang: Some(lang), guide: None, step: None, ..place };
                }
            }
            [lang, guide, name] => {
                if let (Some(lang), true, Some(step)) = (Lang::from_code(lang), is_file_name(guide), file(name)) {
                    place = Place { lang: Some(lang), guide: Some((*guide).to_owned()), step, ..place };
                }
            }
            _ => {}
        }
        place
    }

    /// How many folders below the site folder this place's page is: the `../`
    /// its relative links need (`nb/mrs/pin.html`: 2).
    pub fn depth(&self) -> usize {
        self.page_path().map_or(0, |path| path.matches('/').count())
    }

    /// Reads a place from a query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> Place {
        let mut place = Place::default();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            let value = Some(value.into_owned()).filter(|v| !v.is_empty());
            match (key.as_ref(), value) {
                ("guide", value) => place.guide = value,
                ("step", value) => place.step = value,
                ("from", value) => place.from = value,
                ("view", Some(view)) => place.whole = view == "all",
                ("lang", value) => place.lang = value.as_deref().and_then(Lang::from_code),
                ("page", value) => place.tools_page = value.as_deref().and_then(ToolsPage::from_name),
                ("q", value) => place.query = value,
                ("code", value) => place.code = value,
                ("a", Some(pair)) => {
                    if let Some((step, target)) = pair.split_once('.') {
                        place.answers = place.answers.with(step, target);
                    }
                }
                _ => {}
            }
        }
        place
    }

    /// The query string for this place, with its leading `?` (just `?` for the start page).
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(lang) = self.lang {
            query.append_pair("lang", lang.code());
        }
        if let Some(page) = self.tools_page {
            query.append_pair("page", page.name());
        }
        if let Some(q) = &self.query {
            query.append_pair("q", q);
        }
        if let Some(code) = &self.code {
            query.append_pair("code", code);
        }
        if let Some(guide) = &self.guide {
            query.append_pair("guide", guide);
            if self.whole {
                query.append_pair("view", "all");
            }
            if let Some(step) = &self.step {
                query.append_pair("step", step);
            }
            for (step, target) in &self.answers.0 {
                query.append_pair("a", &format!("{step}.{target}"));
            }
            if let Some(from) = &self.from {
                query.append_pair("from", from);
            }
        }
        format!("?{}", query.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_with_answers_round_trips_through_the_query() {
        let answers = Answers::default().with("hvordan", "sett-inn-kort").with("to-sertifikater", "velg");
        let place = Place::answered("mrs", "pin", &answers);
        assert_eq!(place.to_query(), "?guide=mrs&step=pin&a=hvordan.sett-inn-kort&a=to-sertifikater.velg");
        assert_eq!(Place::from_query(&place.to_query()), place);
    }

    #[test]
    fn odd_characters_are_encoded() {
        let place = Place::step("a&b", Some("ø å"));
        assert_eq!(Place::from_query(&place.to_query()), place);
    }

    #[test]
    fn the_whole_guide_and_a_moved_link_are_named_in_the_query() {
        let place = Place { from: Some("velg".into()), ..Place::whole_guide("mrs") };
        assert_eq!(place.to_query(), "?guide=mrs&view=all&from=velg");
        assert_eq!(Place::from_query(&place.to_query()), place);
    }

    #[test]
    fn the_language_comes_first_and_round_trips() {
        let place = Place { lang: Some(Lang::Sv), ..Place::step("webcert", Some("signera")) };
        assert_eq!(place.to_query(), "?lang=sv&guide=webcert&step=signera");
        assert_eq!(Place::from_query(&place.to_query()), place);
    }

    #[test]
    fn each_place_is_shown_by_the_page_with_its_code() {
        assert_eq!(Place::start_page().bundle(), Bundle::Start);
        assert_eq!(Place { lang: Some(Lang::Sv), ..Place::start_page() }.bundle(), Bundle::Start);
        assert_eq!(Place::step("mrs", Some("pin")).bundle(), Bundle::Guide);
        assert_eq!(Place::whole_guide("mrs").bundle(), Bundle::Guide);
        assert_eq!(Place::from_query("?code=MRS-186").bundle(), Bundle::Guide);
        assert_eq!(Place::tools_page(ToolsPage::Helpdesk).bundle(), Bundle::Tools);
        assert_eq!(Place::from_query("?page=search&q=pin").bundle(), Bundle::Tools);
        assert_eq!(Bundle::Tools.file(), "tools.html");
    }

    #[test]
    fn pages_and_languages_are_read_by_name_and_unknown_names_are_dropped() {
        let place = Place::from_query("?lang=sv&page=diagnostics");
        assert_eq!((place.lang, place.tools_page), (Some(Lang::Sv), Some(ToolsPage::Diagnostics)));
        assert_eq!(Place::from_query(&place.to_query()), place);
        assert_eq!(Place::from_query("?lang=xx&page=nothing"), Place::start_page());
        for page in ToolsPage::ALL {
            assert_eq!(ToolsPage::from_name(page.name()), Some(page));
        }
    }

    #[test]
    fn a_typed_step_code_round_trips() {
        let place = Place::from_query("?code=MRS-186");
        assert_eq!(place.code.as_deref(), Some("MRS-186"));
        assert_eq!(place.to_query(), "?code=MRS-186");
    }

    #[test]
    fn an_empty_query_is_the_start_page() {
        assert_eq!(Place::from_query(""), Place::start_page());
        assert_eq!(Place::from_query("?guide="), Place::start_page());
        assert_eq!(Place::start_page().to_query(), "?");
    }

    #[test]
    fn a_step_in_a_language_has_a_page_of_its_own_with_the_answers_in_the_query() {
        let answers = Answers::default().with("hvordan", "sett-inn-kort");
        let place = Place { lang: Some(Lang::Nb), ..Place::answered("mrs", "pin", &answers) };
        assert_eq!(place.to_address(), "nb/mrs/pin.html?a=hvordan.sett-inn-kort");
        assert_eq!(Place::from_address("nb/mrs/pin.html", "?a=hvordan.sett-inn-kort"), place);
        assert_eq!(place.depth(), 2);
        let start = Place { lang: Some(Lang::Sv), ..Place::step("webcert", None) };
        assert_eq!(start.to_address(), "sv/webcert/index.html");
        assert_eq!(Place::from_address("sv/webcert/index.html", ""), start);
        assert_eq!(Place::from_address("sv/webcert/", ""), start);
    }

    #[test]
    fn the_start_page_in_a_language_has_a_page_and_without_one_is_the_folder() {
        let sv = Place { lang: Some(Lang::Sv), ..Place::start_page() };
        assert_eq!(sv.to_address(), "sv/index.html");
        assert_eq!(Place::from_address("sv/index.html", ""), sv);
        assert_eq!(Place::start_page().to_address(), "?");
        assert_eq!(Place::from_address("", ""), Place::start_page());
        assert_eq!(Place::from_address("index.html", ""), Place::start_page());
    }

    #[test]
    fn places_without_a_page_of_their_own_keep_the_query_of_their_bundle() {
        assert_eq!(Place::step("mrs", Some("pin")).to_address(), "guide.html?guide=mrs&step=pin");
        let whole = Place { lang: Some(Lang::Nb), ..Place::whole_guide("mrs") };
        assert_eq!(whole.to_address(), "guide.html?lang=nb&guide=mrs&view=all");
        let odd = Place { lang: Some(Lang::Nb), ..Place::step("mrs", Some("ø å")) };
        assert_eq!(Place::from_address("guide.html", &odd.to_address()["guide.html".len()..]), odd);
        let index = Place { lang: Some(Lang::Nb), ..Place::step("mrs", Some("index")) };
        assert_eq!(index.to_address(), "guide.html?lang=nb&guide=mrs&step=index");
    }

    #[test]
    fn an_older_link_to_the_guide_page_reads_as_before() {
        let place = Place::from_address("guide.html", "?guide=mrs&step=pin&a=hvordan.sett-inn-kort&lang=sv");
        assert_eq!(place.to_address(), "sv/mrs/pin.html?a=hvordan.sett-inn-kort");
    }

    #[test]
    fn a_path_that_only_looks_like_a_page_is_read_as_its_query() {
        assert_eq!(Place::from_address("xx/mrs/pin.html", "?guide=a"), Place::step("a", None));
        assert_eq!(Place::from_address("nb/m rs/pin.html", ""), Place::start_page());
        assert_eq!(Place::from_address("nb/mrs/pin.htm", ""), Place::start_page());
    }

    #[test]
    fn each_address_is_shown_by_its_bundle_and_files_by_none() {
        assert_eq!(Bundle::of_address("nb/mrs/pin.html"), Some(Bundle::Guide));
        assert_eq!(Bundle::of_address("sv/index.html"), Some(Bundle::Start));
        assert_eq!(Bundle::of_address(""), Some(Bundle::Start));
        assert_eq!(Bundle::of_address("index.html"), Some(Bundle::Start));
        assert_eq!(Bundle::of_address("guide.html"), Some(Bundle::Guide));
        assert_eq!(Bundle::of_address("tools.html"), Some(Bundle::Tools));
        assert_eq!(Bundle::of_address("content/skjema.pdf"), None);
    }

    #[test]
    fn the_site_folder_is_found_under_any_sub_path() {
        assert_eq!(site_folder("/veiviser/nb/mrs/pin.html"), "/veiviser/");
        assert_eq!(site_folder("/veiviser/nb/mrs/"), "/veiviser/");
        assert_eq!(site_folder("/veiviser/sv/index.html"), "/veiviser/");
        assert_eq!(site_folder("/veiviser/guide.html"), "/veiviser/");
        assert_eq!(site_folder("/veiviser/"), "/veiviser/");
        assert_eq!(site_folder("/nb/mrs/pin.html"), "/");
        assert_eq!(site_folder("/a/b/tools.html"), "/a/b/");
        assert_eq!(site_folder("/sv/veiviser/guide.html"), "/sv/veiviser/");
        assert_eq!(site_folder("/en/x/tools.html"), "/en/x/");
        assert_eq!(site_folder(""), "");
    }
}
