//! A small JSON reader and writer: everything the app stores, exports,
//! links and fetches is JSON, and this is the only code that reads or
//! writes it. Written here rather than taken from serde, whose generic
//! code would be most of the wasm's JSON cost (about 20 KB gzip of each
//! page); the formats are few and fixed, and each type says in its own
//! module how it reads and writes itself.
//!
//! Reading is strict (RFC 8259: no comments, no trailing commas, no lone
//! surrogates) and bounded (nesting depth); anything else is an error,
//! never a panic. Writing escapes as serde_json does, so output is the same
//! byte for byte (the tests compare them).

use std::borrow::Cow;

/// Deeper than any format of the app nests, far below the stack's limit.
const MAX_DEPTH: usize = 64;

/// A JSON value, borrowing from the text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A number as written; read as the integer type wanted, exactly.
    Num(&'a str),
    Str(Cow<'a, str>),
    Arr(Vec<Json<'a>>),
    /// Members in the order written; of repeated keys the last one counts.
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// The text is not JSON (cut off, edited, or something else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonError;

/// Reads one JSON value that is the whole of `text` (spaces around it aside).
pub fn parse(text: &str) -> Result<Json<'_>, JsonError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let v = p.value(0)?;
    p.space();
    if p.at == p.bytes.len() {
        Ok(v)
    } else {
        Err(JsonError)
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.bytes.get(self.at) == Some(&b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn word(&mut self, w: &str) -> Result<(), JsonError> {
        if self.bytes[self.at..].starts_with(w.as_bytes()) {
            self.at += w.len();
            Ok(())
        } else {
            Err(JsonError)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError);
        }
        self.space();
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.space();
                if self.eat(b'}') {
                    return Ok(Json::Obj(members));
                }
                loop {
                    self.space();
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return Err(JsonError);
                    }
                    let key = self.string()?;
                    self.space();
                    if !self.eat(b':') {
                        return Err(JsonError);
                    }
                    let v = self.value(depth + 1)?;
                    members.push((key, v));
                    self.space();
                    if self.eat(b'}') {
                        return Ok(Json::Obj(members));
                    }
                    if !self.eat(b',') {
                        return Err(JsonError);
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat(b']') {
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    if self.eat(b']') {
                        return Ok(Json::Arr(items));
                    }
                    if !self.eat(b',') {
                        return Err(JsonError);
                    }
                }
            }
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(b't') => self.word("true").map(|_| Json::Bool(true)),
            Some(b'f') => self.word("false").map(|_| Json::Bool(false)),
            Some(b'n') => self.word("null").map(|_| Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(JsonError),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.bytes.get(self.at) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json<'a>, JsonError> {
        let start = self.at;
        self.eat(b'-');
        match self.bytes.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(JsonError),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(JsonError);
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return Err(JsonError);
            }
        }
        Ok(Json::Num(&self.text[start..self.at]))
    }

    /// A string starting at the opening quote; borrowed when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.at += 1;
        let start = self.at;
        loop {
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    let s = &self.text[start..self.at];
                    self.at += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) | None => return Err(JsonError),
                Some(_) => self.at += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.at]);
        loop {
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = match self.bytes.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) {
                                // A pair: the low half must follow at once.
                                if !(self.bytes.get(self.at + 1) == Some(&b'\\')
                                    && self.bytes.get(self.at + 2) == Some(&b'u'))
                                {
                                    return Err(JsonError);
                                }
                                self.at += 2;
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return Err(JsonError);
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or(JsonError)?
                        }
                        _ => return Err(JsonError),
                    };
                    out.push(c);
                    self.at += 1;
                }
                Some(0..=0x1f) | None => return Err(JsonError),
                Some(_) => {
                    // Copy one whole character (the text is valid UTF-8).
                    let rest = &self.text[self.at..];
                    let c = rest.chars().next().ok_or(JsonError)?;
                    out.push(c);
                    self.at += c.len_utf8();
                }
            }
        }
    }

    /// Four hex digits after `\u`, leaving `at` on the last of them.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.at + 1..self.at + 5).ok_or(JsonError)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(JsonError);
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| JsonError)
    }
}

