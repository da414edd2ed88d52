//! The causes underneath a callback: carrier data, inner codes, codes named in messages.

use super::*;
use crate::normalize::keys::{role, Role};

/// A cause found underneath (carrier data, or a message naming a code).
/// Takes the parts out of `p`, as [`resolve_top`] does.
///
/// Inlined into its one caller, so that the node is built in the caller's return slot: as a
/// call, its 192 bytes were written here and copied there.
#[inline(always)]
pub(super) fn resolve_inner<'a>(
    p: &mut Parts<'a>,
    alias: Option<Carrier>,
    rows: CodeRows,
    parent: Source,
) -> Result<Normalized<'a>, ParseError> {
    // The carrier this cause names itself (`[CM,(103111)…]`) before the one above names.
    let alias = p.carrier.or(alias);
    let source = inner_source(
        &p.code,
        rows,
        p.msg.as_deref(),
        alias,
        &p.marks,
        p.code_key,
        parent,
    );
    let mut n = node(rows, source, std::mem::take(&mut p.code), p.msg.take());
    n.carrier = Carrier::from_source(source).or(alias);
    n.request_id = p.request_id.take();
    // Swapped, not assigned: assigning drops the fresh empty `Extra`, a call the compiler
    // does not always see through (23 instructions on every carrier cause).
    std::mem::swap(&mut n.extra, &mut p.extra);
    keep_rest(p, &mut n.extra);
    // A carrier result whose message names the carrier's own inner code (China Unicom
    // `410002` with `code:1105msg:参数信息错误`): that code is the cause.
    if let Some(msg) = n.raw_msg.as_ref() {
        let cause = message_cause(msg, n.carrier, p.level, &n.code, source)?;
        if let Some(cause) = cause.filter(|c| c.known) {
            n.root_cause = Some(cause);
            follow(&mut n);
        }
    }
    Ok(n)
}

/// A vendor server's answer in carrier data ([`Ctx::Server`]): read in `source` alone, and
/// blamed on no carrier it does not name. An envelope whose own code only says that the server
/// answered (`{"errno":0,"data":{"result":"40004",...}}`) has its `data` object's code as its
/// cause, in the same namespace. Not inlined into [`normalize_text`], whose every call it
/// would slow.
#[inline(never)]
pub(super) fn resolve_server<'a>(
    p: &mut Parts<'a>,
    source: Source,
) -> Result<Normalized<'a>, ParseError> {
    let rows = CodeRows::of(&p.code);
    let mut n = node(rows, source, std::mem::take(&mut p.code), p.msg.take());
    n.carrier = p.carrier;
    n.request_id = p.request_id.take();
    std::mem::swap(&mut n.extra, &mut p.extra);
    keep_rest(p, &mut n.extra);
    if let Some(data) = data_object(&n) {
        let ctx = Ctx::Server(source);
        let r = match data {
            Cow::Borrowed(s) => normalize_text(s, p.level + 1, &ctx),
            Cow::Owned(s) => normalize_text(&s, p.level + 1, &ctx).map(Normalized::into_owned),
        };
        match r {
            Ok(cause) if cause.code != n.code => {
                n.root_cause = Some(Box::new(cause));
                follow(&mut n);
            }
            Err(e @ ParseError::TooDeep { .. }) => return Err(e),
            Ok(_) | Err(_) => {}
        }
    }
    Ok(n)
}

/// The object a callback keeps under its `data` key (role `data` in `data/sources.yaml`), as
/// kept in its extra.
pub(super) fn data_object<'a>(n: &Normalized<'a>) -> Option<Cow<'a, str>> {
    n.extra.iter().find_map(|(key, value)| {
        let (ExtraValue::Text(v) | ExtraValue::Json(v)) = value;
        (scan::opens_map(v) && role(key).role == Role::Data).then(|| v.clone())
    })
}

