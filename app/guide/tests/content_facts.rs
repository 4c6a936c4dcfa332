//! The guides in `content/` are rewritten from the source user guides into
//! questions and short steps. These tests prove that the rewriting kept the facts
//! a user relies on: names of buttons and fields, issuers, times, phone numbers,
//! opening hours, addresses and warnings, and the live checks on card steps.
//! They read the guides as the site does, through the guide model: what a step
//! shows is its title, its body as rendered, and its ways on.

mod common;

use veiviser_guide::live::LiveCheck;
use veiviser_guide::{render, Guide, Index, Step, Target};

fn content() -> (Index, Vec<Guide>) {
    common::content()
}

/// The guide in file `file` (`mrs.nb.md`).
fn guide(file: &str) -> Guide {
    content().1.into_iter().find(|g| g.path == file).unwrap_or_else(|| panic!("no guide file {file}"))
}

/// Where a link leads, as written in the content.
fn target(target: &Target) -> String {
    match target {
        Target::Step(id) => format!("#{id}"),
        Target::Guide { guide, step } => format!("{guide}#{}", step.as_deref().unwrap_or_default()),
        Target::External(url) | Target::File(url) | Target::Unsafe(url) => url.clone(),
    }
}

/// What the step shows: its title, its body as rendered (links to where they
/// lead), and each way on with its label and hint, white space made one space.
fn shown(step: &Step) -> String {
    let body = render::to_html(&step.body, &target);
    let ways: Vec<String> = step.ways.iter().map(|w| format!("{} {} {}", w.label, w.hint, target(&w.target))).collect();
    one_space(&format!("{} {body} {}", step.title, ways.join(" ")))
}

fn one_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A fact as the rendered page holds it: `**x**` bold, `*x*` emphasis, `` `x` `` code, `<>&` escaped.
fn as_rendered(fact: &str) -> String {
    let escaped = fact.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    [("**", "strong"), ("*", "em"), ("`", "code")].iter().fold(escaped, |text, (mark, tag)| {
        let mut out = String::new();
        for (i, part) in text.split(mark).enumerate() {
            if i > 0 {
                out.push_str(&if i % 2 == 1 { format!("<{tag}>") } else { format!("</{tag}>") });
            }
            out.push_str(part);
        }
        out
    })
}

/// Asserts that every fact shows in the guide, listing all that are missing.
fn assert_keeps(file: &str, facts: &[&str]) {
    let g = guide(file);
    let intro = render::to_html(&g.intro, &target);
    let steps: Vec<String> = g.steps.iter().map(shown).collect();
    let text = one_space(&format!("{} {intro} {}", g.title, steps.join(" ")));
    let missing: Vec<_> = facts.iter().filter(|fact| !text.contains(&as_rendered(fact))).collect();
    assert!(missing.is_empty(), "{file} has lost facts of its source: {missing:?}");
}

/// The step `id` of the guide in `file`.
fn step(file: &str, id: &str) -> Step {
    guide(file).steps.into_iter().find(|s| s.id == id).unwrap_or_else(|| panic!("{file} has no step `{id}`"))
}

/// A step's live checks, without where they stand in the file.
fn checks(step: &Step) -> Option<LiveCheck> {
    step.live.clone().map(|check| LiveCheck { offset: 0, ..check })
}

fn card_present() -> Option<LiveCheck> {
    Some(LiveCheck { card_present: true, ..LiveCheck::default() })
}

fn issuer(issuer: &str, purpose: Option<veiviser_guide::live::Purpose>) -> Option<LiveCheck> {
    Some(LiveCheck { issuer: Some(issuer.into()), purpose, ..LiveCheck::default() })
}

fn pin_tries() -> Option<LiveCheck> {
    Some(LiveCheck { pin_tries: true, ..LiveCheck::default() })
}

#[test]
fn mrs_guide_keeps_every_key_fact_of_its_source() {
    assert_keeps(
        "mrs.nb.md",
        &[
            "Internet Explorer",
            "smartkort eller kodeløsning via SMS",
            "Jeg har et smartkort",
            "Jeg har IKKE et smartkort",
            "Jeg vet ikke hva jeg skal velge",
            "**før**",
            "lukke vinduet og åpne det på nytt igjen",
            "personlige PIN-kode",
            "Hemit STS",
            "2.1.0.56",
            "Velg avdeling",
            "HELSE BERGEN HF/Ortopedisk avdeling HUS (111961)",
            "Velg rolle",
            "**Velg**",
            "to sertifikater på samme kort",
            "ihelse.net Issuing CA4",
            "Velg et sertifikat som du ønsker å bruke til godkjenning.",
            "Hvis du avbryter operasjonen, lukker du nettleseren og prøver på nytt.",
            "**Brukernavn**",
            "**Passord**",
            "**Logg på**",
            "kode på SMS",
        ],
    );
}

