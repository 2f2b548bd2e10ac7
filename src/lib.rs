//! factlint: a fact-consistency checker and linter for Vietnamese official statements.
//!
//! The data flows one way:
//!
//! ```text
//! file bytes ──document::load──▶ Document { source, text, blocks }
//!            ──Extractor::extract──▶ Vec<Claim> { span, value interval, unit, subject, time, role }
//!            ──render──▶ human table | JSON | JSON Lines
//! ```
//!
//! Spans are byte ranges of the original file; normalisation builds matching text only.

pub mod app;
pub mod baseline;
pub mod checks;
pub mod claim;
pub mod cli;
pub mod config;
pub mod diff;
pub mod document;
pub mod engine;
pub mod extract;
pub mod facts;
pub mod finding;
pub mod fix;
pub mod inputs;
pub mod render;
pub mod rules;
mod simd;
pub mod source;
pub mod suppress;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod time;
pub mod timing;
