//! The app's own words in Norwegian bokmål (the default), Swedish and English,
//! one file per language. Guides bring their own languages; these are the words
//! around them. `{}` marks where a value goes; every language has the same ones.

use veiviser_guide::Lang;

mod en;
mod nb;
mod sv;

/// The words of the interface in a language.
pub trait Speak {
    /// The words of the interface in this language.
    fn texts(self) -> &'static Texts;
}

impl Speak for Lang {
    fn texts(self) -> &'static Texts {
        match self {
            Lang::Nb => &nb::NB,
            Lang::Sv => &sv::SV,
            Lang::En => &en::EN,
        }
    }
}

/// The name of a language code as a phrase in `lang` ("på svensk"), for notices.
pub fn language_name_in(code: &str, lang: Lang) -> String {
    let name = |nb: &str, sv: &str, en: &str| match lang {
        Lang::Nb => nb.to_owned(),
        Lang::Sv => sv.to_owned(),
        Lang::En => en.to_owned(),
    };
    match code {
        "nb" => name("norsk bokmål", "norskt bokmål", "Norwegian Bokmål"),
        "sv" => name("svensk", "svenska", "Swedish"),
        "en" => name("engelsk", "engelska", "English"),
        other => other.to_owned(),
    }
}

/// Declares [`Texts`] with a field per text, and [`Texts::all`] to walk them.
macro_rules! texts {
    ($($name:ident),* $(,)?) => {
        /// Every text of the interface in one language.
        pub struct Texts {
            $(pub $name: &'static str,)*
        }

        impl Texts {
            /// Every text with its name, in order (for the test that compares languages).
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

texts!(
    skip_to_content,
    loading,
    start_heading,
    resume,
    back,
    to_start_page,
    back_to_start_page,
    your_answer,
    moved_note,
    gone_note,
    your_answers,
    change,
    change_hidden,
    whole_guide,
    start_over,
    guide_navigation,
    back_to_wizard,
    end_of_guide,
    whole_guide_title,
    fetch_failed_title,
    fetch_failed,
    fetch_failed_advice,
    findings_title,
    findings_intro,
    no_start_step,
    language,
    not_in_language,
    available_in,
    helper_unavailable,
    helper_how,
    go_on_by_hand,
    connecting,
    service_down,
    no_reader,
    waiting_for_card,
    card_in,
    card_removed,
    reading_card,
    pick_certificate,
    certificate_expired,
    certificate_missing,
    card_not_read_live,
    on_card,
    certificate_line,
    expired_mark,
    pin_left,
    pin_last,
    pin_blocked,
    pin_unknown,
    authentication,
    signing,
    encryption,
    other_purpose,
    diagnostics,
    diagnostics_intro,
    helper_version,
    service_ok,
    reader,
    no_card,
    card_kind,
    card_family,
    card_not_read,
    via_windows,
    unknown_family,
    card_software,
    card_software_named,
    browser,
    copy_for_helpdesk,
    copied,
    install_helper,
    needs_click,
    check_reader,
    blocked,
    blocked_how,
    blocked_managed,
    try_again,
    needs_https,
    origin_not_allowed,
    diag_secure,
    diag_permission,
    diag_answered,
    diag_origin,
    diag_allowed,
    yes,
    no,
    not_known,
    perm_granted,
    perm_prompt,
    perm_denied,
    perm_unknown,
    what_to_do,
    nothing_wrong,
    find_service_not_running,
    find_service_error,
    find_no_reader,
    find_no_card,
    find_still_reading,
    find_unreadable,
    find_pin_blocked,
    find_unknown_card,
    find_no_certificates,
    find_all_expired,
    find_several_cards,
    virtual_reader,
    for_it,
    for_it_intro,
    for_it_place,
    file_copied,
    copy,
    download,
    need_help,
    local_it,
    tell_code,
    copy_for_support,
    support_copied,
    helper_not_asked,
    link_label,
    copy_link,
    link_copied,
    code_label,
    open,
    code_not_found,
    helpdesk,
    helpdesk_intro,
    diagram,
    code,
    step,
    search,
    search_label,
    no_hits,
    hits,
    support,
    phone,
    email,
    open_now,
    closed_opens,
    closed,
    weekdays,
    today,
    times_in,
    settings_problem,
    findings_for_author,
    unknown_guide_title,
    unknown_guide,
    guide_broken,
    not_searched,
    content_notes,
    legend_step,
    legend_start,
    legend_end,
    legend_checks_card,
    legend_back,
    diagram_description,
);

/// `template` with each `{}` replaced by the next of `values`. A template and
/// its values always match: every language has the same placeholders (tested).
/// A value set in quotes (`«{}»`) has its own quotes of that kind made inner ones.
pub fn fill(template: &str, values: &[&str]) -> String {
    debug_assert_eq!(template.matches("{}").count(), values.len(), "{template}");
    let mut out = String::new();
    let mut values = values.iter();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        let outer = out.chars().next_back().unwrap_or(' ');
        out.push_str(&veiviser_guide::model::lang::nested_in(outer, values.next().copied().unwrap_or_default()));
        out.push_str(part);
    }
    out
}

/// The number of `{}` in each text of `lang`, by name.
pub fn placeholders(lang: Lang) -> Vec<(&'static str, usize)> {
    lang.texts().all().into_iter().map(|(name, text)| (name, text.matches("{}").count())).collect()
}
