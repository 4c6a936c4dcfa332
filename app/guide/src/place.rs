//! Where the user is, as the URL's query names it: `?guide=mrs&step=har-kort`.
//!
//! Everything lives in the query string of the one page, so the site works from
//! any static server under any sub-path, with no rewrite rules, and every step
//! can be linked, bookmarked and reloaded.

/// A place in the site: the start page (no guide) or a step of a guide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub guide: Option<String>,
    /// The step; `None` means the guide's start.
    pub step: Option<String>,
}

impl Place {
    /// The start page.
    pub fn start_page() -> Place {
        Place::default()
    }

    /// A step of a guide (`None`: its start).
    pub fn step(guide: &str, step: Option<&str>) -> Place {
        Place { guide: Some(guide.to_owned()), step: step.map(str::to_owned) }
    }

    /// Reads a place from a query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> Place {
        let mut place = Place::default();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            let value = Some(value.into_owned()).filter(|v| !v.is_empty());
            match key.as_ref() {
                "guide" => place.guide = value,
                "step" => place.step = value,
                _ => {}
            }
        }
        place
    }

    /// The query string for this place, with its leading `?` (just `?` for the start page).
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(guide) = &self.guide {
            query.append_pair("guide", guide);
            if let Some(step) = &self.step {
                query.append_pair("step", step);
            }
        }
        format!("?{}", query.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_round_trips_through_the_query() {
        let place = Place::step("mrs", Some("har-kort"));
        assert_eq!(place.to_query(), "?guide=mrs&step=har-kort");
        assert_eq!(Place::from_query(&place.to_query()), place);
    }

    #[test]
    fn odd_characters_are_encoded() {
        let place = Place::step("a&b", Some("ø å"));
        assert_eq!(Place::from_query(&place.to_query()), place);
    }

    #[test]
    fn an_empty_query_is_the_start_page() {
        assert_eq!(Place::from_query(""), Place::start_page());
        assert_eq!(Place::from_query("?guide="), Place::start_page());
        assert_eq!(Place::start_page().to_query(), "?");
    }
}
