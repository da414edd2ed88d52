//! Typed, explained outcomes for the result codes of China's one-click mobile-number login
//! (本机号码一键登录).
//!
//! An app offering one-click login hears from several SDKs, each with its own numbers: Alibaba
//! Cloud's number-verification SDK (PNS: `600011`, `700002`), its fusion-auth SDK (`410009`), the
//! carriers underneath (China Mobile `103119`, China Unicom `1` + a message, China Telecom `-8004`),
//! the Dypnsapi server (`isv.TOKEN_INVALID`) and an IDaaS back end (`IDAAS.SDK.LOGIN.1003`). The
//! same number means different things in different SDKs. numauth's catalog maps every known code,
//! per source, to one [`AuthOutcome`] with the vendor's meaning in Chinese and English, who must
//! act ([`Actor`]), whether a retry can help, and what to do next ([`Action`]).
//!
//! ```
//! use numauth::{lookup, Actor, AuthOutcome, Lang, Source};
//!
//! let entry = lookup(Source::Cmcc, "103119").expect("a known China Mobile code");
//! assert_eq!(entry.outcome(), AuthOutcome::InvalidConfiguration);
//! assert_eq!(entry.actor(), Actor::Developer);
//! println!("{}: {}", entry, entry.message(Lang::En));
//! println!("tell the user: {}", entry.outcome().user_text(Lang::Zh));
//! ```
//!
//! The catalog is compiled in from the YAML tables under `data/` (see `data/README.md`); every
//! entry says where it came from ([`Entry::provenance`]). Lookups never allocate.
//!
//! # Features
//! - `serde` (default): `Serialize`/`Deserialize` for the id enums and `Serialize` for [`Entry`]
//!   in the export shape `numauth export --format json` prints.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(rust_2018_idioms)]

mod advice;
mod catalog;
mod entry;
mod error;
mod lang;
mod normalize;

/// The code generated from `data/*.yaml` by build.rs.
mod generated {
    // Variant docs come from the data; the derives are the same on every enum.
    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
}

pub use advice::{Advice, ParseVersionError, Version};
pub use catalog::{candidates, entries, lookup, lookup_on, lookup_with_msg, provenance_sources};
pub use entry::{Entry, Provenance};
pub use error::ParseIdError;
pub use generated::{
    Action, Actor, AuthOutcome, Category, Platform, ProvenanceKind, Source, Translated,
    DATA_VERSION,
};
pub use lang::Lang;
pub use normalize::{
    normalize, normalize_callback, normalize_with, Callback, Carrier, Extra, ExtraField,
    ExtraValue, Hint, IdaasParams, Message, Normalized, ParseError, Shape, MAX_DEPTH,
    MAX_INPUT_BYTES,
};

pub(crate) use lang::Text;

/// The id enums share their string form: `as_str` (the snake_case id that serde and strum use)
/// and a `Display` that prints it.
macro_rules! id_enum {
    ($($name:ident),*) => {$(
        impl $name {
            /// The stable snake_case id.
            ///
            /// ```
            #[doc = concat!("use numauth::", stringify!($name), ";")]
            #[doc = concat!("use strum::IntoEnumIterator;")]
            #[doc = concat!("for v in ", stringify!($name), "::iter() {")]
            #[doc = concat!("    assert_eq!(v.as_str().parse::<", stringify!($name), ">().unwrap(), v);")]
            #[doc = "}"]
            /// ```
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

id_enum!(
    Action,
    Actor,
    AuthOutcome,
    Carrier,
    Category,
    Platform,
    ProvenanceKind,
    Source,
    Translated
);

/// The README's Rust examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
