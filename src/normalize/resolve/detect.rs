//! Which namespace a code is read in: at the top, from the keys and the catalog; underneath,
//! from the carrier named and the tables that know the code.

use super::*;

pub(super) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

pub(super) fn pns_for(platform: Option<Platform>) -> Source {
    match platform {
        Some(Platform::Web) => Source::PnsWeb,
        Some(Platform::Harmony) => Source::PnsHarmony,
        _ => Source::Pns,
    }
}

pub(super) fn carrier_mark(marks: &Marks, code_key: CodeKey) -> Option<Source> {
    if marks.telecom || code_key == CodeKey::Result {
        Some(Source::Ctcc)
    } else if marks.unicom {
        Some(Source::Cucc)
    } else if marks.mobile {
        Some(Source::Cmcc)
    } else {
        None
    }
}

/// The namespace the caller's hint names for a code: its source, or, for a plugin's source
/// whose table lacks the code, the PNS SDK the plugin passes it through from (`wraps:` in
/// `data/sources.yaml`): the platform's PNS if it knows the code, else the app PNS if it does
/// (the HarmonyOS and H5 tables are short), else the platform's. `None` without a source.
pub(super) fn hinted(hint: &Hint, rows: CodeRows) -> Option<Source> {
    let named = hint.source?;
    if named.wraps().is_none() || rows.known_in(named) {
        return Some(named);
    }
    let platform_pns = pns_for(hint.platform);
    let app_pns = Some(Source::Pns).filter(|&p| !rows.known_in(platform_pns) && rows.known_in(p));
    Some(app_pns.unwrap_or(platform_pns))
}

/// The source of a top-level code: the hint's ([`hinted`]), else what [`detect`] reads. Named,
/// an SDK that passes the carriers' codes through (`wraps: carriers`) has a code its table
/// lacks read as detection reads it, when that is a carrier that knows it.
pub(super) fn top_source(p: &Parts<'_>, hint: &Hint, rows: CodeRows) -> Source {
    match hinted(hint, rows) {
        Some(s) if s.wraps_carriers() && !rows.known_in(s) => {
            let d = detect(p, rows, hint.platform);
            match Carrier::from_source(d).is_some() && rows.known_in(d) {
                true => d,
                false => s,
            }
        }
        Some(s) => s,
        None => detect(p, rows, hint.platform),
    }
}

/// The source of a top-level code: what the keys say, among the sources that know the code;
/// the best-ranked of those; or, for a code known nowhere, a guess from the keys and its form.
pub(super) fn detect(p: &Parts<'_>, rows: CodeRows, platform: Option<Platform>) -> Source {
    let code = p.code.as_ref();
    if starts_with_ci(code, "IDAAS.") {
        return Source::Idaas;
    }
    let knows = |s: &Source| rows.known_in(*s);
    let marks = &p.marks;
    if marks.tea {
        return Source::Dypns;
    }
    let preferred = if marks.fusion {
        Some(Source::Fusion)
    } else if marks.says_pns() {
        Some(pns_for(platform))
    } else if marks.token_data || (marks.data_text && p.msg.is_none()) {
        Some(Source::IdaasSdk)
    } else if let Some(c) = carrier_mark(marks, p.code_key) {
        Some(c)
    } else if marks.capital_code {
        Some(Source::Dypns)
    } else {
        marks.vendor
    };
    if let Some(s) = preferred.filter(knows) {
        return told_over_keys(s, p, rows);
    }
    // A carrier's own keys make the code the carrier's, known or not: another vendor's
    // reading of the number is no reading of it (China Unicom's `resultMsg` and a 10000 only
    // China Telecom and Getui's old SDK have). The Alibaba SDKs' own codes are the exception:
    // theirs is the default namespace, and their callbacks reuse the carriers' key names
    // (`{"code":"600011","reqId":...}`).
    if let Some(s) = preferred.filter(|s| Carrier::from_source(*s).is_some()) {
        let alibaba = |f: &Source| {
            matches!(
                f,
                Source::Pns | Source::PnsWeb | Source::PnsHarmony | Source::Fusion
            )
        };
        return by_number(rows, Carrier::from_source(s), p.msg.as_deref())
            .filter(alibaba)
            .unwrap_or(s);
    }
    // An inner code standing in for a missing code (Shanyan's Android log prints its code apart,
    // JVerification's brackets name their carrier) is the named carrier's, known or not; else a
    // carrier's when exactly one carrier knows it; a code several know (`0`) names none.
    if p.code_key == CodeKey::Inner {
        if let Some(c) = p.carrier {
            return carrier_namespace(c, rows, p.msg.as_deref());
        }
        let mut carriers = rows
            .entries()
            .map(Entry::source)
            .filter(|s| Carrier::from_source(*s).is_some());
        if let (Some(s), None) = (carriers.next(), carriers.next()) {
            return s;
        }
    }
    let platform_pns = pns_for(platform);
    if platform_pns != Source::Pns && knows(&platform_pns) {
        return platform_pns;
    }
    // A carrier named, or whose keys are there (China Telecom's `result` key alone is too
    // common a word to rule the other tables out; it still makes China Telecom the fallback).
    let pointed = p
        .carrier
        .or_else(|| carrier_mark(marks, CodeKey::Named).and_then(Carrier::from_source));
    if let Some(s) = by_number(rows, pointed, p.msg.as_deref()) {
        return s;
    }
    preferred.unwrap_or_else(|| guess(code, platform))
}

