//! Results links as they arrive, pasted from an e-mail, a chat or a
//! document after mail scanners and clients have had their way with them:
//! Microsoft Safe Links and other gateways wrap the address in their own
//! (`…safelinks.protection.outlook.com/?url=<escaped address>&data=…`),
//! some turn `#` into `%23` (or, escaped twice, `%2523`), clients put
//! `<angle brackets>` or quotes around it and break it across lines, and a
//! sentence ends it with a full stop. What counts is the fragment
//! (`#/shared/<version>/<payload>`), which all of these keep once their
//! escapes are undone: its payload is base64url, so no punctuation, space
//! or escape of theirs can be part of it.

use crate::domain::formats::share::{self, LinkError, MAX_PAYLOAD_CHARS};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::Rubric;
use std::cell::RefCell;

/// The fragments that carry results: a results link and a card's link.
const MARKERS: [&str; 2] = ["#/shared/", "#/embed/"];
/// Escapes undone at most this many times: a gateway that escapes an
/// address another already escaped makes `%2523` of `#`.
const UNESCAPE_ROUNDS: usize = 3;
/// Lines of a link broken by a mail client, joined at most: a link with
/// every note in it, in lines of 76 characters. Each is a reading to try,
/// so hostile text cannot make thousands.
const MAX_PIECES: usize = 64;

/// One results link found in pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The line of the pasted text where it starts, from 1.
    pub line: usize,
    /// The link's format version, as written.
    pub version: String,
    /// Its payload: the shortest reading that opens, or else the part
    /// before the first break (which says what is wrong with it).
    pub payload: String,
}

/// What pasted text holds, in order: each results link found, or for a
/// line that names an address but holds no results link, its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Link(Found),
    NotALink { line: usize },
}

/// `%XX` escapes undone (and `&amp;`, from text copied out of HTML);
/// anything else, a stray `%` included, kept as it is. An escaped line
/// break was never a break in what the user pasted: it reads as a space.
/// Where undoing them all would not give UTF-8 (a Latin-1 `%E9` in another
/// address of the same mail), only those of ASCII characters are undone:
/// every character of a link's fragment is one.
fn unescape(text: &str) -> String {
    unescape_some(text, false)
        .or_else(|| unescape_some(text, true))
        .unwrap_or_else(|| text.to_string())
}

