//! Raw callbacks of any shape, as they were logged, turned into one typed result with the most
//! specific cause.
//!
//! ```
//! use numauth::{normalize, Actor, AuthOutcome, Carrier, Source};
//!
//! let raw = r#"onTokenFailed: {"code":"600011","msg":"获取token失败","requestId":"0b6f","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#;
//! let n = normalize(raw).unwrap();
//! assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600011"));
//! // 600011 says little; China Mobile's 103119 underneath says what to fix.
//! let cause = n.root_cause.as_deref().unwrap();
//! assert_eq!((cause.source, cause.code.as_ref()), (Source::Cmcc, "103119"));
//! assert_eq!(n.outcome, AuthOutcome::InvalidConfiguration);
//! assert_eq!(n.actor, Actor::Developer);
//! assert_eq!(n.carrier, Some(Carrier::Cmcc));
//! ```

use std::borrow::Cow;

use crate::{Action, Actor, AuthOutcome, Category, Entry, Lang, Platform, Source};

mod build;
mod carrier;
#[cfg(feature = "serde")]
mod de;
mod error;
mod extra;
mod fields;
mod idaas;
mod keys;
mod pattern;
mod resolve;
mod scan;
mod secret;
mod xml;

pub use carrier::Carrier;
pub use error::{ParseError, Shape};
pub use extra::{Extra, ExtraField, ExtraValue};
pub use idaas::IdaasParams;
pub(crate) use keys::{fold, KeyEntry, KeyRole, Role};
pub(crate) use secret::fold_key;
pub use secret::redact_text;

/// Calls `f` with each field of the object `raw` opens with whose value is text (a string or a
/// bare scalar), one level deep: a kept object's own versions, for advice.
pub(crate) fn text_fields(raw: &str, mut f: impl FnMut(&str, &str)) {
    let mut fields = scan::Fields::new();
    let open = raw.len() - scan::trim_start(raw).len();
    if raw.as_bytes().get(open) != Some(&b'{') || scan::object(raw, open, 1, &mut fields).is_err() {
        return;
    }
    for field in &fields {
        match &field.val {
            scan::Val::Str(s) => f(&field.key, s),
            scan::Val::Bare(s) => f(&field.key, s),
            scan::Val::Esc(s) => f(&field.key, &scan::unescape(s)),
            scan::Val::Nested(_) => {}
        }
    }
}

/// The largest input [`normalize`] accepts, in bytes (64 KiB). A callback is a few hundred
/// bytes; a larger input is a whole log, which should be split into lines first. A JSON string
/// holding the callback (an NDJSON line quoting raw text) may be up to twice as long, for its
/// escapes, when the text it holds fits.
///
/// ```
/// use numauth::{normalize, ParseError, MAX_INPUT_BYTES};
/// let padded = format!("{{\"code\":\"600011\",\"pad\":\"{}\"}}", "x".repeat(MAX_INPUT_BYTES));
/// assert_eq!(normalize(&padded).unwrap_err(), ParseError::TooLarge { len: padded.len(), max: MAX_INPUT_BYTES });
/// ```
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// The deepest nesting [`normalize`] accepts: each object, array and payload held in a string
/// (`"{\"resultCode\":...}"`) is one level. Real callbacks nest four or five levels; deeper input
/// is refused with [`ParseError::TooDeep`] rather than walked.
///
/// ```
/// use numauth::{normalize, ParseError, MAX_DEPTH};
/// let deep = format!("{{\"code\":\"600011\",\"x\":{}{}}}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
/// assert_eq!(normalize(&deep).unwrap_err(), ParseError::TooDeep { max: MAX_DEPTH });
/// ```
pub const MAX_DEPTH: usize = 16;

/// What the caller knows about a callback. A source given here overrides detection; a platform
/// picks the PNS H5 or HarmonyOS table where those reuse a number.
///
/// ```
/// use numauth::{normalize_with, Hint, Platform, Source};
/// let n = normalize_with(r#"{"code":"600004"}"#, Hint { platform: Some(Platform::Web), ..Hint::default() }).unwrap();
/// assert_eq!(n.source, Source::PnsWeb);
/// let n = normalize_with("600001", Hint { source: Some(Source::Fusion), platform: None, ..Hint::default() }).unwrap();
/// assert_eq!(n.source, Source::Fusion);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Hint {
    /// The code's namespace, when the caller knows which SDK produced it. A Flutter plugin's
    /// source (`FlutterAliAuth`...) reads the plugin's own codes, and the rest as the platform's
    /// PNS, whose codes the plugin passes on.
    pub source: Option<Source>,
    /// The platform the callback came from.
    pub platform: Option<Platform>,
    /// The OS version of the device (`16.4`, Android's `release`), for advice.
    pub os_version: Option<crate::Version>,
    /// The version of the SDK that produced the callback (`2.12.14`), for advice.
    pub sdk_version: Option<crate::Version>,
    /// How much of the callback the caller keeps (the default: all of it).
    pub detail: Detail,
}

