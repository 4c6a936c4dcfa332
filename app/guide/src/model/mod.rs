//! The model: what the content files say, parsed and nothing more. A guide file
//! ([`source`]) becomes a [`guide::Guide`] of steps and their ways on; the index
//! lists the guides with their support contacts; problems are [`finding`]s at a
//! file, line and column. Everything else in the crate reads the model; the
//! model reads nothing else in the crate.

pub mod code;
pub mod finding;
pub mod frontmatter;
pub mod guide;
pub mod holiday;
pub mod index;
pub mod lang;
pub mod live_check;
pub mod localized;
pub mod source;
pub mod support;