#[test]
fn helseregister_guide_keeps_every_key_fact_of_its_source() {
    assert_keeps(
        "helseregister.nb.md",
        &[
            "NorArtritt",
            "Er du ny bruker?",
            "https://helseregister.no",
            "**Ny bruker**",
            "Fyll ut alle nødvendige felt",
            "**Primær Mobil** brukes til å sende SMS med engangskode",
            "**Sekundær Mobil**",
            "**Organisasjon du søker til**",
            "**Send skjema**",
            "brukeradministrator",
            "passordet sendt til mobilnummeret ditt",
            "**Glemt passord**",
            "**Glemt brukernavn**",
            "**Logg inn**",
            "**Engangspassord**",
            "**Neste**",
            "**Søk ny tilgang**",
            "**Ny tilgang**",
            "**Prosjekt**",
            "**Organisasjon**",
            "Norsk kvalitetsregister for artrittsykdommer",
            "kun til brukeradministrasjon",
            "https://mrs.nhn.no/norartrittregister/",
            "76 16 63 33",
            "tel:+4776166333",
            "hverdager mellom kl 08:00 og 15:30",
            "**Support**",
        ],
    );
}

#[test]
fn hjemmekontor_guide_keeps_every_key_fact_of_its_source() {
    assert_keeps(
        "hjemmekontor.nb.md",
        &[
            "Norsk Helsenett",
            "01.04.2020",
            "Hjemmekontor – Sjekkliste før installasjon",
            "Hjemmekontor – Installasjonsveiledning Del 2 hjemme-PC",
            "Hjemmekontor – Installasjonsveiledning Mac",
            "i angitt rekkefølge",
            "https://nhn.no/media/2943/jobbpc-01042020.exe",
            "lokal administrator",
            "brukerkontroll",
            "**Ja**",
            "**Installer**",
            "**Lagre profil**",
            "USB-disk",
            "«hjemmekontor»",
            "Noter deg passordet",
            "**OK**",
            "Kundeportalen",
            "Brukernavn og passord har du fått fra NHN",
            "to-faktor autentisering",
            "**Bekreft**",
            "24 20 00 00",
            "tel:+4724200000",
            "Ditt Buypasskort er ikke registrert i våre systemer",
            "**Registrer Buypasskort**",
            "**Buypass ID på smartkort**",
            "journalleverandøren",
            "(EDI)",
            "61 13 59 20",
            "tel:+4761135920",
            "www.buypass.no",
            "inntil 15 minutter",
            "oppdatering av serienummer",
        ],
    );
}

#[test]
fn eportal_guide_keeps_every_key_fact_of_its_source() {
    assert_keeps(
        "eportal.nb.md",
        &[
            "Hva vil du gjøre?",
            "**Brukerhåndtering - Aktivere ePortal**",
            "Kun brukere med Administrator-rettighet kan endre verdiene.",
            "Salg hos CGM",
            "**Endre EP**",
            "**dagens passord**",
            "**EP identifikator**",
            "**ePortal er aktivert**",
            "tilleggskomponent",
            "eHastetimer skal vises på nett fra kl. 16:00 dagen før",
            "24 timer før avtalen",
            "1 NOK",
            "**Send SMS timepåminnelser til alle ePortal pasientene**",
            "Kontoret blir fakturert for disse SMS-ene, og de er gratis for pasienten.",
            "**Gir bruker tilgang til ePortal**",
            "**Rediger pasienter med spesielle tilgangsrettigheter**",
            "**Endre filter**",
            "**Hent pasient**",
            "«Opprett konto»",
            "**ePortal (Ctrl+4)**",
            "*Magnard Koman*",
            "**Hastetimer**",
            "**EP-reseptfornyelse**",
            "**Legg til/Rediger**",
            "én bruker per installasjon",
            "Delegeringen er IKKE aktiv",
            "«Pasienter på liste til ...»",
            "**Tilbakestill**",
            "`[PATIENT_VALUE_TAG]`",
            "`[DOCTOR_VALUE_TAG]`",
            "**ePortal Pasientlogg**",
            "**Ny bruker**-veiviseren",
            "BankID-modulen",
            "'ekonsultasjon'",
            "Process Coordinator service",
            "BankID fungerer kun for ekte BankID-konto.",
            "«rød ball»",
            "«Mine Opplysninger»",
            "https://www.besoklegen.no/Login.aspx?ClinicId=karrestadlegekantor",
            "NB ! BankID er påkrevd for bruk av e-Konsultasjon",
            "kr. 1,- per mottatt melding",
        ],
    );
}

