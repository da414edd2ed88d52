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
//! # Normalising a callback
//!
//! [`normalize`] takes a callback as it was logged (JSON, an iOS `NSDictionary` dump or Swift dictionary print, a Dart map,
//! a Java `toString`, log text around any of these), finds the SDK that sent it and the cause
//! underneath, and gives one [`Normalized`] result. Here PNS's `600011` ("failed to obtain the
//! token") on Android carries China Mobile's own result, which says what to fix:
//!
//! ```
//! use numauth::{normalize, Actor, AuthOutcome, Carrier, Lang, Source};
//!
//! let raw = r#"onTokenFailed: {"code":"600011","msg":"获取token失败","requestId":"0b6f","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#;
//! let n = normalize(raw)?;
//! assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600011"));
//! let cause = n.root_cause.as_deref().expect("China Mobile's result");
//! assert_eq!((cause.source, cause.code.as_ref()), (Source::Cmcc, "103119"));
//! // The outcome is the cause's: a configuration error the developer must fix.
//! assert_eq!(n.outcome, AuthOutcome::InvalidConfiguration);
//! assert_eq!(n.actor, Actor::Developer);
//! assert_eq!(n.carrier, Some(Carrier::Cmcc));
//! assert_eq!(n.request_id.as_deref(), Some("0b6f"));
//! println!("{}: {}", n.code, n.message.expect("a known code").get(Lang::En));
//! println!("tell the user: {}", n.outcome.user_text(Lang::Zh));
//! # Ok::<(), numauth::ParseError>(())
//! ```
//!
//! [`normalize_with`] takes what the caller knows ([`Hint`]: the source, the platform, OS and
//! SDK versions, which also select [`Advice`]); [`normalize_callback`] takes fields an SDK
//! wrapper already holds ([`Callback`]). For tests, [`Normalized::from_code`] and its `with_*`
//! methods build the result a payload would give.
//!
//! # Looking a code up
//!
//! ```
//! use numauth::{lookup, lookup_with_msg, Actor, AuthOutcome, Lang, Source};
//!
//! let entry = lookup(Source::Cmcc, "103119").expect("a known China Mobile code");
//! assert_eq!(entry.outcome(), AuthOutcome::InvalidConfiguration);
//! assert_eq!(entry.actor(), Actor::Developer);
//! println!("{}: {}", entry, entry.message(Lang::En));
//! // China Unicom reports many errors as code 1 plus a message.
//! let entry = lookup_with_msg(Source::Cucc, "1", "请求超时").expect("a message row");
//! assert_eq!(entry.outcome(), AuthOutcome::Timeout);
//! ```
//!
//! The catalog is compiled in from the YAML tables under `data/` (see `data/README.md`); every
//! entry says where it came from ([`Entry::provenance`]). Lookups never allocate.
//!
//! # Names
//!
//! - *message*: the catalog's text for a code, in Chinese and English ([`Entry::message`],
//!   [`Normalized::message`], [`Message`]).
//! - *msg*: the message the SDK sent with the code, as received ([`Normalized::raw_msg`],
//!   [`Callback::msg`], the `msg` of [`lookup_with_msg`]).
//! - *user text*: what an app may show its end user for an outcome
//!   ([`AuthOutcome::user_text`]).
//!
//! # Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the id enums, `Serialize` for [`Entry`]
//!   in the export shape `numauth export --format json` prints, and `Serialize`/`Deserialize`
//!   for [`Normalized`] (in the shape `numauth normalize` prints; see its "Serde" section).
//!
//! `serde_json` is a dependency with or without `serde`: [`normalize`] parses a JSON object
//! nested in a payload's field with it, to redact the credentials inside (tokens, codes,
//! phone numbers) before the field is kept in [`Normalized::extra`]; and
//! [`ExtraValue::to_json`] gives such a value as a `serde_json::Value`.

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

pub use advice::{
    advice_rules, Advice, AdviceRef, AdviceRule, ParseVersionError, Version, VersionBound,
};
pub use catalog::{
    candidates, entries, lookup, lookup_on, lookup_with_msg, meanings, provenance_sources,
};
pub use entry::{Entry, Provenance};
pub use error::ParseIdError;
pub use generated::{
    Action, Actor, AuthOutcome, Category, Platform, ProvenanceKind, Source, Translated,
    DATA_VERSION,
};
pub use lang::Lang;
pub use normalize::{
    normalize, normalize_callback, normalize_with, redact_text, Callback, Carrier, Detail, Extra,
    ExtraField, ExtraValue, Hint, IdaasParams, Message, Normalized, ParseError, Shape, MAX_DEPTH,
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
