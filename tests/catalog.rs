//! The catalog as a whole: coverage of the seeds, counts, uniqueness, the seed errors fixed,
//! and codes whose meaning depends on the source.

use std::collections::{BTreeMap, HashSet};

use numauth::{
    candidates, entries, lookup, lookup_with_msg, provenance_sources, Action, Actor, AuthOutcome,
    Category, Lang, Platform, Source,
};
use strum::IntoEnumIterator;

/// Every code of both seed documents, extracted once into a fixture (tests never read ../shared).
const SEED_CODES: &str = include_str!("fixtures/seed_codes.tsv");

fn seed_rows() -> impl Iterator<Item = (Source, &'static str, &'static str, &'static str)> {
    SEED_CODES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let source = cells[0]
                .parse()
                .unwrap_or_else(|e| panic!("fixture line {line:?}: {e}"));
            (source, cells[1], cells[2], cells[3])
        })
}

#[test]
fn every_seed_code_is_in_the_catalog() {
    let mut checked = 0;
    for (source, code, message, seed) in seed_rows() {
        if message.is_empty() {
            assert!(
                lookup(source, code).is_some(),
                "seed {seed}: {source} {code} is missing"
            );
        } else {
            let entry = lookup_with_msg(source, code, message)
                .unwrap_or_else(|| panic!("seed {seed}: {source} {code} {message:?} is missing"));
            assert!(
                entry.is_message_row(),
                "seed {seed}: {source} {code} {message:?} fell back to the code-only row"
            );
        }
        checked += 1;
    }
    // The fixture itself must not silently shrink.
    assert_eq!(checked, 327);
}

#[test]
fn entry_counts_per_source_are_locked() {
    let mut counts: BTreeMap<Source, usize> = BTreeMap::new();
    for e in entries() {
        *counts.entry(e.source()).or_default() += 1;
    }
    let expected = [
        (Source::Pns, 55),
        (Source::Fusion, 116),
        (Source::Cmcc, 76),
        (Source::Cucc, 150),
        (Source::Ctcc, 119),
        (Source::Dypns, 20),
        (Source::Idaas, 43),
        (Source::IdaasSdk, 6),
        (Source::PnsWeb, 15),
        (Source::PnsHarmony, 14),
        (Source::CuccWeb, 3),
        (Source::Jverify, 62),
        (Source::JverifyServer, 44),
        (Source::Onelogin, 40),
        (Source::OneloginServer, 23),
        (Source::Onepass, 18),
        (Source::Geyan, 7),
        (Source::GeyanError, 23),
        (Source::GeyanH5, 8),
        (Source::GeyanLegacy, 75),
        (Source::Univerify, 22),
        (Source::Shanyan, 24),
        (Source::ShanyanServer, 1),
        (Source::Yidun, 11),
        (Source::YidunQuickpass, 5),
        (Source::Secverify, 18),
        (Source::SecverifyServer, 13),
        (Source::SmsAuth, 12),
        (Source::FlutterAliAuth, 11),
        (Source::FluttercandiesAliAuth, 3),
        (Source::AliyunNumberAuth, 14),
        (Source::ReactNativeAliOnepass, 1),
    ];
    for (source, n) in expected {
        assert_eq!(
            counts.get(&source).copied().unwrap_or(0),
            n,
            "entries of {source}"
        );
    }
    assert_eq!(
        counts.len(),
        Source::iter().count(),
        "every source has entries"
    );
    assert_eq!(
        entries().len(),
        expected.iter().map(|(_, n)| n).sum::<usize>()
    );
}

#[test]
fn no_two_entries_share_a_key() {
    let mut seen = HashSet::new();
    for e in entries() {
        // A code's rows per platform (the vendor's docs disagree by platform) are told apart
        // by their platforms, which must not overlap.
        let all: Vec<Platform> = Platform::iter().collect();
        let platforms = if e.platforms().is_empty() {
            &all[..]
        } else {
            e.platforms()
        };
        for &platform in platforms {
            let key = (
                e.source(),
                e.code(),
                e.match_text(Lang::Zh),
                e.match_text(Lang::En),
                platform,
            );
            assert!(seen.insert(key), "duplicate entry {e} on {platform}");
        }
    }
}

