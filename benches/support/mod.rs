//! What the bench targets share: criterion set up for short runs, and the
//! `main` that runs a target's benches with it.

use std::time::Duration;

use criterion::Criterion;

/// Criterion for a bench target that finishes in well under a minute on
/// two cores: `samples` samples in about `seconds` seconds after a second
/// of warm-up. No plots: criterion would draw them with gnuplot wherever it
/// happens to be installed, and the terminal report is what is read.
pub(crate) fn quick(samples: usize, seconds: u64) -> Criterion {
    Criterion::default()
        .without_plots()
        .sample_size(samples)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds))
}

/// Defines `main` for a bench target: runs the function `$benches` of the
/// target's root with [`quick`] criterion. The group criterion's macros
/// define is a public function without docs; inside a private module the
/// crate's `missing_docs` lint leaves it alone.
macro_rules! bench_main {
    ($benches:ident, samples = $samples:expr, seconds = $seconds:expr) => {
        mod group {
            criterion::criterion_group! {
                name = run;
                config = $crate::support::quick($samples, $seconds);
                targets = $crate::$benches
            }
        }
        criterion::criterion_main!(group::run);
    };
}

pub(crate) use bench_main;
