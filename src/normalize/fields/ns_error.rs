//! An `NSError` print (`Error Domain=… Code=… "…" UserInfo={…}`): its code and message as text
//! patterns read them, and the fields of its `UserInfo` that are no code's: the carrier data,
//! the carrier, the rest kept.

use std::borrow::Cow;

use super::super::extra::{kept_value, ExtraValue};
use super::super::keys::{role, Role};
use super::super::scan::{self, Fields};
use super::super::{pattern, Carrier};
use super::patterns::from_patterns;
use super::values::{has_text, sub, text_of};
use super::{kept_kind, Parts};

/// The parts of a text holding an `NSError` print, as text patterns read them (the error's
/// `Code=` among them; a code named before the print comes first, as in any text), with the
/// error's description as the message of its own code, its domain kept, and its `UserInfo`'s
/// other fields read ([`user_info`]).
pub(super) fn from_ns_error<'a>(
    t: &'a str,
    e: pattern::NsError,
    level: usize,
    out: &mut Parts<'a>,
) {
    // A `Code=` too long to be a code leaves the error without one: then only a code named
    // before the print stands for it, never one in its `UserInfo` (`{code = 0;}` there is no
    // success).
    let digits = e.code.len() - usize::from(t.as_bytes().get(e.code.start) == Some(&b'-'));
    let read = match digits > pattern::MAX_CODE_DIGITS {
        true => t.get(..e.start).unwrap_or_default(),
        false => t,
    };
    if from_patterns(read, level, out).is_none() {
        return;
    }
    let text = Cow::Borrowed(t);
    if let Some(r) = e
        .description
        .filter(|_| out.code == sub(&text, e.code.clone()))
    {
        out.msg = Some(sub(&text, r));
    }
    let domain = ExtraValue::Text(sub(&text, e.domain.clone()));
    out.extra.push((Cow::Borrowed("domain"), domain));
    user_info(t, e.code.end, level, out);
}

/// The fields of the `UserInfo={…}` after `from` in `t` that text patterns do not read: the
/// carrier data (the cause), the carrier's name, and every other field kept in `extra`, redacted
/// as a callback's are; none of them marks the source, which the print itself decides. Its
/// codes, messages and request ids were read as patterns, and stay theirs. The other fields
/// were dropped, the cause with them (a red-team find: `UserInfo={msg=…,
/// carrierFailedResultData={…}}` had no root cause, where the same callback as JSON had one).
fn user_info<'a>(t: &'a str, from: usize, level: usize, out: &mut Parts<'a>) {
    const KEY: &str = "UserInfo=";
    let Some(at) = t.get(from..).and_then(|rest| rest.find(KEY)) else {
        return;
    };
    let open = from + at + KEY.len();
    let mut fields = Fields::new();
    if t.as_bytes().get(open) != Some(&b'{') || scan::object(t, open, level, &mut fields).is_err() {
        return;
    }
    for field in fields {
        let r = role(&field.key);
        match r.role {
            Role::Code(..)
            | Role::Msg(_)
            | Role::InnerCode
            | Role::InnerMsg
            | Role::RequestId(_) => continue,
            Role::CarrierData if out.carrier_data.is_none() && has_text(&field.val) => {
                out.carrier_data = Some((field.key, field.val));
                continue;
            }
            Role::Vendor(_) if out.carrier.is_none() => {
                let named = text_of(field.val.clone()).and_then(|v| {
                    Carrier::from_alias(&v)
                        .or_else(|| super::super::keys::carrier_value(r.role, &v))
                });
                if let Some(c) = named {
                    out.carrier = Some(c);
                    continue;
                }
            }
            _ => {}
        }
        let value = kept_value(kept_kind(&r, &field.key, &field.val), field.val, level + 1);
        out.extra.push((field.key, value));
    }
}
