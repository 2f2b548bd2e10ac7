//! `check --format github`: one GitHub Actions workflow command per finding, which the
//! runner turns into an annotation on the file and lines:
//!
//! ```text
//! ::error file=a.md,line=3,col=20,endLine=3,endColumn=22,title=cross-source/value-mismatch::…
//! ```
//!
//! `warning` for warnings, `notice` for infos. Columns count code points and the end is
//! exclusive, as in the SARIF output. Escaping follows the runner (`@actions/core`):
//! `%`, CR and LF everywhere, and `:` and `,` too in properties.

use std::io::{self, Write};

use crate::finding::{Finding, Lang, Severity};
use crate::render::findings::{Report, write_batched};
use crate::render::sarif::{message_with_help, position};

/// One workflow command line per finding, in the order given.
pub fn write_github(out: &mut dyn Write, r: &Report, lang: Lang) -> io::Result<()> {
    write_batched(
        out,
        r.findings,
        || (),
        |_, _, f, buf| writeln!(buf, "{}", command(r, f, lang)),
    )
}

fn command(r: &Report, f: &Finding, lang: Lang) -> String {
    let kind = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let file = escape_property(&f.primary.file);
    let place = match (r.documents)(&f.primary.file) {
        Some(doc) => {
            let p = position(doc, &f.primary.span);
            format!(
                "line={},col={},endLine={},endColumn={}",
                p.start.0, p.start.1, p.end.0, p.end.1
            )
        }
        // no document (an unreadable input): the file's first line
        None => "line=1".to_string(),
    };
    format!(
        "::{kind} file={file},{place},title={}::{}",
        escape_property(f.rule),
        escape_data(&message_with_help(f, lang))
    )
}

/// A command's message: `%`, CR and LF.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command property's value: as a message, and `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50%\r\nhết"), "50%25%0D%0Ahết");
        assert_eq!(escape_property("a,b:c%.md"), "a%2Cb%3Ac%25.md");
    }

    #[test]
    fn batched_commands_are_the_findings_one_by_one() {
        let mut outcome = crate::testing::project_outcome();
        let many = crate::testing::repeated(&outcome.findings, 2100);
        outcome.findings = many;
        let lookup = |path: &str| outcome.document(path);
        let r = crate::testing::report(&outcome, &lookup);
        let mut want = String::new();
        for f in r.findings {
            want.push_str(&command(&r, f, Lang::Vi));
            want.push('\n');
        }
        let mut got = Vec::new();
        write_github(&mut got, &r, Lang::Vi).expect("write");
        assert_eq!(String::from_utf8_lossy(&got), want);
    }
}