fn unescape_some(text: &str, ascii_only: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l))
                if hex(h).is_some()
                    && hex(l).is_some()
                    && !(ascii_only && hex(h).unwrap_or(8) >= 8) =>
            {
                let value = (hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8;
                out.push(if value == b'\n' || value == b'\r' {
                    b' '
                } else {
                    value
                });
                i += 3;
            }
            (b'&', _, _) if bytes[i..].starts_with(b"&amp;") => {
                out.push(b'&');
                i += 5;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn is_payload_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// The pasted text with its escapes undone, however many times it was
/// escaped (up to `UNESCAPE_ROUNDS`).
pub(crate) fn readable(text: &str) -> String {
    let mut text = text.to_string();
    for _ in 0..UNESCAPE_ROUNDS {
        if !text.contains('%') && !text.contains("&amp;") {
            break;
        }
        text = unescape(&text);
    }
    text
}

/// Where the next results fragment starts in `text` after `from`: the
/// position just after its marker.
fn next_marker(text: &str, from: usize) -> Option<usize> {
    // By bytes: a `#` and what follows it (lighter than a substring search).
    let bytes = text.as_bytes();
    (from..bytes.len())
        .filter(|&i| bytes[i] == b'#')
        .find_map(|i| {
            MARKERS
                .iter()
                .find(|m| bytes[i..].starts_with(m.as_bytes()))
                .map(|m| i + m.len())
        })
}

/// The readings of a payload that starts at `at`, each with where it ends
/// and whether every join in it was at a quote mark: the unbroken part,
/// then that part with each following piece of a broken line joined on. A
/// piece is a run of payload characters on the next line, or after the
/// `> ` of a quoted reply (which a one-line field keeps when it drops the
/// line break); anything else ends the link.
fn readings(text: &str, at: usize) -> Vec<(String, usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = at;
    let mut payload = String::new();
    let mut quoted = true;
    let mut out = Vec::new();
    for _ in 0..MAX_PIECES {
        let start = i;
        while i < bytes.len() && is_payload_byte(bytes[i]) {
            i += 1;
        }
        payload.push_str(&text[start..i]);
        // A gateway's own ending (Proofpoint's `__;`) is not the payload's:
        // tried first, being shorter.
        if let Some(trimmed) = payload.strip_suffix("__").filter(|t| !t.is_empty()) {
            out.push((trimmed.to_string(), i, false));
        }
        out.push((payload.clone(), i, quoted));
        // Past any real link: the reader says it is too large.
        if payload.len() > MAX_PAYLOAD_CHARS {
            break;
        }
        let mut j = i;
        let (mut line_break, mut quote) = (false, false);
        while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'>') {
            line_break |= bytes[j] == b'\n';
            quote |= bytes[j] == b'>' && bytes.get(j + 1) == Some(&b' ');
            j += 1;
        }
        if !(line_break || quote) || j >= bytes.len() || !is_payload_byte(bytes[j]) {
            break;
        }
        quoted &= quote && !line_break;
        i = j;
    }
    out
}

/// Where each line of `text` starts: the line of a byte is found by a
/// binary search (a list of a thousand links is read in one pass).
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

/// The line that byte `at` is on, from 1, given where lines start.
fn line_of(starts: &[usize], at: usize) -> usize {
    starts.partition_point(|s| *s <= at)
}

/// The version and payload of the link whose marker ends at `at`, and
/// where it ends (see `pieces` for `opens`).
fn link_at(text: &str, at: usize, opens: Opens) -> (String, String, usize) {
    let bytes = text.as_bytes();
    let mut v = at;
    while v < bytes.len() && bytes[v].is_ascii_digit() {
        v += 1;
    }
    let version = text[at..v].to_string();
    if bytes.get(v) != Some(&b'/') {
        return (version, String::new(), v);
    }
    let readings = readings(text, v + 1);
    let chosen = match opens {
        Some(opens) => readings.iter().find(|(p, ..)| opens(&version, p)),
        // No way to try them: the unbroken part, with what follows a quote
        // mark (a one-line field has no line breaks left to choose at).
        None => readings.iter().rfind(|(.., quoted)| *quoted),
    };
    let (payload, end, _) =
        chosen
            .or(readings.first())
            .cloned()
            .unwrap_or((String::new(), v + 1, true));
    (version, payload, end)
}

/// Whether a version and payload open as results: what chooses between the
/// ways a link broken across lines can be read.
pub type Opens<'a> = Option<&'a dyn Fn(&str, &str) -> bool>;

/// Every results link in `text`, whatever was done to it on the way, in
/// the order of the text. Where a line break leaves more than one reading,
/// the shortest that `opens` is taken (a deflated payload cut short never
/// opens; one with a next line's word joined on may, since what follows the
/// end of the data is not read), else the part before the break. Without
/// `opens` (a one-line field, where the browser drops line breaks itself)
/// that part is taken.
pub fn pieces(text: &str, opens: Opens) -> Vec<Piece> {
    let text = readable(text);
    let starts = line_starts(&text);
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(at) = next_marker(&text, from) {
        let (version, payload, end) = link_at(&text, at, opens);
        links.push((
            line_of(&starts, at),
            line_of(&starts, end),
            version,
            payload,
        ));
        from = end.max(at);
    }
    // Merged, in the order of the text, with the lines that are not links:
    // those that name an address, when links were found among other words
    // (a mail's greeting is not an error); every line, when none was (a
    // list where nothing is a link says so of each line).
    let any_link = !links.is_empty();
    let mut out = Vec::new();
    let mut links = links.into_iter().peekable();
    let mut covered_to = 0;
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        while let Some((first, last, ..)) = links.peek() {
            if *first > n {
                break;
            }
            covered_to = covered_to.max(*last);
            if let Some((line, _, version, payload)) = links.next() {
                out.push(Piece::Link(Found {
                    line,
                    version,
                    payload,
                }));
            }
        }
        // By bytes: lighter than a substring search.
        let bytes = line.as_bytes();
        let named = if any_link {
            bytes.windows(3).any(|w| w == b"://") || bytes.windows(2).any(|w| w == b"#/")
        } else {
            !line.trim().is_empty()
        };
        if named && covered_to < n {
            out.push(Piece::NotALink { line: n });
        }
    }
    out.extend(links.map(|(line, _, version, payload)| {
        Piece::Link(Found {
            line,
            version,
            payload,
        })
    }));
    out
}

