//! Where a large Markdown text may be cut, to be parsed a piece at a time.
//!
//! pulldown-cmark builds a tree of its whole input before the first event: about 1.5
//! bytes of nodes per byte of plain prose, so a 20 MB file took 30 MB of tree beside the
//! file and its normalised text. Parsed in pieces, a large file holds one piece's tree
//! at a time.
//!
//! A cut must not change what is parsed, so it is made only
//! - in a text with nothing whose meaning reaches across a blank line: no link reference
//!   or footnote definition (`]:`), fenced code (```` ``` ````, `~~~`), HTML comment,
//!   processing instruction, declaration or raw block (`<!`, `<?`, `<pre`, `<script`,
//!   `<style`, `<textarea`);
//! - after the front matter, if any;
//! - at the start of a line that follows a blank line and cannot continue a block opened
//!   before it: not indented, not a list item (`- `, `* `, `+ `, `1.`, `1)`), not a
//!   block quote (`>`).
//!
//! Each such line starts a new top-level block in the whole text too, with every block
//! before it closed, so the pieces give the same events, offsets moved by the piece's
//! start (tested on every text of the project against the whole parse).

/// Pieces are at least this long (the last may be shorter). Files under this size are
/// parsed whole.
pub(crate) const PIECE: usize = 1 << 20;

/// Where the pieces of `body` after the first start, for pieces of at least `piece`
/// bytes, in increasing order. Empty when `body` is not longer than `piece` or cannot be
/// cut safely.
pub(crate) fn cuts(body: &str, piece: usize) -> Vec<usize> {
    let piece = piece.max(1);
    if body.len() <= piece || !cuttable(body.as_bytes()) {
        return Vec::new();
    }
    let Some(mut from) = after_front_matter(body) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut last = 0;
    while let Some(cut) = next_cut(body.as_bytes(), from.max(last + piece)) {
        out.push(cut);
        last = cut;
        from = cut;
    }
    out
}

/// Whether `b` has none of the constructs that reach across blank lines.
fn cuttable(b: &[u8]) -> bool {
    let never = ["]:", "```", "~~~", "<!", "<?"];
    if never
        .iter()
        .any(|n| memchr::memmem::find(b, n.as_bytes()).is_some())
    {
        return false;
    }
    // the raw HTML blocks, whose tag names are not case-sensitive
    let raw: [&[u8]; 4] = [b"pre", b"script", b"style", b"textarea"];
    !memchr::memchr_iter(b'<', b).any(|i| {
        let rest = &b[i + 1..];
        raw.iter()
            .any(|t| rest.len() >= t.len() && rest[..t.len()].eq_ignore_ascii_case(t))
    })
}

/// Where cuts may start: 0, or after the closing line of front matter (a metadata block
/// may hold blank lines). `None` when front matter opens and does not close.
fn after_front_matter(body: &str) -> Option<usize> {
    if !body.starts_with("---") {
        return Some(0);
    }
    let mut at = body.find('\n')? + 1;
    while at < body.len() {
        let end = body[at..].find('\n').map_or(body.len(), |n| at + n + 1);
        let line = body[at..end].trim_end();
        if line == "---" || line == "..." {
            return Some(end);
        }
        at = end;
    }
    None
}

/// The first cut at or after byte `from`: the start of a line that follows a blank line
/// and may start a piece (`may_start`).
fn next_cut(b: &[u8], from: usize) -> Option<usize> {
    // the start of the first whole line at or after `from`
    let mut line = match from {
        0 => 0,
        _ => memchr::memchr(b'\n', b.get(from - 1..)?)? + from,
    };
    let mut after_blank = false;
    while line < b.len() {
        let end = memchr::memchr(b'\n', &b[line..]).map_or(b.len(), |n| line + n + 1);
        let text = &b[line..end];
        let blank = text
            .iter()
            .all(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
        if after_blank && !blank && line >= from && may_start(text) {
            return Some(line);
        }
        after_blank = blank;
        line = end;
    }
    None
}

/// Whether a line after a blank line starts a new top-level block that nothing before
/// it can continue.
fn may_start(line: &[u8]) -> bool {
    match line {
        [b' ' | b'\t' | b'\r' | b'\n' | b'>', ..] | [] => false,
        // a bullet needs a space or tab after it (`**bold**` is a paragraph)
        [b'-' | b'*' | b'+'] => false,
        [b'-' | b'*' | b'+', next, ..] => !matches!(next, b' ' | b'\t' | b'\r' | b'\n'),
        [b'0'..=b'9', ..] => {
            let digits = line.iter().take_while(|c| c.is_ascii_digit()).count();
            !matches!(line.get(digits), Some(b'.' | b')'))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_lines<'t>(t: &'t str, cuts: &[usize]) -> Vec<&'t str> {
        cuts.iter()
            .map(|&c| t[c..].lines().next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn short_texts_and_texts_with_constructs_across_blank_lines_are_not_cut() {
        let long = "Đoạn một.\n\nĐoạn hai.\n\n".repeat(10);
        assert!(!cuts(&long, 8).is_empty());
        assert!(cuts(&long, long.len()).is_empty());
        for bad in [
            "[a]: http://x\n",
            "```\ncode\n```\n",
            "~~~\n",
            "<!-- note -->\n",
            "<?php ?>\n",
            "<PRE>\n",
            "<Script>\n",
            "<style>\n",
            "<textarea>\n",
        ] {
            let t = format!("{long}{bad}");
            assert!(cuts(&t, 8).is_empty(), "{bad}");
        }
    }

    #[test]
    fn cuts_start_lines_after_a_blank_line_that_continue_nothing() {
        let t = "Một.\n\n- mục\n\n  tiếp\n\n> trích\n\n1. số\n\n12) số\n\n    mã\n\n**Đậm**\n\n12 tỉnh\n\nHai.\n";
        assert_eq!(first_lines(t, &cuts(t, 1)), ["**Đậm**", "12 tỉnh", "Hai."]);
    }

    #[test]
    fn no_cut_inside_front_matter_or_before_a_piece_is_long_enough() {
        let t = "---\ntitle: A\n\ndate: 2024-01-01\n---\n\nMột.\n\nHai.\n\nBa.\n";
        assert_eq!(first_lines(t, &cuts(t, 1)), ["Một.", "Hai.", "Ba."]);
        assert!(cuts("---\ntitle: A\n\nMột.\n\nHai.\n", 1).is_empty());
        // pieces of at least 12 bytes: "Một.\n\n" is 7, so the first cut is at "Ba."
        let u = "Một.\n\nHai.\n\nBa.\n\nBốn.\n";
        assert_eq!(first_lines(u, &cuts(u, 12)), ["Ba."]);
    }
}
