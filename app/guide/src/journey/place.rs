//! Where the user is, as the URL's query names it:
//! `?guide=mrs&step=pin&a=hvordan.sett-inn-kort`.
//!
//! Everything lives in the query string, so the site works from any static
//! server under any sub-path, with no rewrite rules, and every step can be
//! linked, bookmarked and reloaded with the answers that lead to it. Which of the
//! site's three HTML files shows a place is its [`Bundle`]: each loads only the
//! code it needs, so the start page comes quickly. A "page" is what the user sees
//! at one address: the start page, a guide's page, or one of the [`ToolsPage`]s.

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
    /// The file's name, relative to the site's folder (the start page's is the folder).
    pub fn file(self) -> &'static str {
        match self {
            Bundle::Start => "",
            Bundle::Guide => "guide.html",
            Bundle::Tools => "tools.html",
        }
    }
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
}
