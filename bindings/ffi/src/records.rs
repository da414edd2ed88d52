//! Owned records for UniFFI, converted field by field from the core's borrowed types. Every id
//! (source, outcome, category, actor, action, carrier, platform) is the core's snake_case
//! string from `as_str()`, never a list of variants kept here.

use numauth::Lang;

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// Both languages of one of the core's `fn(lang) -> &str` texts.
    fn of(get: impl Fn(Lang) -> &'static str) -> Text {
        Text {
            zh: get(Lang::Zh).to_owned(),
            en: get(Lang::En).to_owned(),
        }
    }
}

/// What an outcome means for the app: its title, what to tell the user, and the next step.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Explanation {
    /// The outcome's short title.
    pub title: Text,
    /// What to tell the user (the outcome's user text).
    pub user_text: Text,
    /// The recommended next step, in words.
    pub next_step: Text,
}

impl Explanation {
    fn new(outcome: numauth::AuthOutcome, action: numauth::Action) -> Explanation {
        Explanation {
            title: Text::of(|l| outcome.title(l)),
            user_text: Text::of(|l| outcome.user_text(l)),
            next_step: Text::of(|l| action.text(l)),
        }
    }
}

/// What the catalog knows about one code of one source.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Entry {
    /// The source id, e.g. `pns`.
    pub source: String,
    /// The code, exactly as the SDK returns it.
    pub code: String,
    /// For a code + message row, the message it matches, in Chinese.
    pub match_zh: Option<String>,
    /// For a code + message row, the message it matches, in English.
    pub match_en: Option<String>,
    /// The vendor's meaning of the code.
    pub message: Text,
    /// The outcome id, e.g. `invalid_configuration`.
    pub outcome: String,
    /// The outcome's category id.
    pub category: String,
    /// Who must act (actor id).
    pub actor: String,
    /// Whether the same call can succeed later without a change.
    pub retryable: bool,
    /// The recommended next step (action id).
    pub action: String,
    /// The outcome and action in words.
    pub explanation: Explanation,
    /// The vendor's own advice, where it gives one.
    pub suggestion: Option<Text>,
    /// Platform ids the code exists on, when not all of the source's.
    pub platforms: Vec<String>,
    /// The first SDK version with the code.
    pub since: Option<String>,
    /// The first SDK version without the code.
    pub until: Option<String>,
    /// The HTTP status that comes with the code (IDaaS).
    pub http_status: Option<u16>,
    /// The carrier whose errors a vendor code reports (GeeTest `-40101`: `cmcc`), as in the
    /// export.
    pub carrier: Option<String>,
    /// Which texts numauth translated (ids).
    pub translated: Vec<String>,
    /// Ids of the documents the row comes from.
    pub provenance: Vec<String>,
    /// Why a choice was made where sources disagree.
    pub note: Option<String>,
}

impl From<&numauth::Entry> for Entry {
    fn from(e: &numauth::Entry) -> Entry {
        Entry {
            source: e.source().as_str().to_owned(),
            code: e.code().to_owned(),
            match_zh: e.match_text(Lang::Zh).map(str::to_owned),
            match_en: e.match_text(Lang::En).map(str::to_owned),
            message: Text::of(|l| e.message(l)),
            outcome: e.outcome().as_str().to_owned(),
            category: e.category().as_str().to_owned(),
            actor: e.actor().as_str().to_owned(),
            retryable: e.retryable(),
            action: e.action().as_str().to_owned(),
            explanation: Explanation::new(e.outcome(), e.action()),
            suggestion: e
                .suggestion(Lang::Zh)
                .map(|_| Text::of(|l| e.suggestion(l).unwrap_or_default())),
            platforms: ids(e.platforms().iter().map(|p| p.as_str())),
            since: e.since().map(str::to_owned),
            until: e.until().map(str::to_owned),
            http_status: e.http_status(),
            carrier: e.carrier().map(|c| c.to_string()),
            translated: ids(e.translated().iter().map(|t| t.as_str())),
            provenance: ids(e.provenance().iter().map(|p| p.id())),
            note: e.note().map(str::to_owned),
        }
    }
}

fn ids<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    items.map(str::to_owned).collect()
}

