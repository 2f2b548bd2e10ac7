//! The claim extractor: the only place nom lives.

pub mod date;
pub mod number;
pub mod words;
