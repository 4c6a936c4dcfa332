//! The helper in words, shared by a step's live panel and the diagnostics page:
//! what the page needs before it may ask, why it cannot see the helper (each
//! reason with what to do), and a certificate as the user reads it.

use leptos::prelude::*;

use veiviser_guide::live::network_access::{Obstacle, Permission};
use veiviser_guide::live::{diagnose, CardFamily, Certificate, Fault, Purpose, ReadVia, Service, Status};
use veiviser_guide::{Lang, Place, ToolsPage};

use crate::helper_client::Helper;
use crate::browser::{intl, navigation};
use crate::i18n::{fill, Speak, Texts};
use crate::link;

use veiviser_api::origin::{origins_folders, ORIGINS_FILE};

/// The browser would ask first: what the check does, and the button that starts it.
pub fn needs_click(helper: Helper, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    view! {
        <p>{t.needs_click}</p>
        <p><button type="button" class="button" on:click=move |_| helper.ask()>{t.check_reader}</button></p>
    }
}

/// The id of the diagnostics page's install text, which the help link lands on.
pub const INSTALL: &str = "install";

/// Why the page cannot see the helper, and what to do about it.
pub fn unreachable(why: Obstacle, helper: Helper, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let try_again = move || view! { <p><button type="button" class="button secondary" on:click=move |_| helper.ask()>{t.try_again}</button></p> };
    match why {
        Obstacle::NotRunning => view! {
            <p class="warning">{t.helper_unavailable}</p>
            <p><a href=format!("{}#{INSTALL}", link::href(&Place::tools_page(ToolsPage::Diagnostics)))>{t.helper_how}</a></p>
        }
        .into_any(),
        Obstacle::BlockedByBrowser => view! {
            <p class="warning">{t.blocked}</p>
            <p>{t.blocked_how}</p>
            <p>{t.blocked_managed} " " <a href=link::href(&Place::tools_page(ToolsPage::ForIt))>{t.for_it}</a></p>
            {try_again()}
        }
        .into_any(),
        Obstacle::NeedsHttps => view! {
            <p class="warning">{t.needs_https}</p>
            <p><a href=link::href(&Place::tools_page(ToolsPage::ForIt))>{t.for_it}</a></p>
        }
        .into_any(),
        Obstacle::OriginNotAllowed => view! {
            <p class="warning">{fill(t.origin_not_allowed, &[&navigation::origin(), ORIGINS_FILE, &origins_folders()])}</p>
            <p><a href=link::href(&Place::tools_page(ToolsPage::ForIt))>{t.for_it}</a></p>
        }
        .into_any(),
    }
}

/// The same in one line of plain text, for the report copied for the helpdesk.
pub fn unreachable_text(why: Obstacle, lang: Lang) -> String {
    let t = lang.texts();
    match why {
        Obstacle::NotRunning => t.helper_unavailable.to_owned(),
        Obstacle::BlockedByBrowser => t.blocked.to_owned(),
        Obstacle::NeedsHttps => t.needs_https.to_owned(),
        Obstacle::OriginNotAllowed => fill(t.origin_not_allowed, &[&navigation::origin(), ORIGINS_FILE, &origins_folders()]),
    }
}

/// The browser's permission as the user reads it.
pub fn permission_words(permission: Option<Permission>, t: &'static Texts) -> &'static str {
    match permission {
        Some(Permission::Granted) => t.perm_granted,
        Some(Permission::Prompt) => t.perm_prompt,
        Some(Permission::Denied) => t.perm_denied,
        Some(Permission::Unknown) => t.perm_unknown,
        None => t.not_known,
    }
}

/// One certificate as a line: issuer, purpose, valid until.
pub fn certificate_line(c: &Certificate, lang: Lang) -> String {
    let t = lang.texts();
    let mut line = fill(t.certificate_line, &[&c.issuer_cn, purpose(t, c.purpose), &intl::date(&c.not_after, lang)]);
    if c.expired {
        line.push_str(t.expired_mark);
    }
    line
}

/// A certificate purpose as the user reads it.
pub fn purpose(t: &'static Texts, purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Authentication => t.authentication,
        Purpose::Signing => t.signing,
        Purpose::Encryption => t.encryption,
        Purpose::Other => t.other_purpose,
    }
}