#[test]
fn webcert_guide_keeps_every_key_fact_of_its_source() {
    assert_keeps(
        "webcert.sv.md",
        &[
            "SITHS eID",
            "pinkod 1 (PIN1)",
            "Region Stockholm",
            "fel pinkod vid tre försök kommer kortet att låsas",
            "PUK-koden",
            "i samband med kortutlämningen",
            "Registreringen behöver bara göras vid ett tillfälle",
            "SITHS-applikationen",
            "legitimeringskod (**PIN1**)",
            "**Legitimera**",
            "**Klar att användas**",
            "SITHS eID **på denna enhet**",
            "**Skriv under**",
            "PIN1 vid inloggning i TakeCare",
            "www.ehalsaregionstockholm.se",
            "mailto:fo.vardprocess@sl.se",
        ],
    );
}

#[test]
fn english_guides_keep_the_key_facts_of_their_sources() {
    assert_keeps(
        "mrs.en.md",
        &[
            "Internet Explorer",
            "smartcard or with a code sent by SMS",
            "**Jeg har et smartkort** (\"I have a smartcard\")",
            "**Jeg har IKKE et smartkort** (\"I do NOT have a smartcard\")",
            "I don't know what to choose",
            "**before**",
            "close the window and open it again",
            "personal PIN code",
            "Hemit STS",
            "2.1.0.56",
            "**Velg avdeling** (\"Choose department\")",
            "HELSE BERGEN HF/Ortopedisk avdeling HUS (111961)",
            "**Velg rolle** (\"Choose role\")",
            "**Velg** (\"Choose\")",
            "two certificates on the same card",
            "Choose the bottom one: **ihelse.net Issuing CA4**",
            "Velg et sertifikat som du ønsker å bruke til godkjenning.",
            "Choose a certificate that you want to use for authentication.",
            "If you cancel the operation, close the browser and try again.",
            "**Brukernavn** (\"Username\")",
            "**Passord** (\"Password\")",
            "**Logg på** (\"Log in\")",
            "a code by SMS",
        ],
    );
    assert_keeps(
        "helseregister.en.md",
        &[
            "NorArtritt",
            "Are you a new user?",
            "https://helseregister.no",
            "**Ny bruker** (\"New user\")",
            "Fill in all required fields",
            "**Primær Mobil** (\"Primary mobile\") is used to send SMS messages with a one-time code",
            "**Sekundær Mobil**",
            "**Organisasjon du søker til**",
            "**Send skjema** (\"Send form\")",
            "user administrator",
            "the password is sent to your mobile number",
            "**Glemt passord**",
            "**Glemt brukernavn**",
            "**Logg inn**",
            "**Engangspassord** (\"One-time password\")",
            "**Neste** (\"Next\")",
            "**Søk ny tilgang** (\"Apply for new access\")",
            "**Ny tilgang**",
            "**Prosjekt**",
            "**Organisasjon**",
            "Norsk kvalitetsregister for artrittsykdommer",
            "only used for user administration",
            "https://mrs.nhn.no/norartrittregister/",
            "76 16 63 33",
            "tel:+4776166333",
            "weekdays between 08:00 and 15:30",
            "**Support**",
        ],
    );
    assert_keeps(
        "hjemmekontor.en.md",
        &[
            "Norsk Helsenett",
            "01.04.2020",
            "Hjemmekontor – Sjekkliste før installasjon",
            "Hjemmekontor – Installasjonsveiledning Del 2 hjemme-PC",
            "Hjemmekontor – Installasjonsveiledning Mac",
            "in the order given",
            "https://nhn.no/media/2943/jobbpc-01042020.exe",
            "local administrator",
            "user account control",
            "**Ja** (\"Yes\")",
            "**Installer** (\"Install\")",
            "**Lagre profil** (\"Save profile\")",
            "USB disk",
            "«hjemmekontor»",
            "Write down the password",
            "**OK**",
            "Kundeportalen",
            "received your username and password from NHN",
            "two-factor authentication",
            "**Bekreft** (\"Confirm\")",
            "24 20 00 00",
            "tel:+4724200000",
            "Ditt Buypasskort er ikke registrert i våre systemer",
            "**Registrer Buypasskort** (\"Register Buypass card\")",
            "**Buypass ID på smartkort** (\"Buypass ID on smartcard\")",
            "patient record system supplier",
            "(EDI)",
            "61 13 59 20",
            "tel:+4761135920",
            "www.buypass.no",
            "up to 15 minutes",
            "after the serial number has been updated",
        ],
    );
    assert_keeps(
        "eportal.en.md",
        &[
            "What do you want to do?",
            "**Brukerhåndtering - Aktivere ePortal** (\"User management - Activate ePortal\")",
            "Only users with the Administrator right can change the values.",
            "Sales at CGM",
            "**Endre EP** (\"Change EP\")",
            "**today's password** (dagens passord)",
            "**EP identifier** (EP identifikator)",
            "**ePortal er aktivert** (\"ePortal is activated\")",
            "add-on component",
            "eHastetimer skal vises på nett fra kl. 16:00 dagen før",
            "from 16:00 the day before",
            "24 hours before the appointment",
            "1 NOK",
            "**Send SMS timepåminnelser til alle ePortal pasientene**",
            "The office is invoiced for these SMS messages, and they are free for the patient.",
            "**Gir bruker tilgang til ePortal** (\"Gives user access to ePortal\")",
            "**Rediger pasienter med spesielle tilgangsrettigheter**",
            "**Endre filter** (\"Change filter\")",
            "**Hent pasient** (\"Fetch patient\")",
            "**Opprett konto** (\"Create account\")",
            "**ePortal (Ctrl+4)**",
            "*Magnard Koman*",
            "**Hastetimer** (\"Urgent appointments\")",
            "**EP-reseptfornyelse** (\"EP prescription renewal\")",
            "**Legg til/Rediger** (\"Add/Edit\")",
            "one user per installation",
            "The delegation is NOT active",
            "«Pasienter på liste til ...»",
            "**Tilbakestill** (\"Reset\")",
            "`[PATIENT_VALUE_TAG]`",
            "`[DOCTOR_VALUE_TAG]`",
            "**ePortal Pasientlogg** (\"ePortal patient log\")",
            "**Ny bruker** (\"New user\") wizard",
            "BankID module",
            "'ekonsultasjon'",
            "Process Coordinator service",
            "BankID only works for a real BankID account.",
            "\"red ball\"",
            "**Mine Opplysninger** (\"My details\")",
            "https://www.besoklegen.no/Login.aspx?ClinicId=karrestadlegekantor",
            "NB ! BankID er påkrevd for bruk av e-Konsultasjon",
            "kr. 1,- per mottatt melding",
            "NOK 1 per message received",
        ],
    );
    assert_keeps(
        "webcert.en.md",
        &[
            "SITHS eID",
            "PIN code 1 (PIN1)",
            "Region Stockholm",
            "If you enter the wrong PIN code three times, the card will be locked",
            "three wrong attempts lock the card, and you then need the PUK code",
            "received separately when the card was handed out",
            "The registration only needs to be done once",
            "SITHS application",
            "identification code (**PIN1**)",
            "**Legitimera** (\"Identify\")",
            "**Klar att användas** (\"Ready to use\")",
            "SITHS eID **på denna enhet** (\"on this device\")",
            "**Skriv under** (\"Sign\")",
            "enter PIN1 when you log in to TakeCare",
            "www.ehalsaregionstockholm.se",
            "mailto:fo.vardprocess@sl.se",
        ],
    );
}

