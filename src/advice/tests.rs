//! Unit tests of the advice rules' matching and tables.

use super::*;

/// A rule that names every condition but a carrier, a message and a field.
fn full_rule() -> Rule {
    Rule {
        code: (Source::Pns, "600004"),
        inner: Some((Source::Cucc, "102")),
        platform: Some(Platform::Ios),
        carrier: None,
        message: None,
        field: None,
        os_version: Some((true, [16, 4, 0, 0])),
        sdk_version: Some((false, [2, 12, 14, 0])),
        advice: Advice {
            id: Cow::Borrowed("t"),
            zh: Cow::Borrowed(""),
            en: Cow::Borrowed(""),
            actor: Actor::Developer,
            action: Action::UpgradeSdk,
            provenance: Cow::Borrowed(&[]),
        },
    }
}

#[test]
fn a_rule_counts_each_condition_the_caller_confirmed() {
    let full = full_rule();
    let v = |s: &str| s.parse::<Version>().ok();
    let all = Hint {
        platform: Some(Platform::Ios),
        os_version: v("17"),
        sdk_version: v("2.12"),
        ..Hint::default()
    };
    assert_eq!(specificity(&full, &all), 4);
    assert_eq!(
        specificity(&full, &Hint::default()),
        1,
        "the inner code alone"
    );
    let platform_only = Hint {
        platform: Some(Platform::Ios),
        ..Hint::default()
    };
    assert_eq!(specificity(&full, &platform_only), 2);
    let os_only = Hint {
        os_version: v("17"),
        ..Hint::default()
    };
    assert_eq!(specificity(&full, &os_only), 2);
    let sdk_only = Hint {
        sdk_version: v("2.12"),
        ..Hint::default()
    };
    assert_eq!(specificity(&full, &sdk_only), 2);
    let bare = Rule {
        inner: None,
        platform: None,
        os_version: None,
        sdk_version: None,
        ..full
    };
    assert_eq!(
        specificity(&bare, &all),
        0,
        "the caller's facts confirm nothing"
    );
}

#[test]
fn the_payload_confirms_a_rules_carrier_message_and_field() {
    let bare = Rule {
        inner: None,
        platform: None,
        os_version: None,
        sdk_version: None,
        ..full_rule()
    };
    let named = Rule {
        carrier: Some(Carrier::Cmcc),
        message: Some("网络异常"),
        ..bare
    };
    assert_eq!(
        specificity(&named, &Hint::default()),
        2,
        "the payload confirms its carrier and its message"
    );
    let carrier_only = Rule {
        message: None,
        ..named
    };
    assert_eq!(specificity(&carrier_only, &Hint::default()), 1);
    let field = Rule {
        field: Some(("isChecked", &["0"])),
        ..carrier_only
    };
    assert_eq!(
        specificity(&field, &Hint::default()),
        2,
        "the payload confirms its field too"
    );
}

/// The words only filter (equal codes have equal words whatever the function), so what is
/// tested is that they filter: codes that differ in source, length, first or last byte.
#[test]
fn code_words_tell_codes_apart_by_source_length_and_ends() {
    let base = code_word(Source::Pns, "600011");
    assert_eq!(base, code_word(Source::Pns, "600011"));
    for (source, code) in [
        (Source::Cmcc, "600011"),
        (Source::Pns, "60001"),
        (Source::Pns, "500011"),
        (Source::Pns, "600012"),
        (Source::Pns, ""),
    ] {
        assert_ne!(base, code_word(source, code), "{source} {code}");
    }
    // Each rule is found by its own code's word, with exactly the rules that share it.
    for rule in &ADVICE_RULES {
        let word = code_word(rule.code.0, rule.code.1);
        let same: u64 = ADVICE_RULES
            .iter()
            .enumerate()
            .filter(|(_, r)| code_word(r.code.0, r.code.1) == word)
            .map(|(j, _)| 1 << j)
            .sum();
        assert_eq!(rules_with_word(word), same, "{}", rule.advice.id);
    }
    assert_eq!(rules_with_word(code_word(Source::Pns, "999999")), 0);
    // The rules' words start apart: a search rarely takes more than its first slot.
    for rule in &ADVICE_RULES {
        let word = code_word(rule.code.0, rule.code.1);
        let probes = (0..SLOTS)
            .position(|k| RULES_BY_WORD[(first_slot(word) + k) % SLOTS].0 == word)
            .unwrap();
        assert!(
            probes <= 2,
            "{}: {probes} slots past its first",
            rule.advice.id
        );
    }
}

/// Words that start at the same slot, and one that starts where the first of them sits
/// after wrapping: each is found past the others, and a word not in the table is not.
#[test]
fn a_table_finds_words_that_start_at_the_same_slot() {
    // Among the first million words, every slot is the first of thousands.
    let mut clash = (1..1u32 << 20).filter(|w| first_slot(*w) == SLOTS - 1);
    let (a, b, c) = (
        clash.next().unwrap(),
        clash.next().unwrap(),
        clash.next().unwrap(),
    );
    let wrapped = (1..1u32 << 20).find(|w| first_slot(*w) == 0).unwrap();
    let table = table_of(&[a, b, a, wrapped, c]);
    assert_eq!(table[SLOTS - 1], (a, 0b101));
    assert_eq!(table[0], (b, 0b10), "b wraps to slot 0");
    assert_eq!(bits_of(&table, a), 0b101);
    assert_eq!(bits_of(&table, b), 0b10);
    assert_eq!(bits_of(&table, wrapped), 0b1000);
    assert_eq!(bits_of(&table, c), 0b10000);
    let absent = clash.next().unwrap();
    assert_eq!(bits_of(&table, absent), 0);
    assert_eq!(bits_of(&table_of(&[]), a), 0);
    // A table with no free slot (never built: at most 64 words in 128 slots) still ends.
    assert_eq!(bits_of(&[(absent, 1); SLOTS], a), 0);
}

/// Two codes of the chain with the same word (PNS `600008` over `600018`): the rules of the
/// word are kept, not cancelled.
#[test]
fn codes_of_one_word_in_a_chain_keep_their_rules() {
    assert_eq!(
        code_word(Source::Pns, "600008"),
        code_word(Source::Pns, "600018")
    );
    let n = Normalized::from_code(Source::Pns, "600008")
        .with_root_cause(Normalized::from_code(Source::Pns, "600018"));
    let advice = advise(&n, &Hint::default()).unwrap();
    assert_eq!(advice.id, "mobile_data_with_wifi");
}

#[test]
fn versions_compare_part_by_part() {
    let v = |s: &str| s.parse::<Version>().unwrap();
    assert!(v("2.12.14") > v("2.12.9"));
    assert!(v("16.4") >= v("16.4.0"));
    assert_eq!(v("v2.13"), v("2.13.0"));
    assert!("1.2.3.4.5".parse::<Version>().is_err());
    assert!(holds(Some((true, [16, 4, 0, 0])), Some(v("17"))));
    assert!(!holds(Some((false, [2, 12, 14, 0])), Some(v("2.12.14"))));
    assert!(
        holds(Some((false, [2, 12, 14, 0])), None),
        "unknown: the text names the condition"
    );
}
