//! The guide model of Veiviser, free of browser and PC/SC calls.
//!
//! Data flows one way, and the folders follow it:
//! - [`model`]: what the content files say, parsed: a guide of steps and ways
//!   on, the index of guides, support contacts, step codes, findings;
//! - from the model, [`check`] proves the guides whole, [`journey`] walks the
//!   user's answers and names places in the site, [`live`] judges what the
//!   helper on the PC reports, [`site`] reads the organisation's settings and
//!   makes the IT kit, [`graph`] draws a guide and [`search`] finds steps;
//! - [`load`] parses and checks a whole content folder (model and checker
//!   together) and [`render`] turns a step's body into HTML, for the app and
//!   the command line, which consume all of the above.

pub mod check;
pub mod graph;
pub mod journey;
pub mod live;
pub mod load;
pub mod model;
pub mod render;
pub mod search;
pub mod site;

pub use journey::place::{Bundle, Place, ToolsPage};
pub use load::Loaded;
pub use model::finding::{Finding, Severity};
pub use model::guide::{Guide, Step, Target, Way, WayKind};
pub use model::index::{GuideEntry, Index};
pub use model::lang::Lang;
pub use model::localized::Localized;
pub use model::source::Source;
pub use model::support::Contact;
