//! The guides in `content/` are rewritten from the source user guides into
//! questions and short steps. These tests prove that the rewriting kept the facts
//! a user relies on: names of buttons and fields, issuers, times, phone numbers,
//! opening hours, addresses and warnings, and the live checks on card steps.

use std::fs;

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/");

/// The guide's text with every run of white space made one space, so a fact
/// that the Markdown wraps over two lines is still found.
fn guide(file: &str) -> String {
    let path = format!("{CONTENT}{file}");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that every fact appears in the guide, listing all that are missing.
fn assert_keeps(file: &str, facts: &[&str]) {
    let text = guide(file);
    let missing: Vec<_> = facts.iter().filter(|fact| !text.contains(*fact)).collect();
    assert!(missing.is_empty(), "{file} has lost facts of its source: {missing:?}");
}

/// The text of one step: from its heading (`{#id` or `{#id .class}`) to the next step.
fn step(file: &str, id: &str) -> String {
    let text = guide(file);
    let start = [format!("{{#{id}}}"), format!("{{#{id} ")]
        .iter()
        .find_map(|marker| text.find(marker.as_str()))
        .unwrap_or_else(|| panic!("{file} has no step `{id}`"));
    let rest = &text[start..];
    let end = rest.find(" ## ").unwrap_or(rest.len());
    rest[..end].to_owned()
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
fn mrs_card_and_certificate_steps_declare_their_live_checks() {
    assert!(step("mrs.nb.md", "sett-inn-kort").contains("```check card: present ```"));
    assert!(step("mrs.nb.md", "velg-sertifikat")
        .contains("```check issuer: ihelse.net Issuing CA4 purpose: authentication ```"));
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
fn hjemmekontor_card_steps_declare_their_live_checks() {
    assert!(step("hjemmekontor.nb.md", "sett-inn-kort").contains("```check card: present ```"));
    assert!(step("hjemmekontor.nb.md", "buypass-id").contains("```check issuer: Buypass ```"));
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
            "lang: sv",
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
fn webcert_card_pin_and_signing_steps_declare_their_live_checks() {
    let file = "webcert.sv.md";
    assert!(step(file, "satt-i-kort").contains("```check card: present ```"));
    assert!(step(file, "registrera-pin1").contains("```check pin: tries ```"));
    assert!(step(file, "signera-pin1").contains("```check pin: tries ```"));
    assert!(step(file, "denna-enhet").contains("```check purpose: signing ```"));
}

#[test]
fn index_lists_the_five_guides_in_order_with_their_start_steps() {
    let path = format!("{CONTENT}index.json");
    let index: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).expect("index.json is valid JSON");
    let guides = index["guides"].as_array().expect("index.json has a `guides` list");
    let ids: Vec<_> = guides.iter().map(|g| g["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["mrs", "helseregister", "hjemmekontor", "eportal", "webcert"]);
    for entry in guides {
        let id = entry["id"].as_str().unwrap();
        let start = entry["start"].as_str().unwrap();
        for lang in entry["languages"].as_array().unwrap() {
            let lang = lang.as_str().unwrap();
            assert!(entry["title"][lang].is_string(), "{id} has no title in {lang}");
            assert!(entry["audience"][lang].is_string(), "{id} has no audience in {lang}");
            step(&format!("{id}.{lang}.md"), start);
        }
    }
    let webcert = &guides[4];
    assert_eq!(webcert["languages"], serde_json::json!(["sv", "nb", "en"]));
    for lang in ["sv", "nb"] {
        assert!(webcert["title"][lang].is_string() && webcert["audience"][lang].is_string());
    }
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

/// The step ids of a guide, in the order of its headings.
fn step_ids(file: &str) -> Vec<String> {
    let path = format!("{CONTENT}{file}");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    text.lines()
        .filter(|line| line.starts_with("## "))
        .filter_map(|line| line.rsplit_once("{#"))
        .map(|(_, id)| id.trim_end().trim_end_matches('}').split(' ').next().unwrap_or_default().to_owned())
        .collect()
}

/// The targets of the links to steps in `text` (`](#id)`), in order.
fn step_links(text: &str) -> Vec<&str> {
    text.match_indices("](#").map(|(at, _)| &text[at + 3..]).map(|rest| &rest[..rest.find(')').unwrap_or(0)]).collect()
}

/// The live checks of a step: its ```check block, white space made one space.
fn checks(step: &str) -> Option<&str> {
    let start = step.find("```check")?;
    let end = step[start + 8..].find("```")? + start + 8;
    Some(&step[start..end + 3])
}

#[test]
fn english_guides_keep_the_key_facts_of_their_sources() {
    assert_keeps(
        "mrs.en.md",
        &[
            "lang: en",
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
            "lang: en",
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
            "lang: en",
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
            "lang: en",
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
            "lang: en",
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
            "lang: nb",
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
fn translations_keep_every_step_and_the_ways_of_each_step_in_order() {
    for (translation, source) in TRANSLATIONS {
        assert_eq!(step_ids(translation), step_ids(source), "{translation} lacks steps of {source}");
        for id in step_ids(source) {
            let (ours, theirs) = (step(translation, &id), step(source, &id));
            let (links, source_links) = (step_links(&ours), step_links(&theirs));
            assert_eq!(links, source_links, "{translation}, step `{id}`: links differ from {source}");
            let classes = |text: &str| text[..text.find('}').unwrap_or(0)].to_owned();
            assert_eq!(classes(&ours), classes(&theirs), "{translation}, step `{id}`: .end/.loop differ from {source}");
        }
    }
}

#[test]
fn translations_keep_the_live_checks_of_their_sources_unchanged() {
    for (translation, source) in TRANSLATIONS {
        for id in step_ids(source) {
            let (ours, theirs) = (step(translation, &id), step(source, &id));
            assert_eq!(checks(&ours), checks(&theirs), "{translation}, step `{id}`: check block differs from {source}");
        }
    }
}

#[test]
fn index_lists_english_for_every_guide_after_its_source_language() {
    let path = format!("{CONTENT}index.json");
    let index: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    for entry in index["guides"].as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        let languages = entry["languages"].as_array().unwrap();
        assert_eq!(languages.last(), Some(&serde_json::json!("en")), "{id} does not list English last");
        assert_ne!(languages[0], "en", "{id} lists English before its source language");
        assert!(entry["title"]["en"].is_string() && entry["audience"]["en"].is_string(), "{id} has no English texts");
    }
}
