//! The YAML → Rust generator behind numauth's `build.rs`.
//!
//! A plain library so that the same functions run from `build.rs` and from unit tests:
//! [`load`] validates the files under `data/` (see `data/README.md`) and [`generate`] writes the
//! Rust source that `numauth` includes. [`build`] is what `build.rs` calls.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod advice;
mod emit;
mod keys;
mod load;
mod model;
mod problem;
mod rules;
mod text;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub use emit::{generate, generate_match};
pub use load::{load, Catalog, Table};
pub use problem::{Problem, Problems};
pub use text::match_key;

/// Reads every `*.yaml` under `data_dir` as `data/<name>.yaml`, validates it, and writes the
/// generated Rust to `out_file` (and, beside it, `catalog_match.rs`: the same code maps as a
/// `match`, for the lookup benchmark's baseline). Returns the files read, for `cargo::rerun-if-changed`.
pub fn build(data_dir: &Path, out_file: &Path) -> Result<Vec<PathBuf>, Problems> {
    let (files, paths) = read_data_dir(data_dir)?;
    let catalog = load(&files)?;
    write_if_changed(out_file, &generate(&catalog))?;
    write_if_changed(
        &out_file.with_file_name("catalog_match.rs"),
        &generate_match(&catalog),
    )?;
    Ok(paths)
}

/// Rewrites `path` only on change, so an unchanged catalog does not recompile numauth.
fn write_if_changed(path: &Path, code: &str) -> Result<(), Problems> {
    if fs::read_to_string(path).ok().as_deref() == Some(code) {
        return Ok(());
    }
    fs::write(path, code)
        .map_err(|e| single(&path.display().to_string(), format!("cannot write: {e}")))
}

fn read_data_dir(data_dir: &Path) -> Result<(BTreeMap<String, String>, Vec<PathBuf>), Problems> {
    let shown = |p: &Path| {
        format!(
            "data/{}",
            p.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        )
    };
    let dir = fs::read_dir(data_dir).map_err(|e| {
        single(
            &data_dir.display().to_string(),
            format!("cannot read the data folder: {e}"),
        )
    })?;
    let mut paths: Vec<PathBuf> = dir
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    let mut files = BTreeMap::new();
    for path in &paths {
        let text = fs::read_to_string(path)
            .map_err(|e| single(&shown(path), format!("cannot read: {e}")))?;
        files.insert(shown(path), text);
    }
    Ok((files, paths))
}

fn single(file: &str, message: String) -> Problems {
    Problems(vec![Problem {
        file: file.to_owned(),
        entry: None,
        message,
    }])
}
