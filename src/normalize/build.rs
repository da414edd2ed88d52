//! Results put together from known parts, for tests downstream: what [`normalize`] would give
//! for a payload with those fields, without writing the payload.
//!
//! [`normalize`]: super::normalize

use std::borrow::Cow;

use super::extra::{extra_value, is_json_literal};
use super::scan::Val;
use super::{resolve, ExtraValue, Hint, Normalized};
use crate::advice::with_payload_versions;
use crate::{Carrier, Entry, Source};

impl Normalized<'static> {
    /// The result for `code` in `source` alone: what the catalog says about it, exactly as
    /// [`normalize_with`](crate::normalize_with) gives it for a payload holding only the code
    /// (`{"code":"600008"}`, or the bare code) with `Hint { source: Some(source), .. }`, without
    /// parsing anything (tested for every code of the catalog). The `with_*` methods add the
    /// rest of a payload.
    ///
    /// ```
    /// use numauth::{normalize_with, Hint, Normalized, Source};
    /// let n = Normalized::from_code(Source::Pns, "600008");
    /// let hint = Hint { source: Some(Source::Pns), ..Hint::default() };
    /// assert_eq!(n, normalize_with("600008", hint).unwrap());
    /// assert!(n.known && n.message.is_some());
    /// // Any code, known or not.
    /// assert!(!Normalized::from_code(Source::Cmcc, "999").known);
    /// ```
    pub fn from_code(source: Source, code: &str) -> Normalized<'static> {
        resolve::assemble(source, Cow::Owned(code.to_owned()), None, None, None).advised()
    }
}

