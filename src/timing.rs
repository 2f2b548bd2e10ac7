//! Phase timings on standard error when `FACTLINT_TIMINGS` is set: where a run's time
//! goes, for performance work (`FACTLINT_TIMINGS=1 factlint check corpus`).

use std::sync::LazyLock;
use std::time::Instant;

static ON: LazyLock<bool> = LazyLock::new(|| std::env::var_os("FACTLINT_TIMINGS").is_some());

/// Prints how long `phase` took since `since`, when timings are on.
pub fn phase(phase: &str, since: Instant) {
    if *ON {
        eprintln!("timing: {phase}: {:.3} s", since.elapsed().as_secs_f64());
    }
}
