//! The benchmark's corpus generator (`examples/gen_corpus.rs`) must keep
//! writing corpora that confradar accepts, byte for byte the same for a seed,
//! or `bench/run.sh` silently measures something else.

// The example is compiled in as a module, so its generator runs in-process
// without building the example first; its `main` goes unused here.
#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};

use gen_corpus::{Params, generate};

const TINY: Params = Params {
    reports: 20,
    technologies: 15,
    seed: 7,
};

/// Every file below `root`, by relative path, with its bytes.
fn files(root: &Path) -> Result<BTreeMap<PathBuf, Vec<u8>>, Box<dyn Error>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.insert(
                    path.strip_prefix(root)?.to_path_buf(),
                    std::fs::read(&path)?,
                );
            }
        }
    }
    Ok(out)
}

#[test]
fn same_seed_gives_identical_bytes_and_another_seed_does_not() -> Result<(), Box<dyn Error>> {
    let (first, second, other) = (
        tempfile::tempdir()?,
        tempfile::tempdir()?,
        tempfile::tempdir()?,
    );
    generate(&TINY, first.path())?;
    generate(&TINY, second.path())?;
    generate(&Params { seed: 8, ..TINY }, other.path())?;
    let first = files(first.path())?;
    assert_eq!(
        first.len(),
        2 + TINY.reports,
        "radar.toml, aliases.txt and the reports"
    );
    assert!(
        first == files(second.path())?,
        "two runs with seed 7 differ"
    );
    assert!(
        first != files(other.path())?,
        "seeds 7 and 8 wrote the same corpus"
    );
    Ok(())
}

#[test]
fn confradar_checks_the_corpus_without_errors_and_mentions_every_technology()
-> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    generate(&TINY, dir.path())?;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_confradar"))
        .arg("--config")
        .arg(dir.path().join("radar.toml"))
        .arg("check")
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    assert!(!stderr.contains("never mentioned"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(&format!(
            "ok: {} technologies, 6 editions, {} reports",
            TINY.technologies, TINY.reports
        )),
        "{stdout}"
    );
    let aliases = std::fs::read_to_string(dir.path().join("aliases.txt"))?;
    assert_eq!(aliases.lines().count(), 4 * TINY.technologies);
    Ok(())
}

#[test]
fn refuses_to_write_into_an_existing_reports_folder() -> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("reports"))?;
    let error = generate(&TINY, dir.path())
        .err()
        .ok_or("generate succeeded")?;
    assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
    Ok(())
}
