//! embed.html: the results card a portal shows in an iframe, with only what
//! a read-only card needs. It reads and writes no storage.

fn main() {
    budmm::ui::embed::start();
}