/// How much of a callback [`normalize_with`] returns: all of it, or its typed fields alone.
///
/// [`Detail::Outcome`] suits a batch that keeps the typed fields only (the columns of numauth's
/// Arrow batch): the callback's own message, its IDaaS template values and `extra` are read as
/// ever to find the cause and the versions for advice, and then left out of the result (`None`,
/// empty) rather than redacted and kept, the part of a row's work that only they need.
///
/// ```
/// use numauth::{normalize_with, Detail, Hint, Source};
/// let raw = r#"{"code":"600011","msg":"获取token失败","vendorName":"cu_xw","carrierFailedResultData":"{\"resultCode\":1,\"resultMsg\":\"请求超时\"}","sdkVersion":"2.12.14"}"#;
/// let full = normalize_with(raw, Hint::default()).unwrap();
/// let lean = normalize_with(raw, Hint { detail: Detail::Outcome, ..Hint::default() }).unwrap();
/// assert_eq!((lean.outcome, lean.carrier, lean.advice.is_some()), (full.outcome, full.carrier, full.advice.is_some()));
/// assert_eq!(lean.root_cause.as_ref().unwrap().source, Source::Cucc);
/// assert!(full.raw_msg.is_some() && lean.raw_msg.is_none() && lean.extra.is_empty());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Detail {
    /// Every field, the texts redacted.
    #[default]
    Full,
    /// The typed fields: `raw_msg`, `params` and `extra` are left out, in every cause too.
    Outcome,
}

/// The fields of a callback, for an SDK wrapper that already holds them (no text to parse).
/// Every field but `code` is optional; the carrier data is the raw text the SDK gave.
///
/// ```
/// use numauth::{normalize_callback, AuthOutcome, Callback, Hint, Source};
/// let cb = Callback {
///     code: "600011",
///     msg: Some("获取token失败"),
///     vendor_name: Some("cu_xw"),
///     carrier_data: Some(r#"{"resultCode":"1","resultMsg":"请求超时"}"#),
///     ..Callback::default()
/// };
/// let n = normalize_callback(&cb, Hint::default());
/// assert_eq!(n.source, Source::Pns);
/// assert_eq!(n.root_cause.as_ref().unwrap().source, Source::Cucc);
/// assert_eq!(n.outcome, AuthOutcome::Timeout);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Callback<'a> {
    /// The result code (`code`, `resultCode`, `error_code`...).
    pub code: &'a str,
    /// The message that came with it.
    pub msg: Option<&'a str>,
    /// The inner code (iOS `innerCode`, fusion's one-tap code).
    pub inner_code: Option<&'a str>,
    /// The inner message (iOS `innerMsg`).
    pub inner_msg: Option<&'a str>,
    /// The carrier's own result (`carrierFailedResultData`), as text of any shape.
    pub carrier_data: Option<&'a str>,
    /// The carrier's name (`vendorName`: `cm_zyhl`, `cu_xw`, `ct_sjl`, ...).
    pub vendor_name: Option<&'a str>,
    /// The request id (`requestId`, `reqId`, `seq`); a mobile number in it is redacted.
    pub request_id: Option<&'a str>,
}

