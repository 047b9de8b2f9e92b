//! How long a user's text may be: the editor's limits, which every decoder
//! of outside input enforces too, so nothing over them gets in.

/// Longest text we accept in a one-line field, and in notes. Long enough for
/// any real name or paragraph of evidence; short enough that a stored value or
/// a link cannot balloon.
pub const MAX_FIELD_CHARS: usize = 200;
pub const MAX_NOTES_CHARS: usize = 4000;
