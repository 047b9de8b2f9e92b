//! A QR code of a share link, as SVG path data, made here with no network.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// Above this version (117×117 modules) a printed code gets hard to scan
/// with a phone; the app suggests a shorter link instead.
pub const MAX_VERSION: u8 = 25;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side, without the quiet zone.
    pub size: u32,
    /// One `M x,y h n v1 h -n z` run per horizontal stretch of dark modules.
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the text is too long for a QR code that prints well")]
pub struct TooLong;

pub fn encode(text: &str) -> Result<Qr, TooLong> {
    let segments = QrSegment::make_segments(text);
    let qr = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::new(MAX_VERSION),
        None,
        true,
    )
    .map_err(|_| TooLong)?;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if qr.get_module(x, y) {
                let start = x;
                while x < size && qr.get_module(x, y) {
                    x += 1;
                }
                path.push_str(&format!("M{start},{y}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Ok(Qr {
        size: size.unsigned_abs(),
        path,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_short_link_gives_a_small_code_with_finder_patterns() {
        let qr = encode("https://example.org/#/shared/1/abc").unwrap();
        assert!(qr.size >= 21 && qr.size <= 37, "{}", qr.size);
        // The top-left finder pattern starts with a 7-module dark run.
        assert!(qr.path.starts_with("M0,0h7v1h-7z"), "{}", &qr.path[..40]);
    }

    #[test]
    fn a_link_too_long_to_print_well_is_refused() {
        assert_eq!(encode(&"x".repeat(3000)), Err(TooLong));
        assert!(
            encode(&"x".repeat(900)).is_ok(),
            "a 900-character link still fits"
        );
    }
}