/// The source of a top-level code whose keys name no source that knows it: the best-ranked
/// source that does, with two exceptions that keep a number from blaming a carrier. A carrier
/// the payload points at (by name or keys) rules out the other carriers' tables (China
/// Unicom's `{"resultCode":10000,"resultMsg":...}` is not China Telecom's 10000). And when
/// nothing points at a carrier, a carrier's reading is taken only if no other source reads
/// the number differently (`-10008`: China Unicom's JSON failure, China Telecom's rate limit)
/// or the carrier's message rows recognise the message (China Unicom's `1` + 请求超时), or
/// the message gives one source's meaning: else the code is known nowhere, blamed on no
/// carrier ([`guess`]).
fn by_number(rows: CodeRows, pointed: Option<Carrier>, msg: Option<&str>) -> Option<Source> {
    let mut sources = rows.entries().filter(|e| {
        Carrier::from_source(e.source()).is_none_or(|c| pointed.is_none_or(|p| p == c))
    });
    let first = sources.next()?;
    let source = first.source();
    if pointed.is_some() || Carrier::from_source(source).is_none() {
        // A message that gives another source's meaning of the number, one with another
        // outcome, and not this one's, names that source (`600032` 业务类型错误 is the H5
        // SDK's, not the app SDK's clock; `600016` 预取号成功 the Flutter plugins' pre-fetch,
        // not the SMS SDK's rate limit).
        let outcome = first.outcome();
        let mut others = sources
            .filter(|e| e.outcome() != outcome)
            .map(Entry::source)
            .peekable();
        // Most numbers have no other reading: no message to normalise for them.
        if others.peek().is_none() {
            return Some(source);
        }
        let msg = msg
            .map(crate::catalog::nfkc)
            .filter(|m| !gives(rows, source, m));
        let other = msg.and_then(|m| told_apart(others, rows, &m));
        return Some(other.unwrap_or(source));
    }
    let outcome = first.outcome();
    let contested = sources.any(|e| e.source() != source && e.outcome() != outcome);
    let by_message = || msg.and_then(|m| rows.matched(source, m)).is_some();
    if !contested || by_message() {
        return Some(source);
    }
    // Contested: a message that gives one official source's meaning names it (Shanyan's 1000
    // 获取token成功, not China Unicom's unparsable request).
    let msg = msg.map(crate::catalog::nfkc)?;
    let official = rows.entries().filter(|e| e.source().wraps().is_none());
    told_apart(official.map(Entry::source), rows, &msg)
}

