//! Runs in headless Chromium (wasm-bindgen-test): the app renders a step into the
//! real DOM with its question and answers.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GUIDE: &str = "---\ntitle: Test\nlang: nb\n---\n\n## Har du et smartkort? {#har-kort}\n\n\
Velg **det** som gjelder.\n\n- [Ja](#ja)\n- [Nei](#nei)\n\n## Ja {#ja .end}\n\n## Nei {#nei .end}\n";

#[wasm_bindgen_test]
fn a_question_renders_its_heading_body_and_answers_in_the_dom() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();

    veiviser_app::pages::guide::wizard::mount_step(host.clone().unchecked_into(), "test.nb.md", GUIDE, "har-kort");

    let heading = host.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(heading.text_content().unwrap(), "Har du et smartkort?");
    let strong = host.query_selector(".step-body strong").unwrap().expect("markdown rendered");
    assert_eq!(strong.text_content().unwrap(), "det");
    let answers = host.query_selector_all("a.choice").unwrap();
    assert_eq!(answers.length(), 2);
    let first: web_sys::Element = answers.item(0).unwrap().unchecked_into();
    assert!(first.get_attribute("href").unwrap().ends_with("?guide=test&step=ja&a=har-kort.ja"), "{:?}", first.get_attribute("href"));
}

use wasm_bindgen::JsCast;

#[wasm_bindgen_test]
fn every_translation_has_the_same_placeholders_as_bokmal() {
    use veiviser_app::i18n::placeholders;
    use veiviser_guide::Lang;
    let bokmal = placeholders(Lang::Nb);
    for lang in [Lang::Sv, Lang::En] {
        assert_eq!(placeholders(lang), bokmal, "{}", lang.code());
    }
    assert!(bokmal.iter().any(|(_, n)| *n > 0), "the comparison sees the placeholders");
}
