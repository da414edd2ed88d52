//! Native bindings for [numauth]: Kotlin and Swift through UniFFI (proc-macro mode), and a
//! C ABI ([`capi`]) with a cbindgen-generated header (`include/numauth.h`).
//!
//! This crate adds no logic of its own: it converts the core's borrowed, typed results into
//! owned records whose ids are the core's stable snake_case strings (`pns`,
//! `mobile_data_disabled`), so a new source or outcome in the catalog flows through unchanged.
//!
//! ```
//! let n = numauth_ffi::normalize(r#"{"code":"600008"}"#.to_owned()).unwrap();
//! assert_eq!((n.source.as_str(), n.outcome.as_str()), ("pns", "mobile_data_disabled"));
//! ```

#![deny(missing_docs)]
#![deny(unsafe_code)]
#![warn(rust_2018_idioms)]

uniffi::setup_scaffolding!("numauth");

mod api;
pub mod capi;
mod records;

pub use api::{
    candidates, catalog_version, lookup, lookup_with_msg, normalize, normalize_callback,
    normalize_many, normalize_with, NumauthError,
};
pub use records::{
    Advice, CallbackFields, Cause, Entry, Explanation, ExtraField, ExtraValue, Hint, IdaasParams,
    NormalizeResult, Normalized, Text,
};