/// Keeps in `extra` the inner code, the inner message and the carrier data of parts whose node
/// reads none of them.
#[inline(always)]
fn keep_rest<'a>(p: &mut Parts<'a>, extra: &mut Extra<'a>) {
    for (key, value) in [p.inner_code.take(), p.inner_msg.take()]
        .into_iter()
        .flatten()
    {
        extra.push((key, ExtraValue::Text(value)));
    }
    if let Some((key, val)) = p.carrier_data.take() {
        extra.push((key, super::super::extra::extra_value("", val, p.level)));
    }
}

/// Turns a hard error into "no cause" in lenient mode, keeping the first error otherwise.
pub(super) fn soften<T>(
    r: Result<Option<T>, ParseError>,
    err: &mut Option<ParseError>,
    strict: bool,
) -> Option<T> {
    match r {
        Ok(v) => v,
        Err(e @ ParseError::TooDeep { .. }) => {
            if strict && err.is_none() {
                *err = Some(e);
            }
            None
        }
        Err(_) => None,
    }
}

/// The cause in carrier data (a JSON string or an object, or any other shape).
pub(super) fn data_cause<'a>(
    val: &Val<'a>,
    alias: Option<Carrier>,
    level: usize,
    parent: Source,
) -> Result<Option<Box<Normalized<'a>>>, ParseError> {
    let ctx = Ctx::Inner {
        alias,
        bare: true,
        parent,
    };
    data_cause_in(val, level, &ctx)
}

/// The vendor server's answer in carrier data ([`Ctx::Server`]). Not inlined: the carrier
/// data of most callbacks is the carrier's.
#[inline(never)]
pub(super) fn server_cause<'a>(
    val: &Val<'a>,
    server: Source,
    level: usize,
) -> Result<Option<Box<Normalized<'a>>>, ParseError> {
    data_cause_in(val, level, &Ctx::Server(server))
}

/// The cause in carrier data, read in `ctx`.
#[inline(always)]
fn data_cause_in<'a>(
    val: &Val<'a>,
    level: usize,
    ctx: &Ctx,
) -> Result<Option<Box<Normalized<'a>>>, ParseError> {
    // A string is a level of its own; a bare or nested value is read where it is.
    let in_string = level + 1;
    let r = match val {
        Val::Str(Cow::Borrowed(s)) => normalize_text(s, in_string, ctx),
        Val::Esc(raw) if scan::trim_start(raw).starts_with('{') && scan::scannable_escaped(raw) => {
            normalize_text(raw, in_string, ctx)
        }
        Val::Esc(raw) => {
            normalize_text(&scan::unescape(raw), in_string, ctx).map(Normalized::into_owned)
        }
        Val::Str(Cow::Owned(s)) => normalize_text(s, in_string, ctx).map(Normalized::into_owned),
        Val::Bare(s) | Val::Nested(s) => normalize_text(s, level, ctx),
    };
    match r {
        Ok(n) => Ok(Some(Box::new(n))),
        Err(e @ ParseError::TooDeep { .. }) => Err(e),
        Err(_) => Ok(None),
    }
}

/// Whether a message may name a code (`vendorCode:103911`, `{"result":-8004}`,
/// `PlatformException(600025, ...)`): cheap check before parsing it.
pub(super) fn may_name_code(msg: &str) -> bool {
    // One pass gathers what the bytes hint at; a full-width colon (EF BC 9A) is looked for in
    // full only when its last byte, which most messages, Chinese ones included, lack, is there,
    // and Flutter's print only when a `(` is.
    let seen = msg
        .bytes()
        .fold(0, |seen, b| seen | BYTE_HINTS[usize::from(b)]);
    let printed = || seen & PAREN != 0 && msg.contains("PlatformException(");
    seen & (DIGIT | SEPARATOR) == DIGIT | SEPARATOR
        || seen & COLON_TAIL != 0 && msg.contains('：')
        || printed()
}

