//! results.html: results that arrive in a link, read-only, written as
//! markup with no Yew runtime (`ui::reader`).

// The page renders once per address and allocates little: a small
// free-list allocator is enough, and weighs far less than the default one.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32 without threads has a single thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    budmm::ui::reader::start();
}
