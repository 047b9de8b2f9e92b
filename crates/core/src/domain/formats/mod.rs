//! What goes in and out as text: JSON, assessment files, CSV, share links and their alphabet, QR codes, pasted links, data packages.

pub mod base64url;
pub mod csv;
pub mod datapackage;
pub mod exchange;
pub mod json;
pub mod pasted;
pub mod qr;
pub mod share;
