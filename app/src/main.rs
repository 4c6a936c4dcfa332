//! The start page's bundle (`index.html`): what do you want to do?

fn main() {
    veiviser_app::mount(veiviser_app::Bundle::Start, veiviser_app::pages::start::main);
}
