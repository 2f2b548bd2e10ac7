//! `factlint.toml`: a project's settings, found upward from the working folder or named
//! with `--config`. Raw file -> resolved settings; command-line options win over it.
//!
//! ```toml
//! date = "2025-01-01"              # date of documents that state none
//! references = ["corpus"]          # trusted sources, relative to this file
//! rules = ["rules-local"]          # extra rule folders, relative to this file
//! include = ["**/*.md"]            # globs of checked files, relative to this file
//! exclude = ["archive/**"]
//! lang = "vi"                      # vi | en
//! fail-on = "error"                # error | warning | never
//!
//! [severity]
//! "style/tone-mark" = "off"        # error | warning | info | off
//!
//! [style]
//! tone-marks = "new"               # majority | old | new
//! currency = "words"               # USD | words
//! date-padding = "any"             # any | padded | unpadded
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::rules::{RuleError, RuleSet, registry};
use crate::time::{TimePoint, parse_iso_date};

pub const FILE_NAME: &str = "factlint.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    date: Option<String>,
    #[serde(default)]
    references: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    lang: Option<String>,
    fail_on: Option<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    style: Option<RawStyle>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawStyle {
    tone_marks: Option<String>,
    currency: Option<String>,
    date_padding: Option<String>,
}

/// Settings read from a `factlint.toml`, paths made absolute against its folder.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub date: Option<TimePoint>,
    pub references: Vec<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub lang: Option<String>,
    pub fail_on: Option<String>,
    severity: BTreeMap<String, String>,
    style: RawStyle,
    root: PathBuf,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Config {
    /// The nearest `factlint.toml` from `start` upward, or none.
    pub fn discover(start: &Path) -> Result<Config, RuleError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    pub fn load(path: &Path) -> Result<Config, RuleError> {
        let display = path.display().to_string();
        let fail = |message: String, text: &str, span| RuleError {
            path: display.clone(),
            message,
            text: text.to_string(),
            span,
        };
        crate::rules::regular_file(path, &display)?;
        let bytes = std::fs::read(path).map_err(|e| fail(e.to_string(), "", None))?;
        let text = String::from_utf8(bytes).map_err(|e| crate::rules::not_utf8(&display, &e))?;
        let raw: RawConfig = crate::rules::parse(&display, &text)?;
        let at = |needle: &str| text.find(needle).map(|p| p..p + needle.len());
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let date =
            match &raw.date {
                Some(d) => Some(parse_iso_date(d).ok_or_else(|| {
                    fail(format!("`{d}` is not a date (YYYY-MM-DD)"), &text, at(d))
                })?),
                None => None,
            };
        for (id, level) in &raw.severity {
            if registry::meta(id).is_none() {
                return Err(fail(
                    format!("unknown rule `{id}` (see `factlint rules`)"),
                    &text,
                    at(id),
                ));
            }
            if !matches!(level.as_str(), "error" | "warning" | "info" | "off") {
                return Err(fail(
                    format!("`{level}` is not error, warning, info or off"),
                    &text,
                    at(level),
                ));
            }
        }
        let choices = [
            (raw.lang.as_deref(), &["vi", "en"][..]),
            (raw.fail_on.as_deref(), &["error", "warning", "never"][..]),
        ];
        let style = raw.style.clone().unwrap_or_default();
        let style_choices = [
            (style.tone_marks.as_deref(), &["majority", "old", "new"][..]),
            (style.currency.as_deref(), &["USD", "words"][..]),
            (
                style.date_padding.as_deref(),
                &["any", "padded", "unpadded"][..],
            ),
        ];
        for (value, allowed) in choices.iter().chain(style_choices.iter()) {
            if let Some(v) = value.filter(|v| !allowed.contains(v)) {
                return Err(fail(
                    format!("`{v}` is not one of {}", allowed.join(", ")),
                    &text,
                    at(v),
                ));
            }
        }
        let globs = |patterns: &[String]| -> Result<Option<GlobSet>, RuleError> {
            if patterns.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for p in patterns {
                b.add(Glob::new(p).map_err(|e| fail(e.to_string(), &text, at(p)))?);
            }
            b.build()
                .map(Some)
                .map_err(|e| fail(e.to_string(), &text, None))
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            date,
            references: raw.references.iter().map(|r| root.join(r)).collect(),
            rules: raw.rules.iter().map(|r| root.join(r)).collect(),
            lang: raw.lang.clone(),
            fail_on: raw.fail_on.clone(),
            include: globs(&raw.include)?,
            exclude: globs(&raw.exclude)?,
            severity: raw.severity,
            style,
            root,
        })
    }

    /// Put the file's severities, style choices and rule folders into the rule set.
    pub fn apply(&self, rules: &mut RuleSet) -> Result<(), RuleError> {
        for dir in &self.rules {
            rules.extend_from_dir(dir)?;
        }
        rules.checks.severity.extend(self.severity.clone());
        let s = &mut rules.checks.style;
        if let Some(v) = &self.style.tone_marks {
            s.tone_marks = v.clone();
        }
        if let Some(v) = &self.style.currency {
            s.currency = v.clone();
        }
        if let Some(v) = &self.style.date_padding {
            s.date_padding = v.clone();
        }
        Ok(())
    }

    /// Whether a file found under a folder is checked (`include`/`exclude`, relative to the
    /// config file's folder). Files named on the command line are always checked.
    pub fn selects(&self, path: &Path) -> bool {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(path))
                .unwrap_or_else(|_| path.to_path_buf())
        };
        // `./trusted/a.md` joined to the working folder keeps its `.`: drop such parts
        let absolute: PathBuf = absolute
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let rel = absolute.strip_prefix(&self.root).unwrap_or(path);
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(rel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join(FILE_NAME);
        std::fs::write(&p, text).expect("write config");
        p
    }

    #[test]
    fn found_upward_and_paths_resolved() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "date = \"2025-01-01\"\nreferences = [\"corpus\"]\n",
        );
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).expect("mkdir");
        let c = Config::discover(&sub).expect("config");
        assert_eq!(
            c.date,
            Some(TimePoint::Day {
                year: 2025,
                month: 1,
                day: 1
            })
        );
        assert_eq!(c.references, vec![dir.path().join("corpus")]);
    }

    #[test]
    fn mistakes_point_into_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = write(dir.path(), "[severity]\n\"style/tone-marks\" = \"off\"\n");
        let e = Config::load(&p).expect_err("unknown rule");
        assert!(e.message.contains("style/tone-marks"));
        assert_eq!(e.span.map(|s| s.start), Some(12));
        let p = write(dir.path(), "lang = \"fr\"\n");
        assert!(
            Config::load(&p)
                .expect_err("bad lang")
                .message
                .contains("vi, en")
        );
        let p = write(dir.path(), "colour = \"red\"\n");
        assert!(
            Config::load(&p)
                .expect_err("unknown key")
                .message
                .contains("colour")
        );
    }

    #[test]
    fn include_and_exclude_select_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = write(
            dir.path(),
            "include = [\"**/*.md\"]\nexclude = [\"archive/**\"]\n",
        );
        let c = Config::load(&p).expect("config");
        assert!(c.selects(&dir.path().join("press/a.md")));
        assert!(!c.selects(&dir.path().join("archive/old.md")));
        assert!(!c.selects(&dir.path().join("notes.txt")));
    }
}
