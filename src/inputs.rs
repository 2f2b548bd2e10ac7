//! Finding the files to read: paths given on the command line, folders walked recursively
//! (respecting .gitignore), kept to the extensions factlint reads, in a stable order.

use std::path::{Path, PathBuf};

/// Extensions read when walking a folder: Markdown and text, Word documents, saved HTML
/// pages (`document::load` picks the reader by extension). A file named explicitly is read
/// whatever its name.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "docx", "html", "htm"];

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

/// Expand paths into the files to read, sorted by display name, without duplicates.
pub fn collect(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        if root.is_file() {
            files.push(InputFile {
                display: display(root),
                path: root.clone(),
            });
            continue;
        }
        if !root.exists() {
            errors.push(WalkError {
                path: display(root),
                message: "no such file or folder".to_string(),
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
                    if e.file_type().is_some_and(|t| t.is_file()) && has_extension(p) {
                        files.push(InputFile {
                            display: display(p),
                            path: p.to_path_buf(),
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
    files.sort();
    files.dedup_by(|a, b| a.path == b.path);
    (files, errors)
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
