//! JSON appended to a byte buffer by hand, laid out byte for byte as serde_json lays it
//! out (`to_writer_pretty` with its two-space indent, or `to_writer`).
//!
//! The findings' JSON is the largest output of a run (22.8 MB on a 20 MB input), and
//! serde_json escapes a string a byte at a time through a table and grows a fresh buffer
//! per record; almost no text of a report needs escaping, so here a string is checked
//! sixteen bytes at a time and copied whole.

/// A writer of one JSON value into `out`, with serde_json's layout.
pub(crate) struct JsonWriter<'b> {
    out: &'b mut Vec<u8>,
    pretty: bool,
    /// Nesting depth: the indent of the next key or element, in steps of two spaces.
    depth: usize,
    /// Whether the container open last has no key or element yet.
    first: bool,
}

impl<'b> JsonWriter<'b> {
    /// A writer of pretty JSON (`to_writer_pretty`) that starts `depth` levels deep: a
    /// value nested that deep in a larger pretty document.
    pub(crate) fn pretty(out: &'b mut Vec<u8>, depth: usize) -> JsonWriter<'b> {
        JsonWriter {
            out,
            pretty: true,
            depth,
            first: true,
        }
    }

    /// A writer of compact JSON (`to_writer`).
    pub(crate) fn compact(out: &'b mut Vec<u8>) -> JsonWriter<'b> {
        JsonWriter {
            out,
            pretty: false,
            depth: 0,
            first: true,
        }
    }

    /// Opens an object (`b'{'`) or an array (`b'['`).
    #[inline]
    pub(crate) fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// Closes what `open` opened: `}` or `]`, on a line of its own unless it is empty.
    #[inline]
    pub(crate) fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.pretty && !self.first {
            self.break_line(1);
        }
        self.out.push(bracket);
        // a container is only ever a value inside another, which now has one
        self.first = false;
    }

    /// Starts an element of an array: its separator and indent.
    #[inline]
    pub(crate) fn element(&mut self) {
        let first = std::mem::replace(&mut self.first, false);
        if self.pretty {
            self.break_line(usize::from(first));
        } else if !first {
            self.out.push(b',');
        }
    }

    /// Starts the entry `name` of an object (a name that needs no escaping); its value
    /// follows.
    // always inlined: `name` is a literal, so its copy is a store, not a call
    #[inline(always)]
    pub(crate) fn key(&mut self, name: &'static str) {
        debug_assert!(!name.bytes().any(needs_escape));
        self.element();
        let out = &mut *self.out;
        out.reserve(name.len() + 4);
        out.push(b'"');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(if self.pretty { b"\": " } else { b"\":" });
    }

    /// `,` (`from` 0) or not (`from` 1), then a line break and the indent, in one copy.
    #[inline]
    fn break_line(&mut self, from: usize) {
        match SEPARATOR_AND_INDENT.get(from..2 + 2 * self.depth) {
            Some(s) => self.out.extend_from_slice(s),
            None => {
                self.out.extend_from_slice(&SEPARATOR_AND_INDENT[from..2]);
                for _ in 0..self.depth {
                    self.out.extend_from_slice(b"  ");
                }
            }
        }
    }

    #[inline]
    pub(crate) fn str(&mut self, s: &str) {
        write_str(self.out, s);
    }

    #[inline]
    pub(crate) fn usize(&mut self, n: usize) {
        write_usize(self.out, n);
    }

    #[inline]
    pub(crate) fn bool(&mut self, b: bool) {
        self.out
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    #[inline]
    pub(crate) fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// A string, or null for none.
    #[inline]
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }
}

/// `,`, a line break and the indent of up to 32 levels: what precedes a key or an
/// element of pretty JSON (without the `,` before the first).
const SEPARATOR_AND_INDENT: &[u8; 66] =
    b",\n                                                                ";

/// Whether serde_json escapes byte `b` in a string: a control character, `"` or `\`.
#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether no byte of `s` needs escaping; sixteen bytes at a time, without a branch
/// per byte, so that the compiler checks them side by side. The bytes after the last
/// full sixteen are checked as the last sixteen of `s`, or padded with spaces.
#[inline]
fn is_plain(s: &[u8]) -> bool {
    let any = |chunk: &[u8; 16]| chunk.iter().fold(false, |any, &b| any | needs_escape(b));
    let (chunks, rest) = s.as_chunks::<16>();
    if chunks.iter().any(any) {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    let mut last = [b' '; 16];
    match s.len().checked_sub(16) {
        Some(from) => last.copy_from_slice(&s[from..]),
        None => last[..rest.len()].copy_from_slice(rest),
    }
    !any(&last)
}

/// `s` as a JSON string, escaped as serde_json escapes it.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if is_plain(bytes) {
        out.extend_from_slice(bytes);
    } else {
        write_escaped(out, bytes);
    }
    out.push(b'"');
}