#[test]
fn norwegian_webcert_guide_keeps_the_key_facts_of_its_swedish_source() {
    assert_keeps(
        "webcert.nb.md",
        &[
            "SITHS eID",
            "PIN-kode 1 (PIN1)",
            "Region Stockholm",
            "Hvis du taster feil PIN-kode tre ganger, blir kortet låst",
            "tre feil forsøk låser kortet, og da trenger du PUK-koden",
            "PUK-koden, som du fikk separat da du fikk utlevert kortet",
            "Registreringen trenger bare å gjøres én gang",
            "SITHS-applikasjonen",
            "legitimeringskoden din (**PIN1**)",
            "**Legitimera** («Legitimer deg»)",
            "**Klar att användas** («Klar til bruk»)",
            "SITHS eID **på denna enhet** («på denne enheten»)",
            "**Skriv under**",
            "taste PIN1 når du logger inn i TakeCare",
            "www.ehalsaregionstockholm.se",
            "mailto:fo.vardprocess@sl.se",
        ],
    );
}

#[test]
fn every_guide_file_is_in_the_language_its_name_says() {
    for g in content().1 {
        assert_eq!(Some(g.lang.as_str()), veiviser_guide::guide::lang_of(&g.path), "{}", g.path);
    }
}

#[test]
fn mrs_card_and_certificate_steps_declare_their_live_checks() {
    use veiviser_guide::live::Purpose;
    assert_eq!(checks(&step("mrs.nb.md", "sett-inn-kort")), card_present());
    assert_eq!(checks(&step("mrs.nb.md", "velg-sertifikat")), issuer("ihelse.net Issuing CA4", Some(Purpose::Authentication)));
}

