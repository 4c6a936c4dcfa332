//! The app's own words in Norwegian bokmål (the default), Swedish and English.
//! Guides bring their own languages; these are the words around them.

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nb,
    Sv,
    En,
}

impl Lang {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Sv, Lang::En];

    /// The language code (`nb`, `sv`, `en`), as in file names and `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language from its code.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Nb => "Norsk bokmål",
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    /// The words of the interface in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nb => &NB,
            Lang::Sv => &SV,
            Lang::En => &EN,
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

/// Every text of the interface; `{}` marks where a value goes.
pub struct Texts {
    pub skip_to_content: &'static str,
    pub loading: &'static str,
    pub start_heading: &'static str,
    pub resume: &'static str,
    pub back: &'static str,
    pub to_start_page: &'static str,
    pub back_to_start_page: &'static str,
    pub your_answer: &'static str,
    pub moved_note: &'static str,
    pub your_answers: &'static str,
    pub change: &'static str,
    pub change_hidden: &'static str,
    pub whole_guide: &'static str,
    pub start_over: &'static str,
    pub guide_navigation: &'static str,
    pub back_to_wizard: &'static str,
    pub end_of_guide: &'static str,
    pub whole_guide_title: &'static str,
    pub fetch_failed_title: &'static str,
    pub fetch_failed: &'static str,
    pub fetch_failed_advice: &'static str,
    pub findings_title: &'static str,
    pub findings_intro: &'static str,
    pub no_start_step: &'static str,
    pub language: &'static str,
    pub not_in_language: &'static str,
    pub available_in: &'static str,
}

/// Norwegian bokmål, the default.
pub const NB: Texts = Texts {
    skip_to_content: "Hopp til innholdet",
    loading: "Laster …",
    start_heading: "Hva vil du gjøre?",
    resume: "Fortsett der du slapp",
    back: "Tilbake",
    to_start_page: "Til forsiden",
    back_to_start_page: "Tilbake til forsiden",
    your_answer: " (ditt svar)",
    moved_note: "Lenken gjaldt steget «{}», som svarene i lenken ikke fører til. Du er her i stedet.",
    your_answers: "Dine svar",
    change: "Endre",
    change_hidden: " svaret på «{}»",
    whole_guide: "Se hele veiledningen",
    start_over: "Start på nytt",
    guide_navigation: "Navigasjon i veiledningen",
    back_to_wizard: "Til veiviseren",
    end_of_guide: "Slutt på veiledningen.",
    whole_guide_title: "hele veiledningen",
    fetch_failed_title: "Kunne ikke hente innholdet",
    fetch_failed: "Filen {} kunne ikke hentes:",
    fetch_failed_advice: "Prøv å laste siden på nytt. Hvis feilen varer, kontakt den som drifter nettstedet.",
    findings_title: "Veiledningen har feil",
    findings_intro: "Innholdet må rettes før veiledningen kan vises. Dette ble funnet:",
    no_start_step: "Veiledningen mangler startsteget.",
    language: "Språk",
    not_in_language: "Denne veiledningen finnes ikke på {}. Den vises på {}.",
    available_in: "Den finnes på:",
};

/// Swedish.
pub const SV: Texts = Texts {
    skip_to_content: "Hoppa till innehållet",
    loading: "Laddar …",
    start_heading: "Vad vill du göra?",
    resume: "Fortsätt där du slutade",
    back: "Tillbaka",
    to_start_page: "Till startsidan",
    back_to_start_page: "Tillbaka till startsidan",
    your_answer: " (ditt svar)",
    moved_note: "Länken gällde steget ”{}”, som svaren i länken inte leder till. Du är här i stället.",
    your_answers: "Dina svar",
    change: "Ändra",
    change_hidden: " svaret på ”{}”",
    whole_guide: "Visa hela guiden",
    start_over: "Börja om",
    guide_navigation: "Navigering i guiden",
    back_to_wizard: "Till guiden",
    end_of_guide: "Slut på guiden.",
    whole_guide_title: "hela guiden",
    fetch_failed_title: "Kunde inte hämta innehållet",
    fetch_failed: "Filen {} kunde inte hämtas:",
    fetch_failed_advice: "Försök att ladda om sidan. Om felet kvarstår, kontakta den som driftar webbplatsen.",
    findings_title: "Guiden har fel",
    findings_intro: "Innehållet måste rättas innan guiden kan visas. Detta hittades:",
    no_start_step: "Guiden saknar startsteg.",
    language: "Språk",
    not_in_language: "Den här guiden finns inte på {}. Den visas på {}.",
    available_in: "Den finns på:",
};

/// English.
pub const EN: Texts = Texts {
    skip_to_content: "Skip to content",
    loading: "Loading …",
    start_heading: "What do you want to do?",
    resume: "Continue where you left off",
    back: "Back",
    to_start_page: "To the start page",
    back_to_start_page: "Back to the start page",
    your_answer: " (your answer)",
    moved_note: "The link was to the step “{}”, which the answers in the link do not lead to. You are here instead.",
    your_answers: "Your answers",
    change: "Change",
    change_hidden: " the answer to “{}”",
    whole_guide: "See the whole guide",
    start_over: "Start over",
    guide_navigation: "Guide navigation",
    back_to_wizard: "Back to the step by step guide",
    end_of_guide: "End of the guide.",
    whole_guide_title: "whole guide",
    fetch_failed_title: "Could not fetch the content",
    fetch_failed: "The file {} could not be fetched:",
    fetch_failed_advice: "Try reloading the page. If the error persists, contact whoever runs this site.",
    findings_title: "The guide has errors",
    findings_intro: "The content must be corrected before the guide can be shown. This was found:",
    no_start_step: "The guide has no start step.",
    language: "Language",
    not_in_language: "This guide is not available in {}. It is shown in {}.",
    available_in: "It is available in:",
};

/// `template` with each `{}` replaced by the next of `values`.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::new();
    let mut values = values.iter();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push_str(values.next().copied().unwrap_or_default());
        out.push_str(part);
    }
    out
}
