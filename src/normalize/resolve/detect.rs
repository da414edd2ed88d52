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
    } else if marks.pns {
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
        return s;
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
    if let Some(first) = rows.entries().next() {
        return first.source();
    }
    preferred.unwrap_or_else(|| guess(code, platform))
}

/// A guess for a code no source knows, from its form.
pub(super) fn guess(code: &str, platform: Option<Platform>) -> Source {
    // Dypnsapi's codes are words (`isv.TOKEN_INVALID`, `Throttling.System`, `OK`).
    if code.contains('.') || code.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()) {
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
    if let Some(first) = known.clone().next() {
        return first;
    }
    if rows.lookup(Source::Pns).is_some() {
        return Source::Pns;
    }
    // A code no table knows is kept in the namespace above it, and blamed on no carrier
    // that the payload did not name (by an alias or by its keys).
    preferred.unwrap_or(parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code no table knows is guessed from its form: words are Dypnsapi's, seven digits from
    /// 16 or 17 fusion's one-tap codes, any other number the caller's PNS SDK's.
    #[test]
    fn unknown_codes_are_guessed_by_form() {
        assert_eq!(guess("Throttling.User", None), Source::Dypns);
        assert_eq!(guess("1.2", None), Source::Dypns);
        assert_eq!(guess("Unknown", None), Source::Dypns);
        assert_eq!(guess("1699999", None), Source::Fusion);
        assert_eq!(guess("1799999", None), Source::Fusion);
        assert_eq!(guess("1899999", None), Source::Pns);
        assert_eq!(guess("-8004", None), Source::Pns);
        assert_eq!(guess("-8004", Some(Platform::Harmony)), Source::PnsHarmony);
        assert_eq!(guess("999", Some(Platform::Web)), Source::PnsWeb);
    }
}
