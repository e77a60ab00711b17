//! The physical yardstick of the speed benchmark (`bench/run.sh`): the
//! `aho-corasick` crate alone over the same report files with the same
//! patterns and the settings `confradar`'s matcher uses (leftmost-longest,
//! ASCII case-insensitive, the automaton kind the crate picks for them),
//! on every core through rayon. It reads each file whole and counts the
//! matches, nothing else: no decoding, normalization, boundaries or
//! grouping. `mentions` over the same bytes can only be slower; how much
//! slower is the cost of everything the counting rule adds.
//!
//!     cargo run --release --example ac_baseline -- PATTERNS_FILE REPORTS_DIR
//!
//! `PATTERNS_FILE` has one pattern a line (a generated corpus's
//! `aliases.txt`); `REPORTS_DIR` is walked for `*.md` and `*.txt`. Prints the
//! files, bytes, matches, the search's seconds (after the automaton is
//! built) and its bytes per second.

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [patterns, reports] = args.as_slice() else {
        eprintln!("usage: ac_baseline PATTERNS_FILE REPORTS_DIR");
        std::process::exit(2);
    };
    if let Err(error) = run(patterns, reports) {
        eprintln!("ac_baseline: {error}");
        std::process::exit(1);
    }
}

fn run(patterns: &str, reports: &str) -> Result<(), Box<dyn std::error::Error>> {
    let patterns: Vec<String> = std::fs::read_to_string(patterns)?
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)?;
    // Sorted, as confradar's discovery sorts: the same order of reads.
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(reports)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "md" || ext == "txt")
        })
        .collect();
    files.sort();
    let start = Instant::now();
    let (bytes, matches) = files
        .par_iter()
        .map_init(Vec::new, |buffer: &mut Vec<u8>, path| {
            buffer.clear();
            let read = std::fs::File::open(path).and_then(|mut file| file.read_to_end(buffer));
            match read {
                Ok(n) => (
                    n as u64,
                    automaton.find_iter(buffer.as_slice()).count() as u64,
                ),
                Err(error) => {
                    eprintln!("ac_baseline: {}: {error}", path.display());
                    (0, 0)
                }
            }
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "ac_baseline: {} files, {bytes} bytes, {matches} matches, {} patterns ({:?}), {seconds:.3} s, {:.0} MB/s",
        files.len(),
        patterns.len(),
        automaton.kind(),
        bytes as f64 / seconds / 1e6
    );
    Ok(())
}