/// The catalog's text for a code, in both languages.
///
/// ```
/// use numauth::{normalize, Lang};
/// let n = normalize(r#"{"code":"600008"}"#).unwrap();
/// let message = n.message.unwrap();
/// assert!(message.zh.contains("蜂窝网络"));
/// assert_eq!(message.get(Lang::En), message.en);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Message {
    /// Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Message {
    /// The text in `lang`.
    ///
    /// ```
    /// use numauth::{normalize, Lang};
    /// let m = normalize("700000").unwrap().message.unwrap();
    /// assert_eq!(m.get(Lang::Zh), m.zh);
    /// ```
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// One callback, normalised: its code, what the catalog says about it, and the most specific
/// cause found underneath.
///
/// When a root cause is known, `outcome`, `category`, `actor`, `retryable` and `action` follow
/// the deepest known cause (a success never stands in for a failure); `source`, `code`, `known`
/// and `message` always describe the top-level code.
///
/// ```
/// use numauth::{normalize, AuthOutcome, Source};
/// let n = normalize("{msg: 蜂窝网络未开启, code: 600008, data: null}").unwrap();
/// assert!(n.known);
/// assert_eq!(n.outcome, AuthOutcome::MobileDataDisabled);
/// assert_eq!(n.raw_msg.as_deref(), Some("蜂窝网络未开启"));
/// // An unknown code is kept, never dropped.
/// let n = normalize(r#"{"code":"600099"}"#).unwrap();
/// assert_eq!((n.known, n.source, n.outcome), (false, Source::Pns, AuthOutcome::Unknown));
/// ```
///
/// # Serde
///
/// With the feature `serde`, it serialises with exactly these field names (`extra` as an
/// object, in order) and deserialises (owning its text, as `Normalized<'static>`) from that
/// form, from a self-describing format such as JSON:
/// - `message` is not read but looked up again in this build's catalog ([`Normalized::entry`])
///   when `known`: JSON written with another data version gets this version's text (and none
///   when this catalog lacks the code). Every other field is taken as written, so its outcome
///   stays the one that version gave.
/// - `raw_message` (the field's name before `raw_msg`) is read as `raw_msg`; fields it does
///   not know (the `explain` object of `numauth normalize`'s lines) are skipped; fields that
///   can be `null` may be left out, as may `extra`.
/// - an error names the field (``field `outcome`: unknown variant `nope` ...``).
/// - the round trip gives back an equal result, except for the `extra` values serialisation
///   rewrites (see [`ExtraValue`]): JSON comes back in serde_json's compact form, and a value
///   that is not JSON comes back as [`ExtraValue::Text`].
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use numauth::{normalize, Normalized};
/// let n = normalize(r#"{"code":"600011","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\"}"}"#).unwrap();
/// let json = serde_json::to_string(&n).unwrap();
/// let back: Normalized<'static> = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, n.into_owned());
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Normalized<'a> {
    /// The namespace of `code`: given by the hint, or detected from the keys and the code.
    pub source: Source,
    /// The code, exactly as received.
    pub code: Cow<'a, str>,
    /// Whether the catalog knows `code` in `source`.
    pub known: bool,
    /// The outcome (of the root cause, when one is known).
    pub outcome: AuthOutcome,
    /// The outcome's category.
    pub category: Category,
    /// Who must act.
    pub actor: Actor,
    /// Whether the same call can succeed later without a change.
    pub retryable: bool,
    /// The recommended next step.
    pub action: Action,
    /// The catalog's text for `code`; `None` for an unknown code.
    pub message: Option<Message>,
    /// The message the SDK sent with the code (its `msg`, `resultMsg`, `desc`...), as received,
    /// unescaped (a login token sent in its place is redacted, and so is each mobile number
    /// written in it). Not the catalog's text: that is `message`.
    pub raw_msg: Option<Cow<'a, str>>,
    /// The cause underneath, resolved in the carrier's or inner SDK's namespace.
    pub root_cause: Option<Box<Normalized<'a>>>,
    /// The carrier involved, from the vendor name or the cause.
    pub carrier: Option<Carrier>,
    /// The request id (`requestId`, `reqId`, `seq`); a mobile number in it is redacted.
    pub request_id: Option<Cow<'a, str>>,
    /// Values pulled out of an IDaaS message template.
    pub params: Option<IdaasParams>,
    /// Every other field of the payload, in order, secrets redacted (tokens, codes, and
    /// mobile numbers, also where written among words).
    pub extra: Extra<'a>,
    /// What fixes this failure on the caller's platform and versions ([`Hint`], or versions
    /// the payload carries: `sdkVersion`, `release`, `osVersion`), where `data/advice.yaml`
    /// has a rule for it. Held by [`AdviceRef`](crate::AdviceRef): a rule of the table is
    /// shared, not copied, and inline it would make every node of the `root_cause` chain about
    /// 100 bytes larger.
    pub advice: Option<crate::AdviceRef>,
}

