//! Compiles the YAML code tables under `data/` into perfect-hash maps (see `data/README.md`).
//! All logic lives in the `numauth-codegen` crate, which has its own tests; this only drives it.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        println!("cargo::error=OUT_DIR is not set; run this through cargo");
        return ExitCode::FAILURE;
    };
    let data = root.join("data");
    println!("cargo::rerun-if-changed=build.rs");
    // The folder itself, so that adding or removing a table is noticed too.
    println!("cargo::rerun-if-changed={}", data.display());
    match numauth_codegen::build(&data, &PathBuf::from(out_dir).join("catalog.rs")) {
        Ok(read) => {
            for path in read {
                println!("cargo::rerun-if-changed={}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems.0 {
                println!("cargo::error={problem}");
            }
            println!(
                "cargo::error={} problem(s) in the numauth data; see data/README.md",
                problems.0.len()
            );
            ExitCode::FAILURE
        }
    }
}
