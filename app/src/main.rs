//! Entry point of the web app: mount and hand over to the library.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(veiviser_app::App);
}
