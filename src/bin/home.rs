//! index.html's first paint: Home as markup from storage, with no Yew
//! (`ui::first_paint`); then the app (src/main.rs) loads and takes over.

// The page paints once or twice and allocates little: a small free-list
// allocator is enough, and weighs far less than the default one.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32 without threads has a single thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    budmm::ui::first_paint::start();
}
