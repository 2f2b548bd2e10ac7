//! Output formats. Each takes plain data (claims, findings) and writes text; none of
//! them parses or checks anything.

pub mod claims;
mod draw;
pub mod findings;
pub mod github;
mod json_writer;
pub mod rule_error;
pub mod sarif;

use serde::{Serialize, Serializer};

/// A number as JSON: integral values as integers (`36600000000`, not `3.66e10`),
/// non-finite values as null.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JsonNumber(pub f64);

impl Serialize for JsonNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if !v.is_finite() {
            s.serialize_none()
        } else if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            // shortest text that reads back as the same f64, cleaned of float noise
            let rounded = format!("{:.10}", v).parse::<f64>().unwrap_or(v);
            let pick = if (rounded - v).abs() <= v.abs() * 1e-12 {
                rounded
            } else {
                v
            };
            s.serialize_f64(pick)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_numbers_print_as_integers() {
        assert_eq!(
            serde_json::to_string(&JsonNumber(36_600_000_000.0)).ok(),
            Some("36600000000".into())
        );
        assert_eq!(
            serde_json::to_string(&JsonNumber(8.02)).ok(),
            Some("8.02".into())
        );
        assert_eq!(
            serde_json::to_string(&JsonNumber(f64::INFINITY)).ok(),
            Some("null".into())
        );
        assert_eq!(
            serde_json::to_string(&JsonNumber(36.65e9)).ok(),
            Some("36650000000".into())
        );
    }
}