#[test]
fn every_entry_has_both_languages_and_provenance() {
    for e in entries() {
        for lang in Lang::ALL {
            assert!(
                !e.message(lang).trim().is_empty(),
                "{e}: empty {lang} message"
            );
            if let Some(s) = e.suggestion(lang) {
                assert!(!s.trim().is_empty(), "{e}: empty {lang} suggestion");
            }
        }
        assert!(!e.provenance().is_empty(), "{e}: no provenance");
    }
}

/// Message templates with `{0}`-style placeholders are IDaaS's alone: the normaliser fills
/// them only for IDaaS rows (a row of another source with a template would need that changed).
#[test]
fn only_idaas_messages_are_templates() {
    let templates: Vec<_> = entries()
        .filter(|e| Lang::ALL.iter().any(|&l| e.message(l).contains("{0}")))
        .collect();
    assert!(templates.len() > 5, "{} templates", templates.len());
    for e in templates {
        assert_eq!(e.source(), Source::Idaas, "{e}");
    }
}

#[test]
fn lookup_finds_every_entry_under_its_own_key() {
    for e in entries() {
        match e.match_text(Lang::Zh).or(e.match_text(Lang::En)) {
            Some(message) => assert_eq!(
                lookup_with_msg(e.source(), e.code(), message),
                Some(e),
                "{e} does not resolve to itself"
            ),
            None => {
                for &platform in e.platforms() {
                    let found = numauth::lookup_on(e.source(), e.code(), platform);
                    assert_eq!(
                        found,
                        Some(e),
                        "{e} on {platform} does not resolve to itself"
                    );
                }
                // Without a platform, a code's first row answers.
                let first = entries().find(|f| f.source() == e.source() && f.code() == e.code());
                assert_eq!(lookup(e.source(), e.code()), first, "{e}");
            }
        }
    }
}

#[test]
fn seed_errors_are_fixed() {
    // Seed 004 lists fusion 400007 as 获取Token成功; the SDK headers and the page say 失败.
    let e = lookup(Source::Fusion, "400007").unwrap();
    assert_eq!(e.category(), Category::Failure);
    assert!(
        e.message(Lang::Zh).contains("失败"),
        "{}",
        e.message(Lang::Zh)
    );

    // The seed's second 410011 is 410012 (privacy pop-up agreement click).
    let first = lookup(Source::Fusion, "410011").unwrap();
    let second = lookup(Source::Fusion, "410012").expect("410012 exists");
    assert_ne!(first.message(Lang::Zh), second.message(Lang::Zh));
    assert!(
        second.message(Lang::Zh).contains("弹窗"),
        "{}",
        second.message(Lang::Zh)
    );

    // The seed's second 610003 is 610004 (back button on the upstream-SMS page).
    let sent = lookup(Source::Fusion, "610003").unwrap();
    let back = lookup(Source::Fusion, "610004").expect("610004 exists");
    assert!(sent.message(Lang::Zh).contains("我已发送"));
    assert!(back.message(Lang::Zh).contains("返回"));
}

