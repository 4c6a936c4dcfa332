//! The guide page's bundle (`guide.html`): a guide step by step, or whole.

fn main() {
    veiviser_app::mount(veiviser_app::Bundle::Guide, veiviser_app::pages::guide::main);
}