/// The first results link in `text`, or `None` when it holds none.
pub fn first(text: &str, opens: Opens) -> Option<Found> {
    let text = readable(text);
    let at = next_marker(&text, 0)?;
    let (version, payload, _) = link_at(&text, at, opens);
    Some(Found {
        line: line_of(&line_starts(&text), at),
        version,
        payload,
    })
}

/// Each link of a pasted list, read: the assessment, or why not, with the
/// line it starts on. Text with no link in it at all is one `NotALink`.
pub fn read_all(text: &str, rubric: &Rubric) -> Vec<(usize, Result<Assessment, LinkError>)> {
    // Each reading tried is read once, and kept: the one chosen, or the
    // first (which says what is wrong), is among them.
    let tried = RefCell::new(Vec::<(String, Result<Assessment, LinkError>)>::new());
    let opens = |version: &str, payload: &str| {
        let read = share::decode(version, payload, rubric);
        let ok = read.is_ok();
        tried.borrow_mut().push((payload.to_string(), read));
        ok
    };
    let pieces = pieces(text, Some(&opens));
    let mut tried = tried.into_inner();
    let mut out: Vec<(usize, Result<Assessment, LinkError>)> = pieces
        .into_iter()
        .map(|p| match p {
            Piece::Link(f) if f.version.is_empty() || f.payload.is_empty() => {
                (f.line, Err(LinkError::Incomplete))
            }
            Piece::Link(f) => {
                let read = tried
                    .iter()
                    .position(|(p, _)| *p == f.payload)
                    .map(|i| tried.swap_remove(i).1);
                (f.line, read.unwrap_or(Err(LinkError::Damaged)))
            }
            Piece::NotALink { line } => (line, Err(LinkError::NotALink)),
        })
        .collect();
    if out.is_empty() && !text.trim().is_empty() {
        out.push((1, Err(LinkError::NotALink)));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::rubric::builtin;
    use crate::domain::route::Route;
    use proptest::prelude::*;

    /// Every byte but the unreserved ones escaped, as gateways write the
    /// address they wrap.
    fn escape_all(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    /// What mail and chat do to a link on its way.
    #[derive(Debug, Clone)]
    enum Mangle {
        SafeLinks,
        GoogleRedirect,
        EscapedHash,
        EscapedTwice,
        AngleBrackets,
        Quotes,
        FullStop,
        Parenthesis,
        BrokenLines { every: usize, quoted: bool },
        InProse,
        HtmlAmp,
    }

    fn mangle(link: &str, how: &Mangle) -> String {
        match how {
            Mangle::SafeLinks => format!(
                "https://eur02.safelinks.protection.outlook.com/?url={}&data=05%7C02%7Cx%40y.org%7C&sdata=abc%3D&reserved=0",
                escape_all(link)
            ),
            Mangle::GoogleRedirect => {
                format!("https://www.google.com/url?q={}&sa=D&ust=1", escape_all(link))
            }
            Mangle::EscapedHash => link.replace('#', "%23"),
            Mangle::EscapedTwice => link.replace('#', "%2523").replace('/', "%252F"),
            Mangle::AngleBrackets => format!("<{link}>"),
            Mangle::Quotes => format!("“{link}”"),
            Mangle::FullStop => format!("{link}."),
            Mangle::Parenthesis => format!("(see {link})"),
            Mangle::BrokenLines { every, quoted } => {
                let cut = link.find("#/").map_or(0, |i| i + 9);
                let (head, tail) = link.split_at(cut.min(link.len()));
                let mut out = head.to_string();
                for (i, c) in tail.chars().enumerate() {
                    if i > 0 && i % every == 0 {
                        out.push_str(if *quoted { "\r\n> " } else { "\n" });
                    }
                    out.push(c);
                }
                out
            }
            Mangle::InProse => format!("Buenos días,\nlos resultados: {link}\nSaludos,\nAna"),
            Mangle::HtmlAmp => format!("https://gw.example/?a=1&amp;url={}", escape_all(link)),
        }
    }

    /// What can happen to a link already mangled: put in a sentence or
    /// brackets, or (unless broken across lines or inside prose, which no
    /// gateway takes for one link) wrapped by a gateway.
    fn then(first: &Mangle) -> impl Strategy<Value = Mangle> {
        let wraps = !matches!(first, Mangle::BrokenLines { .. } | Mangle::InProse);
        prop_oneof![
            Just(Mangle::AngleBrackets),
            Just(Mangle::Quotes),
            Just(Mangle::FullStop),
            Just(Mangle::Parenthesis),
            Just(Mangle::InProse),
            Just(if wraps {
                Mangle::SafeLinks
            } else {
                Mangle::Quotes
            }),
            Just(if wraps {
                Mangle::GoogleRedirect
            } else {
                Mangle::FullStop
            }),
        ]
    }

    fn any_mangle() -> impl Strategy<Value = Mangle> {
        prop_oneof![
            Just(Mangle::SafeLinks),
            Just(Mangle::GoogleRedirect),
            Just(Mangle::EscapedHash),
            Just(Mangle::EscapedTwice),
            Just(Mangle::AngleBrackets),
            Just(Mangle::Quotes),
            Just(Mangle::FullStop),
            Just(Mangle::Parenthesis),
            (20usize..80, any::<bool>())
                .prop_map(|(every, quoted)| Mangle::BrokenLines { every, quoted }),
            Just(Mangle::InProse),
            Just(Mangle::HtmlAmp),
        ]
    }

    fn link_of(a: &Assessment, host: &str, embed: bool) -> (String, String) {
        let payload = share::encode(a, builtin(), true);
        let route = if embed {
            Route::embed(payload.clone())
        } else {
            Route::shared(payload.clone())
        };
        (
            format!("https://{host}/madurez/index.html{}", route.href()),
            payload,
        )
    }

    #[test]
    fn a_safe_links_address_gives_back_the_link_inside() {
        let a = crate::domain::model::samples::reference(false);
        let (link, payload) = link_of(&a, "datos.ciudad.gob", false);
        let wrapped = mangle(&link, &Mangle::SafeLinks);
        assert!(!wrapped.contains('#'));
        let found = first(&wrapped, None).unwrap();
        assert_eq!(
            (found.version.as_str(), found.payload.as_str()),
            ("1", payload.as_str())
        );
    }

    #[test]
    fn a_link_truly_cut_is_read_as_far_as_it_goes_and_says_so() {
        let a = crate::domain::model::samples::reference(false);
        let (link, _) = link_of(&a, "datos.ciudad.gob", false);
        let cut = &link[..link.len() - 12];
        let read = read_all(cut, builtin());
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].1, Err(LinkError::Damaged));
        assert_eq!(
            read_all("x#/shared/1", builtin())[0].1,
            Err(LinkError::Incomplete)
        );
        assert_eq!(
            read_all("Hola, ¿cómo está?", builtin())[0].1,
            Err(LinkError::NotALink)
        );
        assert!(read_all("  \n ", builtin()).is_empty());
        // Where nothing is a link, each line says so.
        let junk: Vec<usize> = read_all("not a link 1\n\nnot a link 2", builtin())
            .iter()
            .map(|(l, _)| *l)
            .collect();
        assert_eq!(junk, [1, 3]);
    }

    #[test]
    fn a_list_of_links_and_prose_gives_each_link_with_its_line_and_names_other_addresses() {
        let a = crate::domain::model::samples::reference(false);
        let (one, _) = link_of(&a, "a.example", false);
        let (two, _) = link_of(&a, "b.example", true);
        let text = format!("Links:\n{one}\n\n<{two}>\nhttps://example.org/other\nThanks");
        let read = read_all(&text, builtin());
        let lines: Vec<usize> = read.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert!(read[0].1.is_ok() && read[1].1.is_ok());
        assert_eq!(read[2].1, Err(LinkError::NotALink));
    }

    #[test]
    fn a_one_line_field_joins_a_quoted_reply_and_a_stray_escape_spoils_nothing() {
        let a = crate::domain::model::samples::reference(false);
        let (link, payload) = link_of(&a, "datos.ciudad.gob", false);
        // What an input keeps of "> head\n> tail": the break goes, the quote stays.
        let (head, tail) = link.split_at(link.len() - 20);
        let found = first(&format!("> {head}> {tail}"), None).unwrap();
        assert_eq!(found.payload, payload);
        // A Latin-1 escape elsewhere in the mail: the link is still unwrapped.
        let mail = format!(
            "Caf%E9 https://x.example/?q=%E9 {}",
            mangle(&link, &Mangle::SafeLinks)
        );
        assert_eq!(first(&mail, None).unwrap().payload, payload);
        // Proofpoint's ending: exactly its two underscores go.
        let opens = |v: &str, p: &str| share::decode(v, p, builtin()).is_ok();
        assert_eq!(
            first(&format!("{link}__;!!abc$"), Some(&opens))
                .unwrap()
                .payload,
            payload
        );
    }

    #[test]
    fn hostile_text_is_read_in_bounded_time_and_space() {
        let mut text = String::from("https://x/#/shared/1/");
        for i in 0..5_000 {
            text.push_str(&format!("\n> {i:030}"));
        }
        text.push_str(&"\nhttps://x/#/shared/1/AAAA".repeat(1_000));
        let read = read_all(&text, builtin());
        assert_eq!(read.len(), 1_001);
        assert!(read.iter().all(|(_, r)| r.is_err()));
    }

    proptest! {
        #[test]
        fn a_link_mangled_on_its_way_is_found_whole(
            a in share::tests::arb_assessment(),
            (how, again) in any_mangle().prop_flat_map(|how| {
                let again = proptest::option::of(then(&how));
                (Just(how), again)
            }),
            embed in any::<bool>(),
        ) {
            let (link, payload) = link_of(&a, "datos.ciudad.gob", embed);
            let mut text = mangle(&link, &how);
            if let Some(again) = &again {
                text = mangle(&text, again);
            }
            let opens = |v: &str, p: &str| share::decode(v, p, builtin()).is_ok();
            let found = first(&text, Some(&opens));
            prop_assert!(found.is_some(), "{text}");
            let found = found.unwrap_or_else(|| unreachable!());
            prop_assert_eq!(&found.payload, &payload, "{}", text);
            prop_assert_eq!(found.version.as_str(), "1");
            let read = read_all(&text, builtin());
            prop_assert!(matches!(&read[..], [(_, Ok(b))] if b.same_content(&a)), "{text}: {read:?}");
        }

        #[test]
        fn any_text_is_read_without_panicking(text in "\\PC{0,400}") {
            let _ = read_all(&text, builtin());
        }

        #[test]
        fn any_text_after_a_marker_is_read_without_panicking(text in "[#/a-zA-Z0-9_%<>\\n -]{0,300}") {
            let _ = read_all(&format!("https://x/#/shared/1/{text}"), builtin());
        }
    }
}
