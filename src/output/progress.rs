//! A progress bar for long scans.
//!
//! Scanning tens of thousands of reports takes seconds, and a silent
//! terminal looks hung. The bar goes to stderr only when stderr is a
//! terminal and the run is not `--quiet`, so CI logs and piped output stay
//! clean, and it appears only once the scan has run for a second, so the
//! everyday small radar never flickers one.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a scan runs before the bar appears, unless
/// `CONFRADAR_PROGRESS_DELAY_MS` says otherwise (the tests use it).
const DELAY: Duration = Duration::from_secs(1);

/// Progress over a known number of files and bytes.
#[derive(Debug)]
pub(crate) struct Progress {
    bar: Option<Bar>,
}

#[derive(Debug)]
struct Bar {
    inner: ProgressBar,
    files: u64,
    done: AtomicU64,
    started: Instant,
    delay: Duration,
    shown: OnceLock<()>,
}

impl Progress {
    /// Progress that draws nothing.
    pub(crate) fn hidden() -> Progress {
        Progress { bar: None }
    }

    /// Progress over `files` files of `bytes` bytes in all; drawn only when
    /// `enabled` (see [`enabled`]).
    pub(crate) fn new(enabled: bool, files: u64, bytes: u64) -> Progress {
        if !enabled {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} reports {msg} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} \
                 {decimal_bytes_per_sec} ETA {eta}",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        let delay = std::env::var("CONFRADAR_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(DELAY, Duration::from_millis);
        Progress {
            bar: Some(Bar {
                inner: bar,
                files,
                done: AtomicU64::new(0),
                started: Instant::now(),
                delay,
                shown: OnceLock::new(),
            }),
        }
    }

    /// One more file of `bytes` bytes is done. Called from any thread.
    pub(crate) fn advance(&self, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        let done = bar.done.fetch_add(1, Ordering::Relaxed) + 1;
        if bar.shown.get().is_none() && bar.started.elapsed() >= bar.delay {
            bar.shown.get_or_init(|| {
                bar.inner.set_draw_target(ProgressDrawTarget::stderr());
            });
        }
        bar.inner.set_message(format!("{done}/{}", bar.files));
        bar.inner.inc(bytes);
    }

    /// Removes the bar, leaving the terminal as it was.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.inner.finish_and_clear();
        }
    }
}

/// Whether a run draws progress: not when quiet, and only on a terminal.
pub(crate) fn enabled(quiet: bool, stderr_is_terminal: bool) -> bool {
    !quiet && stderr_is_terminal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_only_on_a_terminal_and_not_when_quiet() {
        assert!(enabled(false, true));
        assert!(!enabled(true, true));
        assert!(!enabled(false, false));
        assert!(!enabled(true, false));
    }

    #[test]
    fn a_disabled_bar_is_absent() {
        let progress = Progress::new(false, 3, 300);
        assert!(progress.bar.is_none());
        progress.advance(100);
        progress.finish();
    }

    #[test]
    fn an_enabled_bar_counts_files_and_bytes() {
        let progress = Progress::new(true, 2, 300);
        progress.advance(100);
        progress.advance(200);
        let bar = progress.bar.as_ref().expect("enabled");
        assert_eq!(bar.done.load(Ordering::Relaxed), 2);
        assert_eq!(bar.inner.position(), 300);
        assert_eq!(bar.inner.message(), "2/2");
    }
}
