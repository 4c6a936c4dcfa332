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
    assert_eq!(webcert["languages"], serde_json::json!(["sv"]));
    for lang in ["sv", "nb"] {
        assert!(webcert["title"][lang].is_string() && webcert["audience"][lang].is_string());
    }
}
