//! The guides in `content/` are rewritten from the source user guides into
//! questions and short steps. These tests prove that the rewriting kept the facts
//! a user relies on: names of buttons and fields, issuers, times, phone numbers,
//! opening hours, addresses and warnings, and the live checks on card steps.
//! They read the guides as the site does, through the guide model: what a step
//! shows is its title, its body as rendered, and its ways on.

mod common;

use veiviser_guide::model::live_check::LiveCheck;
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

/// Everything the guide in `file` shows: its title, its introduction and every step.
fn all_shown(file: &str) -> String {
    let g = guide(file);
    let intro = render::to_html(&g.intro, &target);
    let steps: Vec<String> = g.steps.iter().map(shown).collect();
    one_space(&format!("{} {intro} {}", g.title, steps.join(" ")))
}

/// Asserts that every fact shows in the guide, listing all that are missing.
fn assert_keeps(file: &str, facts: &[&str]) {
    let text = all_shown(file);
    let missing: Vec<_> = facts.iter().filter(|fact| !text.contains(&as_rendered(fact))).collect();
    assert!(missing.is_empty(), "{file} has lost facts of its source: {missing:?}");
}

/// Asserts that none of `texts` shows in the guide (case does not matter).
fn assert_lacks(file: &str, texts: &[&str], why: &str) {
    let shown = all_shown(file).to_lowercase();
    let found: Vec<_> = texts.iter().filter(|text| shown.contains(&as_rendered(text).to_lowercase())).collect();
    assert!(found.is_empty(), "{file} shows {found:?}: {why}");
}

/// Asserts that step `id` of the guide in `file` shows every fact.
fn assert_step_shows(file: &str, id: &str, facts: &[&str]) {
    let text = shown(&step(file, id));
    let missing: Vec<_> = facts.iter().filter(|fact| !text.contains(&as_rendered(fact))).collect();
    assert!(missing.is_empty(), "{file}, step `{id}` does not show {missing:?}");
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
            "på innloggingssiden til MRS",
            "lukke vinduet og åpne det på nytt",
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
            "«Logg på til Hemitt»",
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
            "Tilgangen du har bestilt, må godkjennes av en brukeradministrator",
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
            "tofaktorautentisering",
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
            "«Personalialia for»",
            "**Reseptformyelse**",
            "**Unntakk**",
            "**Rediager pasienter med spesielle tilgangrettigheter**",
            "fastlegens pasientliste",
            "**Hastetimer**",
            "**EP-reseptfornyelse**",
            "**Legg til/Rediger**",
            "én bruker per installasjon",
            "Delegeringen er IKKE aktiv",
            "«Pasienter på liste til ...»",
            "**Tilbakestill**",
            "`[PATIENT_VALUE_TAG]`",
            "`[DOCTOR_VALUE_TAG]`",
            "`[DOTOR_VALUE_TAG]`",
            "som ikke skal besværes",
            "**ePortal Pasientlogg**",
            "eReseptformyelse(r)",
            "**Total eReseptformyelser**",
            "**Ny bruker**-veiviseren",
            "BankID-modulen",
            "'ekonsultasjon'",
            "Process Coordinator service",
            "BankID fungerer kun for ekte BankID-konto.",
            "«rød ball»",
            "«Mine Opplysninger»",
            "`https://www.besoklegen.no/Login.aspx?ClinicId=...`",
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
            "on the MRS login page",
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
            "“Logg på til Hemitt”",
            "**Logg på** (\"Log in\")",
            "a code by SMS",
            "Norwegian Knee Ligament Register",
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
            "must be approved by a user administrator",
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
            "“hjemmekontor”",
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
            "“Personalialia for”",
            "**Reseptformyelse** (\"Prescription renewal\")",
            "**Unntakk** (\"Exceptions\")",
            "regular GP's patient list",
            "**Hastetimer** (\"Urgent appointments\")",
            "**EP-reseptfornyelse** (\"EP prescription renewal\")",
            "**Legg til/Rediger** (\"Add/Edit\")",
            "one user per installation",
            "The delegation is NOT active",
            "“Pasienter på liste til ...”",
            "**Tilbakestill** (\"Reset\")",
            "`[PATIENT_VALUE_TAG]`",
            "`[DOCTOR_VALUE_TAG]`",
            "`[DOTOR_VALUE_TAG]`",
            "**ePortal Pasientlogg** (\"ePortal patient log\")",
            "**Total eReseptformyelser**",
            "**Ny bruker** (\"New user\") wizard",
            "BankID module",
            "'ekonsultasjon'",
            "Process Coordinator service",
            "BankID only works for a real BankID account.",
            "\"red ball\"",
            "**Mine Opplysninger** (\"My details\")",
            "`https://www.besoklegen.no/Login.aspx?ClinicId=...`",
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
        assert_eq!(Some(g.lang.as_str()), veiviser_guide::model::guide::lang_of(&g.path), "{}", g.path);
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
    // The source names no issuer for the Buypass card, so the guide checks for none.
    assert_eq!(checks(&step("hjemmekontor.nb.md", "buypass-id")), None);
    assert_eq!(checks(&step("hjemmekontor.nb.md", "logg-inn-buypass")), pin_tries());
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
            assert!(entry.title.written_in(lang).is_some(), "{} has no title in {lang}", entry.id);
            assert!(entry.audience.written_in(lang).is_some(), "{} has no audience in {lang}", entry.id);
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
        assert!(entry.title.written_in("en").is_some() && entry.audience.written_in("en").is_some(), "{} has no English texts", entry.id);
    }
}

