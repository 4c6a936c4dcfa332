//! Components more than one page shows. They depend on the browser layer and
//! the guide model, never on a page.

pub mod code_box;
pub mod contact;
pub mod help;
pub mod helper_status;
pub mod language_switcher;
pub mod live_panel;
pub mod loading;
pub mod missing_language;
pub mod problem;
pub mod search_form;
