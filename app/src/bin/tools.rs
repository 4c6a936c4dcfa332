//! The tools page's bundle (`tools.html`): helpdesk, search, diagnostics and the IT kit.

fn main() {
    veiviser_app::mount(veiviser_app::Bundle::Tools, veiviser_app::pages::tools::main);
}