#[test]
fn front_matter_titles_match_the_index() {
    let (index, guides) = content();
    for entry in &index.guides {
        for lang in &entry.languages {
            let file = entry.file(lang);
            let g = guides.iter().find(|g| g.path == file).unwrap_or_else(|| panic!("no guide file {file}"));
            assert_eq!(Some(g.title.as_str()), entry.title.written_in(lang), "{file}: the title differs from index.json");
        }
    }
}

/// The support each guide names in index.json is the one its source names, number
/// for number: 000 (MRS) and 003 (ePortal) name none.
#[test]
fn index_names_the_support_each_source_gives() {
    use veiviser_guide::Contact;
    let (index, _) = content();
    let support = |id: &str| index.guide(id).unwrap_or_else(|| panic!("no guide {id}")).support.clone();
    let local_it = [Contact { local_it: true, ..Contact::default() }];
    assert_eq!(support("mrs"), local_it, "000 names no contact for MRS");
    assert_eq!(support("eportal"), local_it, "003 names Salg hos CGM, but no phone, e-mail or web address");

    // 001: "Kontakt Helseregister.no Tlf. 76 16 63 33 … Brukerstøtte er åpent hverdager mellom kl 08:00 og 15:30".
    let helseregister = support("helseregister");
    assert_eq!(helseregister.len(), 1);
    let c = &helseregister[0];
    assert_eq!(c.phone.as_deref(), Some("+47 76 16 63 33"));
    assert_eq!(c.web.as_deref(), Some("https://helseregister.no"));
    assert_eq!((c.email.as_deref(), c.zone()), (None, "Europe/Oslo"));
    let hours: Vec<_> = c.hours.iter().map(|h| (h.days.as_str(), h.open.as_str(), h.close.as_str())).collect();
    assert_eq!(hours, [("mon-fri", "08:00", "15:30")]);

    // 002: "kontakt kundesenteret på 24 20 00 00"; "Buypass på telefon 61 13 59 20 eller via www.buypass.no".
    let hjemmekontor = support("hjemmekontor");
    let phones: Vec<_> = hjemmekontor.iter().map(|c| c.phone.as_deref()).collect();
    assert_eq!(phones, [Some("+47 24 20 00 00"), Some("+47 61 13 59 20")]);
    assert_eq!(hjemmekontor[1].web.as_deref(), Some("https://www.buypass.no"));
    assert_eq!(hjemmekontor[0].name.get("nb"), Some("Kundesenteret til Norsk Helsenett"));
    assert_eq!(hjemmekontor[1].name.get("nb"), Some("Buypass"));
    for c in &hjemmekontor {
        assert!(c.hours.is_empty() && c.email.is_none(), "002 gives no hours or e-mail: {c:?}");
        for lang in ["nb", "en"] {
            assert!(c.about.get(lang).is_some(), "{c:?} says what it helps with in {lang}");
        }
    }

    // 004: "Hemsida: www.ehalsaregionstockholm.se E-post: fo.vardprocess@sl.se".
    let webcert = support("webcert");
    assert_eq!(webcert.len(), 1);
    assert_eq!(webcert[0].email.as_deref(), Some("fo.vardprocess@sl.se"));
    assert_eq!(webcert[0].web.as_deref(), Some("https://www.ehalsaregionstockholm.se"));
    assert!(webcert[0].phone.is_none() && webcert[0].hours.is_empty(), "004 gives no phone or hours");

    for entry in &index.guides {
        for c in &entry.support {
            assert!(c.problems().is_empty(), "{}: {:?}", entry.id, c.problems());
        }
    }
}

