//! The guide model of Veiviser, free of browser and PC/SC calls.
//!
//! Data flows one way: a content file ([`source`]) is parsed into a [`guide::Guide`]
//! of steps and their ways on, [`check`] proves the guides whole, and
//! [`render`] turns a step's body into HTML for the view.

pub mod check;
pub mod code;
pub mod finding;
pub mod frontmatter;
pub mod graph;
pub mod guide;
pub mod holiday;
pub mod index;
pub mod it_kit;
pub mod journey;
pub mod lang;
pub mod live;
pub mod load;
pub mod place;
pub mod reach;
pub mod render;
pub mod search;
pub mod settings;
pub mod source;
pub mod support;
pub mod status;

pub use finding::{Finding, Severity};
pub use guide::{Guide, Step, Target, Way, WayKind};
pub use index::{GuideEntry, Index};
pub use lang::Lang;
pub use place::{Bundle, Page, Place};
