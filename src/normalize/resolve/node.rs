//! A code's node: what the catalog says about it, and following its root cause.

use super::*;
use crate::normalize::secret::looks_like_token;

/// A node for `code` (whose `rows` these are) in `source`, classified.
pub(super) fn node<'a>(
    rows: CodeRows,
    source: Source,
    code: Cow<'a, str>,
    raw_msg: Option<Cow<'a, str>>,
) -> Normalized<'a> {
    let raw_msg = raw_msg.map(redact_token);
    let v = Verdict::of(rows, source, raw_msg.as_deref());
    let raw_msg = raw_msg.map(|m| redact_success_token(m, v.outcome));
    // Built as one literal, so that it is written where the caller keeps it (192 bytes;
    // filled after the fact, it was written here and copied there on every call).
    Normalized {
        source,
        code,
        known: v.known(),
        outcome: v.outcome,
        category: v.outcome.category(),
        actor: v.actor(),
        retryable: v.retryable(),
        action: v.action(),
        message: v.message(),
        raw_msg,
        root_cause: None,
        carrier: None,
        request_id: None,
        params: None,
        extra: Extra::new(),
        advice: None,
    }
}

/// Gives the node `msg` as its message (redacted as [`node`] redacts one), and sets again what
/// the catalog says about its own code, whose `rows` these are.
pub(super) fn set_message<'a>(n: &mut Normalized<'a>, rows: CodeRows, msg: Cow<'a, str>) {
    let msg = redact_token(msg);
    let v = Verdict::of(rows, n.source, Some(&msg));
    n.raw_msg = Some(redact_success_token(msg, v.outcome));
    apply(n, v);
}

/// Reads the node's code in its row for `platform` where the source has one row per platform
/// (JVerification's 2018: a carrier unsupported on Android, a missing carrier SDK on iOS) and
/// no row keyed by the message decided it.
pub(super) fn on_platform(n: &mut Normalized<'_>, rows: CodeRows, platform: Platform) {
    let picked = rows.find(n.source, n.raw_msg.as_deref());
    if picked.is_some_and(Entry::is_message_row) {
        return;
    }
    let entry = rows.lookup_on(n.source, platform);
    if entry.is_some_and(|e| picked.is_none_or(|p| !std::ptr::eq(p, e))) {
        let outcome = entry.map_or(AuthOutcome::Unknown, Entry::outcome);
        apply(n, Verdict { entry, outcome });
    }
}

/// Sets what the catalog says about the node's code: its verdict `v`.
fn apply(n: &mut Normalized<'_>, v: Verdict) {
    n.known = v.known();
    n.outcome = v.outcome;
    n.category = v.outcome.category();
    n.actor = v.actor();
    n.retryable = v.retryable();
    n.action = v.action();
    n.message = v.message();
}

/// The values an IDaaS node's message filled into its catalog message, a template
/// (`剩余登录次数：{0}`): read once the callback is resolved, and only where its texts are kept
/// (`Detail::Full`). The message is its entry's, so the node's code and message name it.
pub(super) fn fill_params(n: &mut Normalized<'_>) {
    n.params = match (n.source, n.message, n.raw_msg.as_deref()) {
        (Source::Idaas, Some(templates), Some(msg)) => idaas::params(&n.code, templates, msg),
        _ => None,
    };
}

/// What the catalog says about a code in a source: its entry, if any, and the outcome.
#[derive(Clone, Copy)]
pub(super) struct Verdict {
    pub(super) entry: Option<&'static Entry>,
    pub(super) outcome: AuthOutcome,
}

impl Verdict {
    pub(super) fn of(rows: CodeRows, source: Source, msg: Option<&str>) -> Verdict {
        let entry = rows.find(source, msg);
        Verdict {
            entry,
            outcome: entry.map_or(AuthOutcome::Unknown, Entry::outcome),
        }
    }

    pub(super) fn known(self) -> bool {
        self.entry.is_some()
    }

    // The row's own actor, retryable and action where the catalog overrides the outcome's for
    // this code (JVerification's 1006, a daily limit per number: the user, not the developer).
    pub(super) fn action(self) -> crate::Action {
        self.entry.map_or(self.outcome.action(), Entry::action)
    }

    pub(super) fn actor(self) -> crate::Actor {
        self.entry.map_or(self.outcome.actor(), Entry::actor)
    }

    pub(super) fn retryable(self) -> bool {
        self.entry
            .map_or(self.outcome.retryable(), Entry::retryable)
    }

    pub(super) fn message(self) -> Option<Message> {
        self.entry.map(|e| Message {
            zh: e.message(crate::Lang::Zh),
            en: e.message(crate::Lang::En),
        })
    }
}

/// Whether a cause says something: it, or a cause under it, is known with a real outcome.
pub(super) fn informative(n: &Normalized<'_>) -> bool {
    let mut cur = Some(n);
    while let Some(c) = cur {
        if c.known && c.outcome != AuthOutcome::Unknown {
            return true;
        }
        cur = c.root_cause.as_deref();
    }
    false
}

/// Lets the node's outcome follow its root cause, when that is informative. A success never
/// explains a failure, so a successful cause under a known non-success is not followed.
pub(super) fn follow(n: &mut Normalized<'_>) {
    let Some(cause) = n.root_cause.as_deref() else {
        return;
    };
    if !informative(cause)
        || (cause.category == Category::Success && n.known && n.category != Category::Success)
    {
        return;
    }
    n.outcome = cause.outcome;
    n.category = cause.category;
    n.actor = cause.actor;
    n.retryable = cause.retryable;
    n.action = cause.action;
}

pub(super) fn deepest_carrier(n: &Normalized<'_>) -> Option<Carrier> {
    let mut found = None;
    let mut cur = n.root_cause.as_deref();
    while let Some(c) = cur {
        found = c.carrier.or(found);
        cur = c.root_cause.as_deref();
    }
    found
}

/// A success's message that is one word of a token's alphabet, 16 characters or more, with
/// letters and digits: the credential itself, where the field holds the token on success and
/// the message otherwise (JVerification's `content`: a red-team run found a 19-character token
/// and a UUID-shaped one kept, being shorter or shaped otherwise than [`redact_token`] looks
/// for). A text about it (`loginToken request success`, `获取token成功`) has blanks or other
/// characters and is kept.
fn redact_success_token(message: Cow<'_, str>, outcome: AuthOutcome) -> Cow<'_, str> {
    let token_char =
        |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'_' | b'.' | b'-');
    let b = message.as_bytes();
    let token = outcome == AuthOutcome::Success
        && b.len() >= 16
        && b.iter().all(|&c| token_char(c))
        && b.iter().any(u8::is_ascii_digit)
        && b.iter().any(u8::is_ascii_alphabetic);
    match token {
        true => Cow::Owned(format!("<redacted token: {} chars>", b.len())),
        false => message,
    }
}

/// A message that is a credential (JVerification returns the login token in `content`, the
/// field that holds the message on failure) is redacted like a token in `extra`. (A phone
/// number written in one is redacted once the callback is resolved: `secret::redact_numbers`.)
fn redact_token(message: Cow<'_, str>) -> Cow<'_, str> {
    if looks_like_token(&message) {
        Cow::Owned(format!(
            "<redacted token: {} chars>",
            message.chars().count()
        ))
    } else {
        message
    }
}