#[test]
fn sample_codes_resolve_to_the_chosen_outcome() {
    use AuthOutcome as O;
    let samples = [
        (Source::Pns, "600000", O::Success),
        (Source::Pns, "600001", O::AuthPageShown),
        (Source::Pns, "600007", O::NoSimCard),
        (Source::Pns, "600008", O::MobileDataDisabled),
        (Source::Pns, "600011", O::TokenFailed),
        (Source::Pns, "600015", O::Timeout),
        (Source::Pns, "600018", O::NumberBlocked),
        (Source::Pns, "600021", O::CarrierSwitched),
        (Source::Pns, "600024", O::EnvironmentReady),
        (Source::Pns, "700000", O::UserCancelled),
        (Source::Pns, "700001", O::UserSwitchedMethod),
        (Source::Pns, "700002", O::UiEvent),
        (Source::Fusion, "400007", O::TokenFailed),
        (Source::Fusion, "1600011", O::TokenFailed),
        (Source::Fusion, "700002", O::RiskDetected),
        (Source::Cmcc, "103000", O::Success),
        (Source::Cmcc, "103119", O::InvalidConfiguration),
        (Source::Cmcc, "200020", O::UserCancelled),
        (Source::Cmcc, "200087", O::AuthPageShown),
        (Source::Cucc, "0", O::Success),
        (Source::Cucc, "410004", O::MobileDataDisabled),
        (Source::Ctcc, "0", O::Success),
        (Source::Ctcc, "-8004", O::MobileDataDisabled),
        (Source::Ctcc, "-64", O::InvalidConfiguration),
        (Source::Ctcc, "80800", O::NetworkSwitchFailed),
        (Source::Dypns, "OK", O::Success),
        (Source::Dypns, "isv.TOKEN_INVALID", O::TokenInvalid),
        (Source::Idaas, "IDAAS.SDK.LOGIN.1003", O::AccountLocked),
        (Source::Idaas, "IDAAS.SDK.LOGIN.1005", O::InvalidCredentials),
        (Source::IdaasSdk, "0", O::Success),
        (Source::IdaasSdk, "106", O::TokenInvalid),
        (Source::PnsWeb, "600004", O::InvalidConfiguration),
        (Source::PnsHarmony, "600007", O::NoSimCard),
        (Source::CuccWeb, "100", O::InvalidRequest),
    ];
    for (source, code, outcome) in samples {
        let e = lookup(source, code).unwrap_or_else(|| panic!("{source} {code} missing"));
        assert_eq!(
            e.outcome(),
            outcome,
            "{source} {code}: {}",
            e.message(Lang::En)
        );
    }
}

#[test]
fn unicom_message_rows_match_after_nfkc() {
    let plain = lookup_with_msg(Source::Cucc, "1", "获得的手机授权码失败").unwrap();
    assert!(plain.is_message_row());
    // U+2F3F KANGXI RADICAL HAND in place of 手, as some vendor strings carry it.
    let radical = lookup_with_msg(Source::Cucc, "1", "获得的\u{2F3F}机授权码失败").unwrap();
    assert_eq!(radical, plain);
    // English messages ignore case; surrounding text does not matter.
    let timeout = lookup_with_msg(Source::Cucc, "1", "error: REQUEST TIMEOUT (3s)").unwrap();
    assert_eq!(timeout.outcome(), AuthOutcome::Timeout);
    // An unknown message falls back to the code-only row, which is not a message row.
    // iOS's NSURLError text in either language reads as the same network error.
    for offline in [
        "似乎已断开与互联网的连接。",
        "The Internet connection appears to be offline.",
    ] {
        let e = lookup_with_msg(Source::Cucc, "1", offline).unwrap();
        assert_eq!(e.outcome(), numauth::AuthOutcome::NetworkError, "{offline}");
    }
    let generic = lookup_with_msg(Source::Cucc, "1", "something new").unwrap();
    assert!(!generic.is_message_row());
    assert_eq!(Some(generic), lookup(Source::Cucc, "1"));
    // A message holding two rows' texts: the longer text wins (网络请求失败 over 请求超时);
    // of two as long, the first in the table (connect error before response null).
    let both = lookup_with_msg(Source::Cucc, "1", "请求超时，网络请求失败").unwrap();
    assert_eq!(both.match_text(numauth::Lang::Zh), Some("网络请求失败"));
    let tie = lookup_with_msg(Source::Cucc, "1", "response null; connect error").unwrap();
    assert_eq!(tie.match_text(numauth::Lang::En), Some("connect error"));
}