/// [`BYTE_HINTS`]: an ASCII digit.
const DIGIT: u8 = 1;
/// [`BYTE_HINTS`]: `:`, `=` or `{`, which put a code next to its key, or `[`, which opens
/// JVerification's carrier result (`[CT,(80801)WIFI切换异常]`, as the whole `content` too).
const SEPARATOR: u8 = 2;
/// [`BYTE_HINTS`]: 0x9A, the last byte of a full-width colon `：`.
const COLON_TAIL: u8 = 4;
/// [`BYTE_HINTS`]: `(`, which opens Flutter's `PlatformException(` print.
const PAREN: u8 = 8;

/// What each byte value hints at, for [`may_name_code`].
static BYTE_HINTS: [u8; 256] = {
    let mut hints = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        hints[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b':' | b'=' | b'{' | b'[' => SEPARATOR,
            0x9a => COLON_TAIL,
            b'(' => PAREN,
            _ => 0,
        };
        b += 1;
    }
    hints
};

/// The cause named in a message (NFKC-normalised first), unless it is the node's own code.
pub(super) fn message_cause<'a>(
    msg: &Cow<'a, str>,
    alias: Option<Carrier>,
    level: usize,
    own: &str,
    parent: Source,
) -> Result<Option<Box<Normalized<'a>>>, ParseError> {
    if !may_name_code(msg) {
        return Ok(None);
    }
    let ctx = Ctx::Inner {
        alias,
        bare: false,
        parent,
    };
    let in_message = level + 1;
    let r = match msg {
        Cow::Borrowed(s) => match nfkc(s) {
            Cow::Borrowed(n) => normalize_text(n, in_message, &ctx),
            Cow::Owned(n) => normalize_text(&n, in_message, &ctx).map(Normalized::into_owned),
        },
        Cow::Owned(s) => normalize_text(&nfkc(s), in_message, &ctx).map(Normalized::into_owned),
    };
    match r {
        Ok(n) if n.code != own => Ok(Some(Box::new(n))),
        Ok(_) => Ok(None),
        Err(e @ ParseError::TooDeep { .. }) => Err(e),
        Err(_) => Ok(None),
    }
}

/// Fusion's one-tap inner code (`1600011` = PNS `600011` + 1000000): the fusion entry, or the
/// PNS entry for a code the fusion table lacks. `None` when it is not a fusion code at all.
pub(super) fn fusion_inner<'a>(
    code: &Cow<'a, str>,
    msg: Option<Cow<'a, str>>,
) -> Option<Normalized<'a>> {
    let rows = CodeRows::of(code);
    if rows.lookup(Source::Fusion).is_some() {
        return Some(node(rows, Source::Fusion, code.clone(), msg));
    }
    let n: u32 = code.parse().ok()?;
    if !(1_600_000..1_800_000).contains(&n) {
        return None;
    }
    let pns = (n - 1_000_000).to_string();
    let pns_rows = CodeRows::of(&pns);
    if pns_rows.lookup(Source::Pns).is_some() {
        Some(node(pns_rows, Source::Pns, Cow::Owned(pns), msg))
    } else {
        Some(node(rows, Source::Fusion, code.clone(), msg))
    }
}

/// Where a cause came from, to know which fields it used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    Data,
    Inner,
    /// The inner code, and carrier data giving the same code (or nested under it).
    InnerAndData,
    Message,
}

/// The best cause offered so far: the first informative one, else the first at all.
#[derive(Default)]
pub(super) struct Best<'a> {
    pub(super) origin: Option<Origin>,
    pub(super) cause: Option<Box<Normalized<'a>>>,
}

impl<'a> Best<'a> {
    pub(super) fn offer(&mut self, origin: Origin, cause: Option<Box<Normalized<'a>>>) {
        let Some(cause) = cause else { return };
        if self
            .cause
            .as_ref()
            .is_none_or(|cur| !informative(cur) && informative(&cause))
        {
            self.origin = Some(origin);
            self.cause = Some(cause);
        }
    }