/// The bytes of a string with serde_json's escapes: the short ones for `"`, `\`, and
/// backspace, tab, line feed, form feed and carriage return; `\u00xx` (lower-case hex)
/// for the other control characters.
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        run = i + 1;
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0C => b'f',
            b'\r' => b'r',
            _ => 0,
        };
        if short != 0 {
            out.extend_from_slice(&[b'\\', short]);
        } else {
            let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]];
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&hex);
        }
    }
    out.extend_from_slice(&bytes[run..]);
}

/// `n` in decimal.
#[inline]
pub(crate) fn write_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every project text, its lines, and strings with each ASCII byte and odd
    /// characters: escaped as serde_json escapes them.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut strings = crate::testing::project_texts();
        let lines: Vec<String> = strings
            .iter()
            .flat_map(|t| t.split_inclusive('\n').map(String::from))
            .collect();
        strings.extend(lines);
        strings.extend((0u8..128).map(|b| format!("a{}b", b as char)));
        strings.extend((0u8..128).map(|b| (b as char).to_string().repeat(17)));
        strings.extend(
            [
                "",
                "\"",
                "\\",
                "đạt 77\u{a0}tỷ\r\n\t\"x\"\\y\u{1}\u{1f}\u{7f}",
                "Tie\u{302}\u{301}ng zero\u{200b}width\u{feff}\u{2028}\u{2029}",
                "0123456789abcdef0123456789abcde\"",
            ]
            .map(String::from),
        );
        for s in &strings {
            let mut got = Vec::new();
            write_str(&mut got, s);
            let want = serde_json::to_vec(s).expect("serde");
            assert!(got == want, "{s:?}: {}", String::from_utf8_lossy(&got));
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let mut n = 1usize;
        let mut all = vec![0, 9, 10, 99, 100, usize::MAX, usize::MAX - 1];
        while let Some(m) = n.checked_mul(7) {
            all.extend([n - 1, n, n + 1]);
            n = m;
        }
        for n in all {
            let mut got = Vec::new();
            write_usize(&mut got, n);
            assert_eq!(got, serde_json::to_vec(&n).expect("serde"), "{n}");
        }
    }

    /// Nested objects and arrays, empty and not, as serde_json lays them out.
    #[test]
    fn layout_is_serde_jsons() {
        let value = serde_json::json!({
            "a": "x",
            "b": [],
            "c": [1, {"d": null, "e": true, "f": []}, [false]],
            "g": {"h": {}},
        });
        let write = |w: &mut JsonWriter| {
            w.open(b'{');
            w.key("a");
            w.str("x");
            w.key("b");
            w.open(b'[');
            w.close(b']');
            w.key("c");
            w.open(b'[');
            w.element();
            w.usize(1);
            w.element();
            w.open(b'{');
            w.key("d");
            w.opt_str(None);
            w.key("e");
            w.bool(true);
            w.key("f");
            w.open(b'[');
            w.close(b']');
            w.close(b'}');
            w.element();
            w.open(b'[');
            w.element();
            w.bool(false);
            w.close(b']');
            w.close(b']');
            w.key("g");
            w.open(b'{');
            w.key("h");
            w.open(b'{');
            w.close(b'}');
            w.close(b'}');
            w.close(b'}');
        };
        let mut pretty = Vec::new();
        write(&mut JsonWriter::pretty(&mut pretty, 0));
        assert_eq!(
            String::from_utf8_lossy(&pretty),
            serde_json::to_string_pretty(&value).expect("serde")
        );
        let mut compact = Vec::new();
        write(&mut JsonWriter::compact(&mut compact));
        assert_eq!(
            String::from_utf8_lossy(&compact),
            serde_json::to_string(&value).expect("serde")
        );

        // deeper than the indents copied whole
        let mut deep = serde_json::json!([]);
        for _ in 0..40 {
            deep = serde_json::json!([1, deep]);
        }
        let write = |w: &mut JsonWriter| {
            for _ in 0..40 {
                w.open(b'[');
                w.element();
                w.usize(1);
                w.element();
            }
            w.open(b'[');
            w.close(b']');
            for _ in 0..40 {
                w.close(b']');
            }
        };
        let mut pretty = Vec::new();
        write(&mut JsonWriter::pretty(&mut pretty, 0));
        assert_eq!(
            String::from_utf8_lossy(&pretty),
            serde_json::to_string_pretty(&deep).expect("serde")
        );
        let mut compact = Vec::new();
        write(&mut JsonWriter::compact(&mut compact));
        assert_eq!(
            String::from_utf8_lossy(&compact),
            serde_json::to_string(&deep).expect("serde")
        );
    }
}
