//! Finding the files to read: paths given on the command line, folders walked recursively
//! (respecting .gitignore), kept to the extensions factlint reads, in a stable order.

use std::path::{Path, PathBuf};

/// Extensions read when walking a folder: Markdown and text, Word documents, saved HTML
/// pages (`document::load` picks the reader by extension). A file named explicitly is read
/// whatever its name.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "docx", "html", "htm"];

/// Why a FIFO, socket or device named as an input is not read.
pub const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device); not read";

/// One input file: how to name it in output, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    pub display: String,
    pub path: PathBuf,
}

/// A path that could not be walked (missing, unreadable folder, link loop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: String,
    pub message: String,
}

/// The name of a fact sheet found in a folder (`corpus/facts.toml`, see `facts`).
pub const FACT_SHEET: &str = "facts.toml";

/// What a set of paths holds: documents, fact sheets (trusted references by nature), and
/// paths that could not be walked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collected {
    pub files: Vec<InputFile>,
    pub fact_sheets: Vec<InputFile>,
    pub errors: Vec<WalkError>,
}

/// Expand paths into the documents to read, sorted by display name, without duplicates.
pub fn collect(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<WalkError>) {
    let c = collect_all(paths);
    (c.files, c.errors)
}

/// Whether an explicitly named file is a fact sheet rather than a document: a `.toml` file.
pub fn is_fact_sheet(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// Documents and fact sheets under `paths`: a `.toml` file named explicitly, or a file
/// named `facts.toml` in a walked folder, is a fact sheet.
pub fn collect_all(paths: &[PathBuf]) -> Collected {
    let mut files = Vec::new();
    let mut sheets = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        if root.is_file() {
            let f = InputFile {
                display: display(root),
                path: root.clone(),
            };
            if is_fact_sheet(root) {
                sheets.push(f);
            } else {
                files.push(f);
            }
            continue;
        }
        if !root.exists() {
            errors.push(WalkError {
                path: display(root),
                message: "no such file or folder".to_string(),
            });
            continue;
        }
        // a FIFO, socket or device: opening it could block for ever, so it is not read
        if !root.is_dir() {
            errors.push(WalkError {
                path: display(root),
                message: NOT_REGULAR.to_string(),
            });
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .follow_links(true)
            .hidden(true)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let p = e.path();
                    let kind = e.file_type();
                    let is_file = kind.is_some_and(|t| t.is_file());
                    let f = || InputFile {
                        display: display(p),
                        path: p.to_path_buf(),
                    };
                    if is_file && has_extension(p) {
                        files.push(f());
                    } else if is_file && p.file_name().is_some_and(|n| n == FACT_SHEET) {
                        sheets.push(f());
                    } else if kind.is_some_and(|t| !t.is_file() && !t.is_dir()) && has_extension(p)
                    {
                        errors.push(WalkError {
                            path: display(p),
                            message: NOT_REGULAR.to_string(),
                        });
                    }
                }
                Err(err) => errors.push(WalkError {
                    path: display(root),
                    message: err.to_string(),
                }),
            }
        }
    }
    for list in [&mut files, &mut sheets] {
        list.sort();
        list.dedup_by(|a, b| a.path == b.path);
    }
    Collected {
        files,
        fact_sheets: sheets,
        errors,
    }
}

fn has_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
