//! The size floor of a guide page: an empty page built from the crates the
//! guide page cannot do without (Leptos with leptos_router, pulldown-cmark,
//! serde_json and gloo-net), each used once. `cargo xtask bench` builds it like
//! a page of the site and prints its size beside theirs: what no amount of work
//! on the app's own code can go below.

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;

#[derive(serde::Deserialize, Clone)]
struct Entry {
    id: String,
    title: String,
}

async fn fetch() -> Result<Vec<Entry>, String> {
    let response = gloo_net::http::Request::get("content/index.json").send().await.map_err(|e| e.to_string())?;
    let text = response.text().await.map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

#[component]
fn Page() -> impl IntoView {
    let location = use_location();
    let entries = LocalResource::new(fetch);
    view! {
        <main>
            <p>{move || location.search.get()}</p>
            {move || entries.get().map(|entries| match entries {
                Ok(entries) => entries
                    .into_iter()
                    .map(|e| {
                        let mut html = String::new();
                        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&e.title));
                        view! { <div id=e.id inner_html=html></div> }
                    })
                    .collect_view()
                    .into_any(),
                Err(e) => view! { <p>{e}</p> }.into_any(),
            })}
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| view! { <Router><Page/></Router> });
}