/// The source of a code whose keys point at carrier `s` that knows it, or at another vendor
/// `s` by a key ([`Marks::vendor`]): `s`, unless the message gives one other source's meaning
/// and not `s`'s (and, for a carrier, no carrier is named). The fusion SDK's events carry China
/// Unicom's key names (`resultCode`, `resultMsg`), and its `410010` 一键登录点击返回按钮 is a
/// tap on Back, not China Unicom's HTTP failure; Getui's `errorCode` object carries OneLogin's `processId`, and
/// its `-20102` appid无效或者签名无效 is Getui's bad app id, not OneLogin's missing pre-fetch
/// (a red-team find).
fn told_over_keys(s: Source, p: &Parts<'_>, rows: CodeRows) -> Source {
    let other = |e: &Entry| e.source() != s;
    // (A carrier named confirms a carrier's keys; it says nothing of a vendor's.)
    let carrier_keys = Carrier::from_source(s).is_some() && p.carrier.is_none();
    if !(carrier_keys || p.marks.vendor == Some(s)) || !rows.entries().any(&other) {
        return s;
    }
    let Some(msg) = p.msg.as_deref().map(crate::catalog::nfkc) else {
        return s;
    };
    if gives(rows, s, &msg) {
        return s;
    }
    let others = rows.entries().filter(|e| other(e)).map(Entry::source);
    told_apart(others, rows, &msg).unwrap_or(s)
}

/// A guess for a code no source knows, from its form.
pub(super) fn guess(code: &str, platform: Option<Platform>) -> Source {
    // Dypnsapi's codes are words (`isv.TOKEN_INVALID`, `Throttling.System`, `OK`); a number
    // with a fraction or an exponent (`6.00011e5`, kept as sent) is none.
    let number = crate::normalize::extra::is_json_literal(code);
    let word = code.contains('.') || code.bytes().next().is_some_and(|c| c.is_ascii_alphabetic());
    if word && !number {
        Source::Dypns
    } else if fields::is_fusion_inner(code) {
        Source::Fusion
    } else {
        // Not even a negative number is blamed on China Telecom without a sign of it.
        pns_for(platform)
    }
}

/// The namespace of a code from carrier `c`: its SDK's, or China Unicom's web gateway's for a
/// code only that one knows. (A code row in the SDK's table settles it without matching the
/// message against China Unicom's `1` + message rows, which the node does once more.)
fn carrier_namespace(c: Carrier, rows: CodeRows, msg: Option<&str>) -> Source {
    let s = c.source();
    if c == Carrier::Cucc
        && rows.lookup(s).is_none()
        && rows.lookup(Source::CuccWeb).is_some()
        && rows.find(s, msg).is_none()
    {
        Source::CuccWeb
    } else {
        s
    }
}

/// The namespace of a code found underneath a callback: the carrier named by the vendor alias;
/// else the carrier that knows the code (the keys breaking ties); else PNS when only PNS knows
/// it (a one-tap code inside fusion); else the carrier the keys point at; else the namespace
/// above it (`parent`), unknown, rather than a carrier by guesswork.
pub(super) fn inner_source(
    code: &str,
    rows: CodeRows,
    msg: Option<&str>,
    alias: Option<Carrier>,
    marks: &Marks,
    code_key: CodeKey,
    parent: Source,
) -> Source {
    // An OpenAPI SDK's exception text underneath (`code: 400, … request id: …`): the server's.
    if marks.tea {
        return Source::Dypns;
    }
    if let Some(c) = alias {
        return carrier_namespace(c, rows, msg);
    }
    let known = rows
        .entries()
        .map(Entry::source)
        .filter(|s| Carrier::from_source(*s).is_some());
    let preferred =
        carrier_mark(marks, code_key).or(matches!(code, "1" | "2").then_some(Source::Cucc));
    if let Some(s) = preferred.filter(|s| known.clone().any(|k| k == *s)) {
        return s;
    }
    // Another carrier's table is no reading of a code the keys say is this carrier's.
    if preferred.is_none() {
        if let Some(s) = one_carrier(known.clone(), rows, msg) {
            return s;
        }
    }
    if rows.lookup(Source::Pns).is_some() {
        return Source::Pns;
    }
    // A code no table knows is kept in the namespace above it, and blamed on no carrier
    // that the payload did not name (by an alias or by its keys).
    preferred.unwrap_or(parent)
}