    pub(super) fn settled(&self) -> bool {
        self.cause.as_deref().is_some_and(informative)
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::scan::scannable_escaped;
    use proptest::prelude::*;

    /// The check as first written, a byte at a time: the reference for the branch-free one.
    fn scannable_escaped_bytewise(raw: &str) -> bool {
        let b = raw.as_bytes();
        let mut opening = 0;
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'\\' if !matches!(b.get(i + 1), Some(b'"' | b'/' | b'u')) => return false,
                b'{' | b'[' | b'(' => opening += 1,
                _ => {}
            }
        }
        opening == 1
    }

    #[test]
    fn messages_that_may_name_a_code() {
        use super::may_name_code;
        assert!(may_name_code("vendorCode:103911"));
        assert!(may_name_code("{\"result\":-8004}"));
        assert!(may_name_code("剩余次数：3"));
        assert!(may_name_code("错误码："));
        assert!(may_name_code("[CT,(80801)WIFI切换异常]"));
        assert!(!may_name_code("appid不存在"));
        assert!(!may_name_code("网关IP错误 103111"));
        // 业 is E4 B8 9A: the full-width colon's last byte, without the colon.
        assert!(!may_name_code("业务失败"));
        assert!(!may_name_code(""));
        assert!(may_name_code("code=1105"));
        assert!(may_name_code("{7"));
        assert!(!may_name_code("7"));
        assert!(!may_name_code(":={"));
        assert!(may_name_code(
            "PlatformException(TOKEN_ERROR, x, null, null)"
        ));
        assert!(!may_name_code("失败(1)"));
        assert!(!may_name_code("PlatformException"));
    }

    /// The check as first written, a question at a time: the reference for the one-pass one.
    fn may_name_code_plainly(msg: &str) -> bool {
        let digit = msg.chars().any(|c| c.is_ascii_digit());
        let separator = msg.chars().any(|c| matches!(c, ':' | '=' | '{'));
        digit && separator || msg.contains('：') || msg.contains("PlatformException(")
    }

    #[test]
    fn scannable_escaped_examples() {
        assert!(scannable_escaped(
            r#"{\"resultCode\":\"103119\",\"desc\":\"a\/b\u4e0d\"}"#
        ));
        assert!(!scannable_escaped(r#"{\"a\":\"line\nbreak\"}"#));
        assert!(!scannable_escaped(r#"{\"a\":{\"b\":1}}"#));
        assert!(!scannable_escaped(r#"{\"a\":1}\"#));
        assert!(!scannable_escaped(r#"\"a\":1"#));
    }

    proptest! {
        /// Digits and separators alone and together, the full-width colon and a character
        /// that shares its last byte (业), Flutter's print and its parts, other ASCII and CJK
        /// text.
        #[test]
        fn may_name_code_agrees_with_the_plain_check(
            msg in "(PlatformException\\(|PlatformException|[0-9:={：业不a (/]){0,12}"
        ) {
            prop_assert_eq!(super::may_name_code(&msg), may_name_code_plainly(&msg));
        }

        #[test]
        fn scannable_escaped_agrees_with_the_bytewise_check(raw in "[\\\\\"/u{\\[(a}]{0,80}") {
            prop_assert_eq!(scannable_escaped(&raw), scannable_escaped_bytewise(&raw));
        }

        /// Any text, not only the bytes the check looks for: closing brackets, zero, DEL,
        /// two- and three-byte characters.
        #[test]
        fn scannable_escaped_agrees_on_any_text(raw in "[\\\\\"/u{\\[(a}\\]\\x00\\x7f\\x80-\\xff不\\|z|t]{0,80}") {
            prop_assert_eq!(scannable_escaped(&raw), scannable_escaped_bytewise(&raw));
        }
    }
}
