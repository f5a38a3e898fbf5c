//! Where the real Pabulib files are: the samples are kept in this repository
//! (`tests/data/pabulib/samples`); the two large files are not, and the tests that need them
//! skip (saying so) when they are missing, except under `CI=true`, where CI provides them.

use std::path::{Path, PathBuf};

pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pabulib/samples")
}

pub fn sample(name: &str) -> PathBuf {
    samples_dir().join(name)
}

/// A large file (`Poland_Lodz_2022.pb`…) from `BUDGETBOX_PABULIB_LARGE` or
/// `../shared/pabulib/large`, or None after a note on stderr.
pub fn large(name: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("BUDGETBOX_PABULIB_LARGE").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pabulib/large"),
        PathBuf::from,
    );
    let path = dir.join(name);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is missing; CI must provide the large Pabulib files",
        path.display()
    );
    eprintln!(
        "skipped: {} is not on this machine (see tests/data/pabulib/README.md)",
        path.display()
    );
    None
}