#[test]
fn the_same_number_means_different_things_per_source() {
    for (code, a, b) in [
        ("600001", Source::Pns, Source::Fusion),
        ("700001", Source::Pns, Source::Fusion),
        ("-10008", Source::Cucc, Source::Ctcc),
        ("410009", Source::Fusion, Source::Cucc),
        ("100", Source::Cucc, Source::CuccWeb),
    ] {
        let (ea, eb) = (lookup(a, code).unwrap(), lookup(b, code).unwrap());
        assert_ne!(ea.outcome(), eb.outcome(), "{code}: {a} and {b}");
        assert_ne!(
            ea.message(Lang::Zh),
            eb.message(Lang::Zh),
            "{code}: {a} and {b}"
        );
        let sources: Vec<Source> = candidates(code).map(|e| e.source()).collect();
        assert!(
            sources.contains(&a) && sources.contains(&b),
            "{code}: candidates {sources:?}"
        );
        // Highest-ranked source first.
        assert!(
            sources.windows(2).all(|w| w[0] <= w[1]),
            "{code}: candidates out of rank order"
        );
    }
}

#[test]
fn outcomes_are_coherent_with_their_category() {
    for o in AuthOutcome::iter() {
        match o.category() {
            Category::Success => {
                assert_eq!(
                    (o.actor(), o.action(), o.retryable()),
                    (Actor::None, Action::None, false),
                    "{o}"
                )
            }
            Category::Progress => assert_eq!(o.action(), Action::WaitForNextEvent, "{o}"),
            Category::Cancelled => assert_eq!(o.actor(), Actor::User, "{o}"),
            Category::Failure => assert!(
                !matches!(o.action(), Action::None | Action::WaitForNextEvent),
                "{o}"
            ),
        }
        for lang in Lang::ALL {
            assert!(
                !o.title(lang).is_empty() && !o.user_text(lang).is_empty(),
                "{o} {lang}"
            );
        }
    }
}

#[test]
fn every_provenance_source_is_used_or_documented() {
    let used: HashSet<&str> = entries()
        .flat_map(|e| e.provenance().iter().map(|p| p.id()))
        .collect();
    for p in provenance_sources() {
        assert!(
            !p.title().is_empty() && !p.location().is_empty(),
            "{}",
            p.id()
        );
    }
    // Each seed is a provenance of some rows.
    assert!(used.contains("SEED000") && used.contains("SEED004"));
}

/// Where a source keeps one row per platform, the message picks the row whose text it holds,
/// blanks and case aside; the longest text wins, since Android's 2018 text is the start of
/// iOS's. Without such a text, the first row (the official one).
#[test]
fn the_message_picks_a_row_per_platform() {
    use numauth::{lookup_with_msg, Platform};
    let platforms = |source, code, msg| {
        lookup_with_msg(source, code, msg)
            .map(|e| e.platforms().to_vec())
            .unwrap_or_default()
    };
    let ios = "Local unsupported operator,operator sdk don't exist";
    assert_eq!(platforms(Source::Jverify, "2018", ios), [Platform::Ios]);
    let android = "LOCAL UNSUPPORTED OPERATOR";
    assert_eq!(
        platforms(Source::Jverify, "2018", android),
        [Platform::Android]
    );
    assert_eq!(
        platforms(Source::Jverify, "2018", "本地不支持的运营商"),
        [Platform::Android]
    );
    assert_eq!(platforms(Source::Jverify, "2018", "x"), [Platform::Ios]);
    assert_eq!(
        platforms(Source::FlutterAliAuth, "500001", "请先对插件进行监听"),
        [Platform::Android]
    );
    assert_eq!(
        platforms(Source::FlutterAliAuth, "500001", "密钥不能为空"),
        [Platform::Ios]
    );
    // Both rows' texts: the longer wins, wherever its row is.
    assert_eq!(
        platforms(
            Source::FlutterAliAuth,
            "500001",
            "密钥不能为空，请先对插件进行监听"
        ),
        [Platform::Android]
    );
}
