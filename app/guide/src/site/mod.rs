//! The site an organisation runs: its settings (`settings.json`: name, colours
//! checked for contrast, its own support, the helper's port, which guides show)
//! and the IT kit made from them for the administrators of managed PCs.

pub mod it_kit;
pub mod settings;