/// Every failure path the review found: the question offers it, and the step it
/// leads to names who helps (and how to reach them) and what to tell them.
#[test]
fn every_failure_path_leads_to_a_step_that_names_help() {
    let paths: &[(&str, &str, &str, &str, &[&str])] = &[
        ("mrs.nb.md", "to-sertifikater", "PIN-koden ble ikke godtatt", "feil-pin", &["lokale IT-brukerstøtte", "stegkoden"]),
        ("mrs.nb.md", "sms-kode", "Jeg fikk ingen kode på SMS", "ingen-sms", &["lokale IT-brukerstøtte", "stegkoden"]),
        ("mrs.nb.md", "velg-rolle", "Listen er tom, eller rollen jeg trenger mangler", "ingen-rolle", &["lokale IT-brukerstøtte", "stegkoden", "helseregister#"]),
        ("helseregister.nb.md", "vent-passord", "Jeg har ikke fått passord ennå", "ikke-passord", &["tel:+4776166333", "hverdager mellom kl 08:00 og 15:30", "stegkoden"]),
        ("helseregister.nb.md", "brukeradministrator", "Jeg har ikke fått tilgang ennå", "venter-tilgang", &["brukeradministratorene", "tel:+4776166333", "stegkoden"]),
        ("helseregister.nb.md", "engangskode", "Nei, jeg har ikke fått noen SMS", "brukerstotte", &["tel:+4776166333", "stegkoden"]),
        ("hjemmekontor.nb.md", "sjekkliste", "Nei, ikke ennå", "ga-igjennom-sjekkliste", &["lokale IT-brukerstøtte", "tel:+4724200000"]),
        ("hjemmekontor.nb.md", "lokal-admin", "Nei, eller jeg vet ikke", "ikke-admin", &["lokale IT-brukerstøtte", "stegkoden"]),
        ("hjemmekontor.nb.md", "kundeportal", "Jeg har ikke fått brukernavn og passord fra NHN", "mangler-konto", &["tel:+4724200000", "stegkoden"]),
        ("hjemmekontor.nb.md", "sms-kode", "Nei, jeg fikk ingen kode", "ingen-kode", &["24 20 00 00", "tel:+4724200000"]),
        ("hjemmekontor.nb.md", "logg-inn-buypass", "PIN-koden ble ikke godtatt", "buypass-pin", &["61 13 59 20", "tel:+4761135920", "https://www.buypass.no"]),
        ("hjemmekontor.nb.md", "vent", "Hjemmekontor virker fortsatt ikke etter 15 minutter", "virker-ikke", &["24 20 00 00", "tel:+4724200000", "stegkoden"]),
        ("hjemmekontor.nb.md", "hjemme", "PC", "hjemme-pc", &["Installasjonsveiledning Del 2", "tel:+4724200000"]),
        ("hjemmekontor.nb.md", "hjemme", "Mac", "hjemme-mac", &["Installasjonsveiledning Mac", "tel:+4724200000"]),
        ("eportal.nb.md", "har-ep", "Nei, ePortal er ikke aktivert, eller jeg mangler EP-identifikatoren", "kontakt-salg", &["Salg hos CGM", "lokale IT-brukerstøtte", "stegkoden"]),
        ("eportal.nb.md", "har-konto", "Jeg vet ikke", "konto-usikker", &["lokale IT-brukerstøtte", "stegkoden"]),
        ("webcert.sv.md", "fel-pin-registrering", "Kortet är låst", "kortet-last", &["PUK-koden", "var du anger PUK-koden", "mailto:fo.vardprocess@sl.se", "stegkoden"]),
        ("webcert.sv.md", "registrerat", "Något annat gick fel", "annat-fel", &["lokala IT-support", "mailto:fo.vardprocess@sl.se", "stegkoden"]),
        ("webcert.sv.md", "klar-att-anvandas", "Något annat gick fel", "annat-fel", &["lokala IT-support"]),
        ("webcert.sv.md", "skriv-under", "Något annat gick fel", "annat-fel", &["lokala IT-support"]),
    ];
    for (file, question, answer, target, facts) in paths {
        let q = step(file, question);
        let way = q.ways.iter().find(|w| w.label == *answer).unwrap_or_else(|| panic!("{file}, `{question}` has no answer «{answer}»"));
        assert_eq!(way.target, Target::Step(target.to_string()), "{file}, `{question}`: «{answer}»");
        assert!(q.choices().count() >= 2, "{file}, `{question}` is a question with the real choices");
        assert_step_shows(file, target, facts);
    }
}

