//! Progress remembered across reloads and visits: the last place in each guide,
//! kept in the browser's local storage (nothing leaves the browser).

use veiviser_guide::Place;

use crate::browser::storage;

fn key(guide: &str) -> String {
    format!("veiviser.progress.{guide}")
}

/// Remembers `place` as where the user is in its guide (not its language: the
/// way back opens in the language the user has then).
pub fn save(place: &Place) {
    if let Some(guide) = &place.guide {
        storage::set(&key(guide), &Place { lang: None, ..place.clone() }.to_query());
    }
}

/// Where the user last was in `guide`, if anywhere past the start.
pub fn load(guide: &str) -> Option<Place> {
    let place = Place::from_query(&storage::get(&key(guide))?);
    (place.guide.as_deref() == Some(guide) && (place.step.is_some() || !place.answers.is_empty())).then_some(place)
}

/// Forgets the progress in `guide` ("start over").
pub fn clear(guide: &str) {
    storage::remove(&key(guide));
}