impl<'a> Json<'a> {
    /// The member `key` of an object (the last one, if repeated).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A whole number written without fraction or exponent, that fits.
    pub fn u64(&self) -> Option<u64> {
        match self {
            Json::Num(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn arr(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    pub fn members(&self) -> Option<&[(Cow<'a, str>, Json<'a>)]> {
        match self {
            Json::Obj(members) => Some(members),
            _ => None,
        }
    }

    pub fn is_obj(&self) -> bool {
        matches!(self, Json::Obj(_))
    }

    /// An optional member: absent or null is `Ok(None)`; present but not
    /// readable by `read` is an error.
    pub fn opt<T>(
        &self,
        key: &str,
        read: impl Fn(&Json<'a>) -> Option<T>,
    ) -> Result<Option<T>, JsonError> {
        match self.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(v) => read(v).map(Some).ok_or(JsonError),
        }
    }

    /// A required member.
    pub fn req<T>(&self, key: &str, read: impl Fn(&Json<'a>) -> Option<T>) -> Result<T, JsonError> {
        self.get(key).and_then(read).ok_or(JsonError)
    }

    /// A text member that may be absent (then empty).
    pub fn text_or_empty(&self, key: &str) -> Result<String, JsonError> {
        Ok(self
            .opt(key, |v| v.str().map(str::to_string))?
            .unwrap_or_default())
    }
}

/// A list of strings.
pub fn strings(v: &Json) -> Option<Vec<String>> {
    v.arr()?
        .iter()
        .map(|s| s.str().map(str::to_string))
        .collect()
}

/// Appends `s` as a JSON string, escaped exactly as serde_json does:
/// quote, backslash and control characters; nothing else.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// Writes one JSON object, member by member, in the order given.
pub struct ObjWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjWriter<'o> {
    pub fn new(out: &'o mut String) -> ObjWriter<'o> {
        out.push('{');
        ObjWriter { out, first: true }
    }

    /// Starts member `key`; the caller writes its value into the result.
    pub fn key(&mut self, key: &str) -> &mut String {
        if !std::mem::replace(&mut self.first, false) {
            self.out.push(',');
        }
        write_str(self.out, key);
        self.out.push(':');
        self.out
    }

    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        write_str(self.key(key), value);
        self
    }

    pub fn num(&mut self, key: &str, value: u64) -> &mut Self {
        self.key(key).push_str(&value.to_string());
        self
    }

    pub fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    /// A member written by `write`.
    pub fn with(&mut self, key: &str, write: impl FnOnce(&mut String)) -> &mut Self {
        write(self.key(key));
        self
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

/// Writes a list, each item by `write`.
pub fn write_list<T>(
    out: &mut String,
    items: impl IntoIterator<Item = T>,
    write: impl Fn(&mut String, T),
) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Our tree, as serde_json's, to compare the two readers.
    fn to_value(v: &Json) -> serde_json::Value {
        use serde_json::Value as V;
        match v {
            Json::Null => V::Null,
            Json::Bool(b) => V::Bool(*b),
            Json::Num(n) => serde_json::from_str(n).unwrap(),
            Json::Str(s) => V::String(s.to_string()),
            Json::Arr(a) => V::Array(a.iter().map(to_value).collect()),
            Json::Obj(m) => {
                let mut map = serde_json::Map::new();
                for (k, v) in m {
                    map.insert(k.to_string(), to_value(v));
                }
                V::Object(map)
            }
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a":[1,-2.5e3,true,false,null,"x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\udeb2"],"b":{}}"#,
            "  [ ]  ",
            r#""plain""#,
            "0",
            r#"{"dup":1,"dup":2}"#,
        ] {
            let ours = parse(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(to_value(&ours), theirs, "{text}");
        }
        assert_eq!(
            parse(r#"{"dup":1,"dup":2}"#)
                .unwrap()
                .get("dup")
                .unwrap()
                .u64(),
            Some(2)
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "tru",
            "nul",
            "\"\\x\"",
            "\"a",
            "\"\u{1}\"",
            "[1] [2]",
            "{'a':1}",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"\\ud800\\u0041\"",
            "// no",
            "NaN",
            "+1",
        ] {
            assert_eq!(parse(text), Err(JsonError), "{text:?}");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "serde agrees on {text:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep), Err(JsonError));
        let ok = format!("{}{}", "[".repeat(60), "]".repeat(60));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn integers_are_read_exactly_or_not_at_all() {
        assert_eq!(parse("18446744073709551615").unwrap().u64(), Some(u64::MAX));
        for n in ["18446744073709551616", "1.0", "1e3", "-1"] {
            assert_eq!(parse(n).unwrap().u64(), None, "{n}");
        }
    }

    proptest! {
        #[test]
        fn strings_are_written_as_serde_json_writes_them(s in "\\PC*|[\\x00-\\x1f\"\\\\/]{0,20}") {
            let mut ours = String::new();
            write_str(&mut ours, &s);
            prop_assert_eq!(&ours, &serde_json::to_string(&s).unwrap());
            let back = parse(&ours).unwrap();
            prop_assert_eq!(back.str(), Some(s.as_str()));
        }

        #[test]
        fn any_serde_value_reads_the_same(v in arb_value()) {
            let text = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(to_value(&parse(&text).unwrap()), v.clone());
            let pretty = serde_json::to_string_pretty(&v).unwrap();
            prop_assert_eq!(to_value(&parse(&pretty).unwrap()), v);
        }

        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }
    }

    fn arb_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value as V;
        let leaf = prop_oneof![
            Just(V::Null),
            any::<bool>().prop_map(V::Bool),
            any::<u32>().prop_map(V::from),
            any::<i32>().prop_map(V::from),
            "\\PC{0,12}".prop_map(V::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(V::Array),
                proptest::collection::vec(("[a-z]{1,4}", inner), 0..6)
                    .prop_map(|m| V::Object(m.into_iter().collect())),
            ]
        })
    }
}