impl<'a> Normalized<'a> {
    /// The deepest cause: the end of the `root_cause` chain, or `self` without one.
    ///
    /// ```
    /// use numauth::{normalize, Source};
    /// let raw = r#"{"resultCode":"400007","innerCode":"1600011","carrierFailedResultData":"{\"resultCode\":\"103911\"}","templateId":"t","nodeId":"n"}"#;
    /// let n = normalize(raw).unwrap();
    /// assert_eq!(n.root_cause.as_ref().unwrap().code, "1600011");
    /// assert_eq!((n.deepest_cause().source, n.deepest_cause().code.as_ref()), (Source::Cmcc, "103911"));
    /// ```
    pub fn deepest_cause(&self) -> &Normalized<'a> {
        let mut cur = self;
        while let Some(next) = cur.root_cause.as_deref() {
            cur = next;
        }
        cur
    }

    /// The catalog entry of the top-level code (with its message, for China Unicom's
    /// `1` + message rows).
    ///
    /// ```
    /// use numauth::{normalize, AuthOutcome};
    /// let n = normalize(r#"{"resultCode":1,"resultMsg":"请求超时","seq":"a1"}"#).unwrap();
    /// assert_eq!(n.entry().unwrap().outcome(), AuthOutcome::Timeout);
    /// ```
    pub fn entry(&self) -> Option<&'static Entry> {
        resolve::find_entry(self.source, &self.code, self.raw_msg.as_deref())
    }

    /// The same result, owning all its text.
    ///
    /// ```
    /// use numauth::{normalize, Normalized};
    /// let owned: Normalized<'static> = normalize(&String::from("600008")).unwrap().into_owned();
    /// assert_eq!(owned.code, "600008");
    /// ```
    pub fn into_owned(self) -> Normalized<'static> {
        let own = |c: Cow<'a, str>| Cow::Owned(c.into_owned());
        Normalized {
            source: self.source,
            code: own(self.code),
            known: self.known,
            outcome: self.outcome,
            category: self.category,
            actor: self.actor,
            retryable: self.retryable,
            action: self.action,
            message: self.message,
            raw_msg: self.raw_msg.map(own),
            root_cause: self.root_cause.map(|c| Box::new(c.into_owned())),
            carrier: self.carrier,
            request_id: self.request_id.map(own),
            params: self.params,
            advice: self.advice,
            extra: self.extra.into_owned(),
        }
    }
}

/// Normalises one raw callback of any recognised shape, detecting the source from the keys and
/// the code. See [`normalize_with`] for the shapes and rules.
///
/// ```
/// use numauth::{normalize, AuthOutcome, Source};
/// let n = normalize("resultDic = {\n    msg = \"\\U65e0SIM\\U5361\";\n    resultCode = 600007;\n}").unwrap();
/// assert_eq!(n.outcome, AuthOutcome::NoSimCard);
/// assert_eq!(n.raw_msg.as_deref(), Some("无SIM卡"));
/// ```
pub fn normalize(raw: &str) -> Result<Normalized<'_>, ParseError> {
    normalize_with(raw, Hint::default())
}