/// What the caller knows about a callback; each field an id, or `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Hint {
    /// A source id (`pns`, `fusion`, `cmcc`...): overrides detection.
    #[uniffi(default = None)]
    pub source: Option<String>,
    /// A platform id (`android`, `ios`, `web`, `harmony`...).
    #[uniffi(default = None)]
    pub platform: Option<String>,
    /// The device's OS version (`16.4`, Android's `release`), for advice by version.
    #[uniffi(default = None)]
    pub os_version: Option<String>,
    /// The version of the SDK that produced the callback (`2.12.14`), for advice by version.
    #[uniffi(default = None)]
    pub sdk_version: Option<String>,
}

/// What fixes this failure on the caller's platform and versions: a rule of numauth's advice
/// table (`numauth explain CODE` lists them), or a note that the code does not exist in the
/// caller's SDK version.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Advice {
    /// The rule's id (`ios_16_4_carrier_config`), `not_on_platform` or `not_in_sdk_version`.
    pub id: String,
    /// The advice in both languages.
    pub text: Text,
    /// Who must act on it (actor id).
    pub actor: String,
    /// The kind of step it asks for (action id).
    pub action: String,
    /// Ids of the threads and pages it rests on.
    pub provenance: Vec<String>,
}

impl From<&numauth::Advice> for Advice {
    fn from(a: &numauth::Advice) -> Advice {
        Advice {
            id: a.id.to_string(),
            text: Text {
                zh: a.zh.to_string(),
                en: a.en.to_string(),
            },
            actor: a.actor.as_str().to_owned(),
            action: a.action.as_str().to_owned(),
            provenance: a.provenance.iter().map(|p| p.to_string()).collect(),
        }
    }
}

/// The fields of a callback, for an SDK wrapper that already holds them (the core's
/// `Callback`; named so because the generated Kotlin imports JNA's `Callback`).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct CallbackFields {
    /// The result code.
    pub code: String,
    /// The message that came with it.
    #[uniffi(default = None)]
    pub msg: Option<String>,
    /// The inner code (iOS `innerCode`).
    #[uniffi(default = None)]
    pub inner_code: Option<String>,
    /// The inner message (iOS `innerMsg`).
    #[uniffi(default = None)]
    pub inner_msg: Option<String>,
    /// The carrier's own result (`carrierFailedResultData`), as text of any shape.
    #[uniffi(default = None)]
    pub carrier_data: Option<String>,
    /// The carrier's name (`vendorName`).
    #[uniffi(default = None)]
    pub vendor_name: Option<String>,
    /// The request id.
    #[uniffi(default = None)]
    pub request_id: Option<String>,
}

impl CallbackFields {
    /// The core's borrowed view of these fields.
    pub(crate) fn as_core(&self) -> numauth::Callback<'_> {
        numauth::Callback {
            code: &self.code,
            msg: self.msg.as_deref(),
            inner_code: self.inner_code.as_deref(),
            inner_msg: self.inner_msg.as_deref(),
            carrier_data: self.carrier_data.as_deref(),
            vendor_name: self.vendor_name.as_deref(),
            request_id: self.request_id.as_deref(),
        }
    }
}

/// Values pulled out of an IDaaS message template.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IdaasParams {
    /// The template's values, `{0}` first.
    pub values: Vec<String>,
    /// Login attempts left before the account is locked.
    pub attempts_left: Option<u32>,
    /// Minutes until the account is unlocked.
    pub lock_minutes: Option<u32>,
    /// Seconds (after the minutes) until the account is unlocked.
    pub lock_seconds: Option<u32>,
}

/// The value of a field the payload carried besides the code.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ExtraValue {
    /// A string value, unescaped; or a literal that is not JSON, as written.
    Text {
        /// The text.
        value: String,
    },
    /// Any other literal (number, bool, null, object, array) that is valid JSON, as written:
    /// it always parses as JSON. An object or array written in another shape (an
    /// `NSDictionary` or Dart map nested in the payload, `{a: 1}`) is `Text`, as the C ABI and
    /// Python hold it.
    Json {
        /// The literal.
        value: String,
    },
}

/// One other field of the payload, tokens redacted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExtraField {
    /// The key, as written.
    pub key: String,
    /// The value.
    pub value: ExtraValue,
}

fn extra(e: &numauth::ExtraValue<'_>) -> ExtraValue {
    let value = e.as_str().to_owned();
    match e {
        numauth::ExtraValue::Json(s) if is_json(s) => ExtraValue::Json { value },
        // The core keeps other shapes as `Json` too (not a string in the payload); a `Json`
        // here promises a value a JSON parser reads.
        numauth::ExtraValue::Json(_) | numauth::ExtraValue::Text(_) => ExtraValue::Text { value },
    }
}

