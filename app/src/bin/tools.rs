//! The tools page's bundle (`tools.html`): helpdesk, search and diagnostics.

fn main() {
    veiviser_app::mount(veiviser_app::tools::main);
}
