//! The page written at build time, taken over by the app: the app renders the
//! same page outside the document and, once its `<main>` shows more than the loading
//! line, puts it in the built page's place in one step, keeping what the user
//! did meanwhile (focus, open sections, typed text, scroll). A click under way
//! (the pointer pressed, not yet released) is let finish first: a swap in
//! between would take the link from under it, and the click would be lost.
//!
//! An off-screen render and a swap rather than hydration: the app's first
//! frame is its own, so a built page that differs from the live content (an
//! organisation edited `content/`) is simply replaced, and no mismatch can stop
//! the app.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The id of the page's root as the build writes it.
pub const BUILT: &str = "veiviser-built";

/// The attribute set on `<html>` once the app has the page (for tests and the benchmark).
pub const TAKEN_OVER: &str = "data-taken-over";

/// Mounts `view` into the page: outside the document until it is ready to
/// take the built page's place (so no id or heading is there twice), or at
/// once where there is no built page.
pub fn mount<N: IntoView + 'static>(view: impl FnOnce() -> N + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(body), Ok(root)) = (document.body(), document.create_element("div")) else { return };
    root.set_class_name("page");
    let built = document.get_element_by_id(BUILT);
    if built.is_none() {
        let _ = body.append_child(&root);
    }
    leptos::mount::mount_to(root.clone().unchecked_into(), view).forget();
    match built {
        None => mark_taken_over(&document),
        // The built page is painted first, even where the WebAssembly is quicker
        // than the styles: its first frame is then what the browser's paint
        // timings (and a person) see, not the app's identical one a moment later.
        Some(built) => {
            let press = watch_presses(&document);
            after_a_frame(move || take_over_when_ready(built, root, press));
        }
    }
}

/// The swap waiting for the pointer to be released.
#[derive(Default)]
struct Press {
    waiting: RefCell<Option<Box<dyn FnOnce()>>>,
}

/// Whether the pointer is pressed on the page, as `start.js` has followed it
/// since before the app loaded (a press begun then is one to wait for too).
fn pointer_down() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"veiviserPointerDown".into()).ok().and_then(|down| down.as_bool()).unwrap_or(false)
}

/// Runs a waiting swap once the pointer is released.
fn watch_presses(document: &web_sys::Document) -> Rc<Press> {
    let press = Rc::new(Press::default());
    let released = press.clone();
    let on_up = Closure::<dyn FnMut()>::new(move || {
        // The click follows the release in the same task: the swap waits a task
        // more (after start.js's, which marks the pointer released).
        let released = released.clone();
        let later = Closure::once_into_js(move || {
            let waiting = released.waiting.borrow_mut().take();
            if let Some(swap) = waiting {
                swap();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
        }
    });
    for name in ["pointerup", "pointercancel"] {
        let _ = document.add_event_listener_with_callback_and_bool(name, on_up.as_ref().unchecked_ref(), true);
    }
    on_up.forget();
    press
}

/// Swaps now, or once the pointer pressed on the page is released.
fn swap_when_released(press: &Press, built: web_sys::Element, root: web_sys::Element) {
    if pointer_down() {
        *press.waiting.borrow_mut() = Some(Box::new(move || swap(&built, &root)));
    } else {
        swap(&built, &root);
    }
}

/// Runs `then` once the browser has drawn a frame since it was called.
fn after_a_frame(then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let next = window.clone();
    let first = Closure::once_into_js(move || {
        let second = Closure::once_into_js(then);
        let _ = next.request_animation_frame(second.unchecked_ref());
    });
    let _ = window.request_animation_frame(first.unchecked_ref());
}

/// True once the app's `<main>` shows the page rather than the loading line.
fn is_ready(root: &web_sys::Element) -> bool {
    let main = root.query_selector("main").ok().flatten();
    main.is_some_and(|main| main.first_element_child().is_some() && main.query_selector(".loading").ok().flatten().is_none())
}

fn take_over_when_ready(built: web_sys::Element, root: web_sys::Element, press: Rc<Press>) {
    if is_ready(&root) {
        swap_when_released(&press, built, root);
        return;
    }
    // Mutation records come before the next paint: the swap shows no frame in between.
    let observer_slot: Rc<RefCell<Option<web_sys::MutationObserver>>> = Default::default();
    let slot = observer_slot.clone();
    let watched = root.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if is_ready(&watched) {
            if let Some(observer) = slot.borrow_mut().take() {
                observer.disconnect();
                swap_when_released(&press, built.clone(), watched.clone());
            }
        }
    });
    let Ok(observer) = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()) else { return };
    on_change.forget();
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_character_data(true);
    let _ = observer.observe_with_options(&root, &options);
    *observer_slot.borrow_mut() = Some(observer);
}