/// The review found places that mislead or state what no source says.
#[test]
fn the_misleading_places_the_review_found_are_gone() {
    // MRS: the wizard's answer is not the login page's button, and steps follow the PIN.
    assert_lacks("mrs.nb.md", &["før du velger «Jeg har et smartkort»", "og du er inne", "på nytt igjen"], "misleading");
    assert_lacks("mrs.en.md", &["before you choose", "and you are in", "Cruciate"], "misleading, or not the register's name");
    // ePortal: no instruction for the row "Alle andre aktive pasienter", no live link to another clinic.
    for file in ["eportal.nb.md", "eportal.en.md"] {
        let instruction = step(file, "uten-fastlege");
        assert!(!shown(&instruction).contains("Alle andre aktive pasienter"), "{file}: the source gives no such instruction");
        let g = guide(file);
        let clinic_links: Vec<_> = g
            .steps
            .iter()
            .flat_map(|s| s.links.iter())
            .filter(|l| matches!(&l.target, Target::External(url) if url.contains("ClinicId")))
            .collect();
        assert!(clinic_links.is_empty(), "{file} links to a clinic's login page: the address is an example");
        assert_lacks(file, &["karrestad", "Barebra"], "another clinic's name from the screenshots");
    }
    // Every success is an end marked .done, and the old ends that were successes are.
    for (file, id) in [
        ("mrs.nb.md", "ferdig"),
        ("helseregister.nb.md", "direkte-lenke"),
        ("hjemmekontor.nb.md", "hjemme-pc"),
        ("hjemmekontor.nb.md", "hjemme-mac"),
        ("eportal.nb.md", "ferdig"),
        ("webcert.sv.md", "klart"),
    ] {
        assert!(step(file, id).is_done(), "{file}: `{id}` is a success and marked .done");
    }
}

#[test]
fn the_guides_keep_the_spelling_rules_of_their_language() {
    for file in ["mrs.nb.md", "helseregister.nb.md", "hjemmekontor.nb.md", "eportal.nb.md", "webcert.nb.md"] {
        assert_lacks(file, &["på nytt igjen", "to-faktor", "tjeneste matrisen", "tjeneste-matrise", "tjeneste matrise gjør"], "bokmål spelling");
    }
    assert_keeps("hjemmekontor.nb.md", &["tofaktorautentisering"]);
    assert_keeps("eportal.nb.md", &["Tjenestematrisen gjør det mulig", "Lagre tjenestematrisen"]);
    let swedish = guide("webcert.sv.md");
    for s in &swedish.steps {
        assert!(s.ways.iter().all(|w| w.label != "Vidare"), "webcert.sv.md, `{}`: Swedish says «Nästa»", s.id);
    }
    assert!(swedish.steps.iter().any(|s| s.ways.iter().any(|w| w.label == "Nästa")));
    for file in ["mrs.en.md", "helseregister.en.md", "hjemmekontor.en.md", "eportal.en.md", "webcert.en.md"] {
        assert_lacks(file, &["«", "»"], "English uses “ ” or plain quotes");
    }
}
