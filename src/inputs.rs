//! Finding the files to read: paths given on the command line, folders walked recursively
//! (respecting .gitignore), kept to the extensions factlint reads, in a stable order.

use std::path::{Path, PathBuf};

/// Extensions read when walking a folder. A file named explicitly is read whatever its name.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

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
                    if kind.is_some_and(|t| t.is_file()) && has_extension(p) {
                        files.push(InputFile {
                            display: display(p),
                            path: p.to_path_buf(),
                        });
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