/// Puts the app's page in the built page's place, carrying over what the user did there.
fn swap(built: &web_sys::Element, root: &web_sys::Element) {
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    let scroll = (window.scroll_x().unwrap_or(0.0), window.scroll_y().unwrap_or(0.0));
    let built_elements = interactive(built);
    let app_elements = interactive(root);
    let active = document.active_element().filter(|active| built.contains(Some(active)));
    let focused = active.as_ref().map(|active| built_elements.iter().find(|(_, e)| e == active).map(|(key, _)| key.clone()));
    for (key, from) in &built_elements {
        if let Some((_, to)) = app_elements.iter().find(|(k, _)| k == key) {
            carry_over(from, to);
        }
    }
    let _ = built.replace_with_with_node_1(root);
    // Focus inside the built page stays on the element's twin, or, where it has
    // none, on `<main>`, so that a screen reader keeps its place on the page.
    if let Some(key) = focused {
        let twin = key.and_then(|key| app_elements.iter().find(|(k, _)| *k == key).map(|(_, e)| e.clone()));
        let target = twin.or_else(|| root.query_selector("main").ok().flatten());
        if let Some(target) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = target.focus_with_options(&options);
        }
    }
    window.scroll_to_with_x_and_y(scroll.0, scroll.1);
    mark_taken_over(&document);
}

/// The elements a user acts on, each with a key that finds its twin on the
/// other page: its tag, its id, name or text, and how many before it share
/// those. Not its position alone, as the app may show more than the build
/// could know (the progress remembered in this browser).
fn interactive(root: &web_sys::Element) -> Vec<(String, web_sys::Element)> {
    let Ok(list) = root.query_selector_all("a[href], button, input, select, textarea, summary, details, [tabindex]") else {
        return Vec::new();
    };
    let mut seen = std::collections::HashMap::<String, usize>::new();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|element| {
            let name = element.id();
            let name = if name.is_empty() { element.get_attribute("name").unwrap_or_default() } else { name };
            let name = if name.is_empty() && element.tag_name() != "DETAILS" { element.text_content().unwrap_or_default() } else { name };
            let base = format!("{}|{}", element.tag_name(), name.trim());
            let count = seen.entry(base.clone()).or_default();
            *count += 1;
            (format!("{base}|{count}"), element)
        })
        .collect()
}

/// What the user changed on a built element (an opened or closed section,
/// typed text), and nothing the page itself set.
fn carry_over(from: &web_sys::Element, to: &web_sys::Element) {
    if let (Some(from), Some(to)) = (from.dyn_ref::<web_sys::HtmlDetailsElement>(), to.dyn_ref::<web_sys::HtmlDetailsElement>()) {
        if from.open() != to.open() {
            to.set_open(from.open());
        }
    }
    if let (Some(from), Some(to)) = (from.dyn_ref::<web_sys::HtmlInputElement>(), to.dyn_ref::<web_sys::HtmlInputElement>()) {
        if from.type_() != "hidden" && from.value() != from.default_value() && from.value() != to.value() {
            to.set_value(&from.value());
            // The app's own state follows the field, as if typed there.
            if let Ok(event) = web_sys::Event::new("input") {
                let _ = to.dispatch_event(&event);
            }
        }
    }
}

fn mark_taken_over(document: &web_sys::Document) {
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute(TAKEN_OVER, "");
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("veiviser:taken-over");
    }
}