/// Normalises one raw callback, with what the caller knows about it.
///
/// Accepted shapes, also inside log text (`onTokenFailed: {...}`): JSON objects (strict, or
/// broken but still naming a code), iOS `NSDictionary` descriptions and Swift dictionary prints
/// (`[AnyHashable("resultCode"): 600011, AnyHashable("msg"): 获取token失败]`), Dart map prints, Java
/// `toString`s, Flutter's `PlatformException(600025, 初始化失败, null, null)`, an `NSError`'s print
/// (`Error Domain=… Code=-1001 "…" UserInfo={…}`: its code, never one in its `UserInfo`; its
/// domain kept in `extra`), text naming codes
/// (`vendorCode:103911, msg:...`, `code:1105msg:...`, `result code:410004 msg:...`), a bare
/// code, a JSON string holding any of these, and a JSON log line whose field holds one when its
/// own fields name no code (a field counts only if it reads as the code the line's text names,
/// if any). An Alibaba Cloud OpenAPI SDK's exception message (`code: 400, <msg> request id:
/// <id>`) names the Dypnsapi server's HTTP status: read as Dypnsapi's, unknown, unless the text
/// names another code outside that message.
///
/// The root cause comes from the carrier data (`carrierFailedResultData`, a string or an
/// object), the inner code (`innerCode`; for fusion, its one-tap code `16000xx`), or codes named
/// in the message; message text is NFKC-normalised before any matching. Text borrows from
/// `raw` wherever no unescaping was needed.
///
/// The source (the namespace the code is read in) is the hint's; else the one the keys point
/// at (`data/sources.yaml`: `carrierFailedResultData` is the PNS SDK's, `resultMsg` China
/// Unicom's); else the best-ranked source whose table has the number. A number alone does not
/// blame a carrier the payload does not point at: a carrier named or whose keys are there
/// rules out the other carriers' tables, and without one, a carrier's reading is taken only
/// when no other source reads the number differently (`-10008` is China Unicom's JSON error
/// and China Telecom's rate limit). Otherwise the code is kept, `known: false`.
///
/// NUL bytes are dropped before reading (a NUL inside `600\0011` would cut the code).
///
/// Fails only when no code can be found at all, or the input breaks a limit
/// ([`MAX_INPUT_BYTES`], [`MAX_DEPTH`]). Never panics.
///
/// ```
/// use numauth::{normalize, Carrier, Source};
/// // -10008 with nothing pointing at a carrier: either carrier's, so neither's.
/// let n = normalize(r#"{"code":"-10008"}"#).unwrap();
/// assert_eq!((n.known, n.carrier), (false, None));
/// // With the carrier named, its own table reads it.
/// let n = normalize(r#"{"code":"-10008","operator":"CT"}"#).unwrap();
/// assert_eq!((n.source, n.carrier), (Source::Ctcc, Some(Carrier::Ctcc)));
/// ```
///
/// ```
/// use numauth::{normalize_with, AuthOutcome, Hint, Source};
/// let n = normalize_with("code:1105msg:参数信息错误", Hint::default()).unwrap();
/// assert_eq!((n.source, n.outcome), (Source::Cucc, AuthOutcome::InvalidRequest));
/// let hint = Hint { source: Some(Source::Cmcc), platform: None, ..Hint::default() };
/// assert_eq!(normalize_with("1105", hint).unwrap().known, false);
/// ```
pub fn normalize_with(raw: &str, hint: Hint) -> Result<Normalized<'_>, ParseError> {
    if raw.len() > MAX_INPUT_BYTES {
        return quoted_over_limit(raw, hint);
    }
    // NUL bytes come from padded or mis-encoded logs, and one inside a code would cut it
    // (`600\0011` read as `600`): dropped, as the CLI drops them when it reads a log, so that
    // every interface reads such a payload the same way.
    if memchr::memchr(0, raw.as_bytes()).is_some() {
        let clean = raw.replace('\0', "");
        let n = resolve::normalize_text(&clean, 0, &resolve::Ctx::Top(hint));
        return n.map(Normalized::into_owned);
    }
    // The advice is set where the top-level callback is resolved.
    resolve::normalize_text(raw, 0, &resolve::Ctx::Top(hint))
}

/// An input over [`MAX_INPUT_BYTES`] that is one JSON string (a log line quoting a raw
/// callback, `"{\"code\":…}"`): its escapes make it longer than the text it holds, which is
/// read when it fits the limit and the line is at most twice as long. Else too large.
fn quoted_over_limit(raw: &str, hint: Hint) -> Result<Normalized<'static>, ParseError> {
    let too_large = ParseError::TooLarge {
        len: raw.len(),
        max: MAX_INPUT_BYTES,
    };
    let t = scan::trim(raw);
    if t.len() > 2 * MAX_INPUT_BYTES || !t.starts_with('"') {
        return Err(too_large);
    }
    match scan::whole_string(t) {
        Some(inner) if inner.len() <= MAX_INPUT_BYTES => {
            normalize_with(&inner, hint).map(Normalized::into_owned)
        }
        _ => Err(too_large),
    }
}

/// Normalises a callback whose fields the caller already holds. Infallible: it has a code
/// (an empty code is kept, unknown). Carrier data that cannot be read is kept in `extra`.
///
/// ```
/// use numauth::{normalize_callback, AuthOutcome, Callback, Carrier, Hint};
/// let cb = Callback { code: "600011", inner_code: Some("-10009"), inner_msg: Some("时间戳过期"), vendor_name: Some("CT"), ..Callback::default() };
/// let n = normalize_callback(&cb, Hint::default());
/// assert_eq!(n.carrier, Some(Carrier::Ctcc));
/// assert_eq!(n.root_cause.as_ref().unwrap().code, "-10009");
/// assert_ne!(n.outcome, AuthOutcome::TokenFailed);
/// ```
pub fn normalize_callback<'a>(callback: &Callback<'a>, hint: Hint) -> Normalized<'a> {
    resolve::from_callback(callback, hint)
}