/// A card family as the user reads it.
pub fn family_name(family: CardFamily, t: &'static Texts) -> String {
    match family {
        CardFamily::Unknown => t.unknown_family.to_owned(),
        family => family.name().to_owned(),
    }
}

/// Who reads a card the helper cannot: the family's card software, named where it is known.
pub fn card_software(family: CardFamily, t: &'static Texts) -> String {
    family.card_software().map_or_else(|| t.card_software.to_owned(), |name| fill(t.card_software_named, &[name]))
}

/// What the helper sees as lines of text: the service, each reader, its card.
pub fn lines(status: &Status, lang: Lang) -> Vec<String> {
    let t = lang.texts();
    let mut lines = Vec::new();
    lines.push(if status.service == Service::Ok { t.service_ok } else { t.service_down }.to_owned());
    if status.service == Service::Ok && status.readers.is_empty() {
        lines.push(t.no_reader.to_owned());
    }
    for reader in &status.readers {
        let name = if reader.is_virtual() { format!("{}{}", reader.name, t.virtual_reader) } else { reader.name.clone() };
        match &reader.card {
            None => lines.push(format!("{}: {name} – {}", t.reader, t.no_card)),
            Some(card) if !card.kind.is_read() && card.certificates.is_empty() && !card.is_reading() => {
                let not_read = fill(t.card_not_read, &[&family_name(card.family, t), &card.atr]);
                lines.push(format!("{}: {name} – {not_read}", t.reader));
            }
            Some(card) => {
                let kind = fill(t.card_kind, &[card.kind.name(), &card.certificates.len().to_string()]);
                lines.push(format!("{}: {name} – {kind}", t.reader));
                if card.family != CardFamily::Unknown {
                    lines.push(format!("  {}", fill(t.card_family, &[card.family.name()])));
                }
                if card.via == ReadVia::WindowsCardStore {
                    lines.push(format!("  {}", t.via_windows));
                }
                for certificate in &card.certificates {
                    lines.push(format!("  {}", certificate_line(certificate, lang)));
                }
                lines.push(match card.pin_tries_left {
                    Some(0) => format!("  {}", t.pin_blocked),
                    Some(n) => format!("  {}", fill(t.pin_left, &[&n.to_string()])),
                    None => format!("  {}", t.pin_unknown),
                });
            }
        }
    }
    lines
}

/// What is wrong and what to do: the helper's own diagnosis ([`diagnose`]) in the user's language.
pub fn advice(status: &Status, t: &'static Texts) -> Vec<String> {
    let findings = diagnose(status);
    if findings.is_empty() {
        return vec![t.nothing_wrong.to_owned()];
    }
    let numbered = |template: &str, reader: usize| fill(template, &[&(reader + 1).to_string()]);
    findings
        .into_iter()
        .map(|finding| match finding {
            Fault::ServiceNotRunning => t.find_service_not_running.to_owned(),
            Fault::ServiceError => t.find_service_error.to_owned(),
            Fault::NoReader => t.find_no_reader.to_owned(),
            Fault::NoCard => t.find_no_card.to_owned(),
            Fault::StillReading { reader } => numbered(t.find_still_reading, reader),
            Fault::Unreadable { reader } => numbered(t.find_unreadable, reader),
            Fault::PinBlocked { reader } => numbered(t.find_pin_blocked, reader),
            Fault::UnknownCard { reader } => {
                let card = status.readers[reader].card.as_ref();
                let (family, atr) = card.map_or((CardFamily::Unknown, ""), |c| (c.family, c.atr.as_str()));
                let software = card_software(family, t);
                fill(t.find_unknown_card, &[&(reader + 1).to_string(), &software, &family_name(family, t), atr])
            }
            Fault::NoCertificates { reader } => numbered(t.find_no_certificates, reader),
            Fault::AllExpired { reader } => numbered(t.find_all_expired, reader),
            Fault::SeveralCards => t.find_several_cards.to_owned(),
        })
        .collect()
}