impl<'a> Normalized<'a> {
    /// The same result with `msg` as the message the SDK sent, read as `normalize` reads a
    /// payload's `msg`: it picks the row of a code keyed by message (China Unicom `1` +
    /// 请求超时), fills IDaaS template values into `params`, and is redacted when it is a login
    /// token. It is not searched for codes: give a cause with [`Normalized::with_root_cause`].
    ///
    /// ```
    /// use numauth::{AuthOutcome, Normalized, Source};
    /// let n = Normalized::from_code(Source::Cucc, "1").with_raw_msg("请求超时");
    /// assert_eq!((n.outcome, n.raw_msg.as_deref()), (AuthOutcome::Timeout, Some("请求超时")));
    /// ```
    pub fn with_raw_msg(mut self, msg: impl Into<Cow<'a, str>>) -> Normalized<'a> {
        let named = self.named_carrier();
        self.raw_msg = Some(msg.into());
        self.rebuilt(named)
    }

    /// The same result with `cause` underneath (replacing any cause it had). When the cause,
    /// or one under it, is known, the outcome, category, actor, retryability and action follow
    /// the deepest known cause; a successful cause never stands in for a failure. The carrier
    /// is the cause's unless one was named with [`Normalized::with_carrier`]. The cause's own
    /// advice is dropped: advice is worked out for the whole callback.
    ///
    /// ```
    /// use numauth::{Actor, AuthOutcome, Carrier, Normalized, Source};
    /// let n = Normalized::from_code(Source::Pns, "600011")
    ///     .with_root_cause(Normalized::from_code(Source::Cmcc, "103119"));
    /// assert_eq!(n.code, "600011");
    /// assert_eq!((n.outcome, n.actor), (AuthOutcome::InvalidConfiguration, Actor::Developer));
    /// assert_eq!(n.carrier, Some(Carrier::Cmcc));
    /// // China Mobile's success does not explain PNS's failure.
    /// let n = Normalized::from_code(Source::Pns, "600011")
    ///     .with_root_cause(Normalized::from_code(Source::Cmcc, "103000"));
    /// assert_eq!(n.outcome, AuthOutcome::TokenFailed);
    /// ```
    pub fn with_root_cause(mut self, mut cause: Normalized<'a>) -> Normalized<'a> {
        let named = self.named_carrier();
        let mut level = Some(&mut cause);
        while let Some(c) = level {
            c.advice = None;
            level = c.root_cause.as_deref_mut();
        }
        self.root_cause = Some(Box::new(cause));
        self.rebuilt(named)
    }

    /// The same result with the carrier the payload names (its `vendorName`), which wins over
    /// the causes' carrier.
    ///
    /// ```
    /// use numauth::{Carrier, Normalized, Source};
    /// let n = Normalized::from_code(Source::Pns, "600011").with_carrier(Carrier::Ctcc);
    /// assert_eq!(n.carrier, Some(Carrier::Ctcc));
    /// ```
    pub fn with_carrier(mut self, carrier: Carrier) -> Normalized<'a> {
        self.carrier = Some(carrier);
        self
    }

    /// The same result with a request id (a mobile number in it redacted, as `normalize` does).
    ///
    /// ```
    /// use numauth::{Normalized, Source};
    /// let n = Normalized::from_code(Source::Pns, "600011").with_request_id("0b6f");
    /// assert_eq!(n.request_id.as_deref(), Some("0b6f"));
    /// ```
    pub fn with_request_id(mut self, request_id: impl Into<Cow<'a, str>>) -> Normalized<'a> {
        self.request_id = Some(super::secret::mask_phones(request_id.into()));
        self
    }

    /// The same result with one more field in `extra`, kept as `normalize` keeps a payload's
    /// field: redacted when its key names a credential (see [`ExtraValue`]). A version field
    /// (`sdkVersion`, `osVersion`, `release`) counts for the advice, as in a payload.
    ///
    /// ```
    /// use numauth::{ExtraValue, Normalized, Source};
    /// let n = Normalized::from_code(Source::Pns, "600000")
    ///     .with_extra("token", ExtraValue::Text("STsid0000001".into()))
    ///     .with_extra("requestCode", ExtraValue::Json("0".into()));
    /// assert_eq!(n.extra.get("token").unwrap().as_str(), "<redacted token: 12 chars>");
    /// assert_eq!(n.extra.get("requestCode"), Some(&ExtraValue::Json("0".into())));
    /// ```
    pub fn with_extra(
        mut self,
        key: impl Into<Cow<'a, str>>,
        value: ExtraValue<'a>,
    ) -> Normalized<'a> {
        let key = key.into();
        let value = match value {
            ExtraValue::Text(text) => extra_value(&key, Val::Str(text), 0),
            ExtraValue::Json(raw) => {
                let val = if is_json_literal(&raw) {
                    Val::Bare(&raw)
                } else {
                    Val::Nested(&raw)
                };
                let redacted = match extra_value(&key, val, 0) {
                    ExtraValue::Json(kept) if kept == raw => None,
                    changed => Some(changed.into_owned()),
                };
                // Unchanged: the caller's text is kept (and its lifetime).
                redacted.unwrap_or(ExtraValue::Json(raw))
            }
        };
        self.extra.push((key, value));
        self.advised()
    }

    /// The carrier named by [`Normalized::with_carrier`], if any: a carrier other than the
    /// one the code and its causes give. (One named equal to that is not told apart; it only
    /// matters if a cause with another carrier is added afterwards.)
    fn named_carrier(&self) -> Option<Carrier> {
        let wraps = self.entry().and_then(Entry::carrier);
        self.carrier
            .filter(|&c| Some(c) != resolve::top_carrier(self, None, wraps))
    }

    /// Everything worked out again from the code, message, cause and named carrier; the
    /// request id and `extra` kept.
    fn rebuilt(self, named: Option<Carrier>) -> Normalized<'a> {
        let Normalized {
            source,
            code,
            raw_msg,
            root_cause,
            request_id,
            extra,
            ..
        } = self;
        let mut n = resolve::assemble(source, code, raw_msg, root_cause, named);
        n.request_id = request_id;
        n.extra = extra;
        n.advised()
    }

    /// With the advice `normalize` gives, from the versions in `extra`.
    fn advised(mut self) -> Normalized<'a> {
        let hint = with_payload_versions(Hint::default(), &self.extra);
        self.advice = crate::advice::advise(&self, &hint);
        super::secret::redact_numbers(&mut self);
        self
    }
}