#[test]
fn hjemmekontor_card_steps_declare_their_live_checks() {
    assert_eq!(checks(&step("hjemmekontor.nb.md", "sett-inn-kort")), card_present());
    assert_eq!(checks(&step("hjemmekontor.nb.md", "buypass-id")), issuer("Buypass", None));
}

#[test]
fn webcert_card_pin_and_signing_steps_declare_their_live_checks() {
    let file = "webcert.sv.md";
    assert_eq!(checks(&step(file, "satt-i-kort")), card_present());
    assert_eq!(checks(&step(file, "registrera-pin1")), pin_tries());
    assert_eq!(checks(&step(file, "signera-pin1")), pin_tries());
    let signing = Some(LiveCheck { purpose: Some(veiviser_guide::live::Purpose::Signing), ..LiveCheck::default() });
    assert_eq!(checks(&step(file, "denna-enhet")), signing);
}

#[test]
fn index_lists_the_five_guides_in_order_with_their_start_steps() {
    let (index, _) = content();
    let ids: Vec<_> = index.guides.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["mrs", "helseregister", "hjemmekontor", "eportal", "webcert"]);
    for entry in &index.guides {
        for lang in &entry.languages {
            assert!(entry.title.contains_key(lang), "{} has no title in {lang}", entry.id);
            assert!(entry.audience.contains_key(lang), "{} has no audience in {lang}", entry.id);
            step(&entry.file(lang), &entry.start);
        }
    }
    assert_eq!(index.guide("webcert").unwrap().languages, ["sv", "nb", "en"]);
}

/// Every translation of a guide and the file it was translated from.
const TRANSLATIONS: [(&str, &str); 6] = [
    ("mrs.en.md", "mrs.nb.md"),
    ("helseregister.en.md", "helseregister.nb.md"),
    ("hjemmekontor.en.md", "hjemmekontor.nb.md"),
    ("eportal.en.md", "eportal.nb.md"),
    ("webcert.en.md", "webcert.sv.md"),
    ("webcert.nb.md", "webcert.sv.md"),
];

/// The targets of a step's links to steps of its own guide, in order.
fn step_links(step: &Step) -> Vec<String> {
    step.links.iter().filter_map(|l| match &l.target { Target::Step(id) => Some(id.clone()), _ => None }).collect()
}

#[test]
fn translations_keep_every_step_and_the_ways_of_each_step_in_order() {
    for (translation, source) in TRANSLATIONS {
        let (ours, theirs) = (guide(translation), guide(source));
        let ids = |g: &Guide| g.steps.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&ours), ids(&theirs), "{translation} lacks steps of {source}");
        for (mine, original) in ours.steps.iter().zip(&theirs.steps) {
            assert_eq!(step_links(mine), step_links(original), "{translation}, step `{}`: links differ from {source}", mine.id);
            assert_eq!(mine.classes, original.classes, "{translation}, step `{}`: .end/.loop differ from {source}", mine.id);
        }
    }
}

#[test]
fn translations_keep_the_live_checks_of_their_sources_unchanged() {
    for (translation, source) in TRANSLATIONS {
        for (mine, original) in guide(translation).steps.iter().zip(&guide(source).steps) {
            assert_eq!(checks(mine), checks(original), "{translation}, step `{}`: check block differs from {source}", mine.id);
        }
    }
}

#[test]
fn index_lists_english_for_every_guide_after_its_source_language() {
    let (index, _) = content();
    for entry in &index.guides {
        assert_eq!(entry.languages.last().map(String::as_str), Some("en"), "{} does not list English last", entry.id);
        assert_ne!(entry.languages[0], "en", "{} lists English before its source language", entry.id);
        assert!(entry.title.contains_key("en") && entry.audience.contains_key("en"), "{} has no English texts", entry.id);
    }
}
