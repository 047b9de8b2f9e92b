//! embed.html: the results card a portal shows in an iframe, with only what
//! a read-only card needs. It reads and writes no storage.

// The card renders once and allocates little: a small free-list allocator
// is enough, and weighs far less than the default one.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32 without threads has a single thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    budmm::ui::embed::start();
}