/// The carrier table a code is read in when no carrier is named: the one table that knows it;
/// of several (China Telecom's `-10008` 超过预设取号阈值 is China Unicom's JSON转换失败), the
/// one whose meaning the message gives. `None` when the message gives none of theirs, or
/// several: the payload does not say which carrier it is, and a guess would blame one.
fn one_carrier(
    mut known: impl Iterator<Item = Source> + Clone,
    rows: CodeRows,
    msg: Option<&str>,
) -> Option<Source> {
    let first = known.next()?;
    // A source's rows of a code are consecutive: another source is the next that differs.
    if known.clone().all(|s| s == first) {
        return Some(first);
    }
    let msg = msg.map(crate::catalog::nfkc)?;
    told_apart(std::iter::once(first).chain(known), rows, &msg)
}

/// Of `sources` that know the code (a source may come once per row), the one whose meaning
/// `msg` gives ([`gives`]), when exactly one does; or the first of several that give one
/// meaning (the two Flutter plugins' `600016` 预取号成功), unless they are carriers: a
/// message both carriers' tables give blames neither.
fn told_apart(sources: impl Iterator<Item = Source>, rows: CodeRows, msg: &str) -> Option<Source> {
    let mut told = sources.filter(|&s| gives(rows, s, msg));
    let s = told.next()?;
    let outcome = |s: Source| rows.lookup(s).map(Entry::outcome);
    let carrier = Carrier::from_source(s).is_some();
    told.all(|t| {
        t == s || (!carrier && Carrier::from_source(t).is_none() && outcome(t) == outcome(s))
    })
    .then_some(s)
}

/// Whether the message (NFKC-normalised) gives the code's meaning in `s`: a row keyed by the
/// message, or a code row's zh text (NFKC-normalised too) within it or it within the row's
/// text (蜂窝网络未开启 of 蜂窝网络未开启或不稳定), ASCII case aside. A text under four characters (成功, 失败) tells no two meanings apart.
fn gives(rows: CodeRows, s: Source, msg: &str) -> bool {
    let long = |t: &str| t.chars().nth(3).is_some();
    // ASCII case aside, as message rows match (`css属性不合规` is CSS属性不合规).
    let within = crate::normalize::keys::contains_ci;
    // Any of its code rows: a row per platform is a meaning too (a plugin's 500001). In the
    // message's form: `校验成功，可进行一键登录` is within `校验成功,可进行一键登录!`.
    rows.matched(s, msg).is_some()
        || rows
            .code_meanings(s)
            .any(|zh| (long(zh) && within(msg, zh)) || (long(msg) && within(zh, msg)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code no table knows is guessed from its form: words are Dypnsapi's, seven digits from
    /// 16 or 17 fusion's one-tap codes, any other number the caller's PNS SDK's.
    #[test]
    fn unknown_codes_are_guessed_by_form() {
        assert_eq!(guess("Throttling.User", None), Source::Dypns);
        assert_eq!(guess("v1.2", None), Source::Dypns);
        assert_eq!(guess("1.2", None), Source::Pns);
        assert_eq!(guess("6.00011e5", None), Source::Pns);
        assert_eq!(guess("Unknown", None), Source::Dypns);
        assert_eq!(guess("1699999", None), Source::Fusion);
        assert_eq!(guess("1799999", None), Source::Fusion);
        assert_eq!(guess("1899999", None), Source::Pns);
        assert_eq!(guess("-8004", None), Source::Pns);
        assert_eq!(guess("-8004", Some(Platform::Harmony)), Source::PnsHarmony);
        assert_eq!(guess("999", Some(Platform::Web)), Source::PnsWeb);
    }

    /// A message that gives several sources' meanings tells one apart only when they mean
    /// the same (the two Flutter plugins' 预取号成功), never two different readings.
    #[test]
    fn a_message_tells_apart_only_one_meaning() {
        let rows = CodeRows::of("600016");
        let sources = [
            Source::SmsAuth,
            Source::FlutterAliAuth,
            Source::FluttercandiesAliAuth,
        ];
        let told = |msg: &str| told_apart(sources.into_iter(), rows, msg);
        assert_eq!(told("预取号成功"), Some(Source::FlutterAliAuth));
        assert_eq!(told("验证码发送频次超出限制"), Some(Source::SmsAuth));
        // Both meanings: the rate limit and the pre-fetch are no one reading.
        assert_eq!(told("预取号成功，验证码发送频次超出限制"), None);
        assert_eq!(told("x"), None);
    }
}
