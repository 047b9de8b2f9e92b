//! region-card.html: a group's distribution for a portal's iframe, with
//! only what that card needs. It reads and writes no storage.

// As on embed.html: the card renders once and allocates little.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32 without threads has a single thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    budmm::ui::embed::start_region();
}