/// Whether `text` is one JSON value (checked, not built).
fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// Declares `Cause` (one level of a result) and `Normalized` (the same fields plus the chain
/// of causes) from one field list, with the conversion of one level from the core.
macro_rules! levels {
    ($n:ident => $($(#[$doc:meta])* $field:ident: $ty:ty = $conv:expr;)*) => {
        /// One level of a normalised callback: the top level's fields, without the chain.
        #[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
        pub struct Cause {
            $($(#[$doc])* pub $field: $ty,)*
        }

        /// One callback, normalised. `outcome`, `category`, `actor`, `retryable`, `action` and
        /// `explanation` follow the deepest known cause; `source`, `code`, `known` and `message`
        /// describe the top-level code.
        #[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
        pub struct Normalized {
            $($(#[$doc])* pub $field: $ty,)*
            /// The causes underneath, the nearest first, the deepest last.
            pub causes: Vec<Cause>,
            /// What fixes it on the caller's platform and versions (from the hint, or the
            /// versions the payload carries), when numauth's advice table has a rule for it.
            pub advice: Option<Advice>,
        }

        impl Cause {
            fn of($n: &numauth::Normalized<'_>) -> Cause {
                Cause { $($field: $conv,)* }
            }

            fn with_causes(self, causes: Vec<Cause>, advice: Option<Advice>) -> Normalized {
                Normalized { $($field: self.$field,)* causes, advice }
            }
        }
    };
}

levels! {
    n =>
    /// The source id of `code`.
    source: String = n.source.as_str().to_owned();
    /// The code, exactly as received.
    code: String = n.code.to_string();
    /// Whether the catalog knows `code` in `source`.
    known: bool = n.known;
    /// The outcome id.
    outcome: String = n.outcome.as_str().to_owned();
    /// The category id.
    category: String = n.category.as_str().to_owned();
    /// Who must act (actor id).
    actor: String = n.actor.as_str().to_owned();
    /// Whether the same call can succeed later without a change.
    retryable: bool = n.retryable;
    /// The recommended next step (action id).
    action: String = n.action.as_str().to_owned();
    /// The outcome and action in words.
    explanation: Explanation = Explanation::new(n.outcome, n.action);
    /// The catalog's text for `code`; `None` for an unknown code.
    message: Option<Text> = n.message.map(|m| Text::of(|l| m.get(l)));
    /// The message the SDK sent with the code, as received, unescaped.
    raw_msg: Option<String> = n.raw_msg.as_deref().map(str::to_owned);
    /// The carrier id (`cmcc`, `cucc`, `ctcc`).
    carrier: Option<String> = n.carrier.map(|c| c.as_str().to_owned());
    /// The request id.
    request_id: Option<String> = n.request_id.as_deref().map(str::to_owned);
    /// Values pulled out of an IDaaS message template.
    params: Option<IdaasParams> = n.params.as_ref().map(|p| IdaasParams {
        values: p.values.clone(),
        attempts_left: p.attempts_left,
        lock_minutes: p.lock_minutes,
        lock_seconds: p.lock_seconds,
    });
    /// Every other field of the payload, in order, tokens redacted.
    extra: Vec<ExtraField> = n.extra.iter().map(|(k, v)| ExtraField { key: k.to_string(), value: extra(v) }).collect();
}

impl From<&numauth::Normalized<'_>> for Normalized {
    fn from(n: &numauth::Normalized<'_>) -> Normalized {
        let mut causes = Vec::new();
        let mut next = n.root_cause.as_deref();
        while let Some(c) = next {
            causes.push(Cause::of(c));
            next = c.root_cause.as_deref();
        }
        Cause::of(n).with_causes(causes, n.advice.as_deref().map(Advice::from))
    }
}

/// One item of [`normalize_many`](crate::normalize_many): a result, or why there is none.
// UniFFI passes records by value (no `Box`); a batch's results are built once and moved.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum NormalizeResult {
    /// The callback, normalised.
    Ok {
        /// The result.
        normalized: Normalized,
    },
    /// No code could be found, or the input broke a limit.
    Failed {
        /// What was wrong, as [`NumauthError`](crate::NumauthError) says it.
        error: String,
    },
}
