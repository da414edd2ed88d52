//! Ids are the contract of dashboards and exports: serde and strum must spell them the same.

// Some are used only by the tests of the `serde` feature.
#[cfg_attr(not(feature = "serde"), allow(unused_imports))]
use numauth::{
    Action, Actor, AuthOutcome, Carrier, Category, Lang, ParseIdError, Platform, ProvenanceKind,
    Source, Translated,
};
use strum::IntoEnumIterator;

#[cfg(feature = "serde")]
fn check<T>()
where
    T: IntoEnumIterator
        + Copy
        + std::fmt::Debug
        + PartialEq
        + std::fmt::Display
        + std::str::FromStr<Err = ParseIdError>,
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let mut seen = std::collections::HashSet::new();
    for v in T::iter() {
        let id = v.to_string();
        assert!(seen.insert(id.clone()), "{id} twice");
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{id} is not snake_case"
        );
        assert_eq!(
            serde_json::to_value(v).unwrap(),
            serde_json::Value::String(id.clone())
        );
        assert_eq!(
            serde_json::from_value::<T>(serde_json::Value::String(id.clone())).unwrap(),
            v
        );
        assert_eq!(id.parse::<T>().unwrap(), v);
    }
    let err = "Not An Id".parse::<T>().unwrap_err();
    assert_eq!(err.given(), "Not An Id");
    assert_eq!(err.expected().len(), seen.len());
    assert!(err.expected().iter().all(|id| seen.contains(*id)));
}

#[test]
#[cfg(feature = "serde")]
fn serde_and_strum_agree_on_every_id() {
    check::<Action>();
    check::<Actor>();
    check::<AuthOutcome>();
    check::<Carrier>();
    check::<Category>();
    check::<Platform>();
    check::<ProvenanceKind>();
    check::<Source>();
    check::<Translated>();
}

#[test]
fn source_ids_are_the_documented_ones() {
    // The README's source table lists every source, in rank order, with its entry count.
    let readme = include_str!("../README.md");
    let table = readme
        .split("### Sources")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has a Sources section");
    let rows: Vec<(String, usize)> = table
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let id = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((id.to_owned(), cells.get(3)?.parse().ok()?))
        })
        .collect();
    let ids: Vec<String> = Source::iter().map(|s| s.to_string()).collect();
    let documented: Vec<String> = rows.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(documented, ids);
    for (id, count) in rows {
        let source: Source = id.parse().unwrap();
        let n = numauth::entries().filter(|e| e.source() == source).count();
        assert_eq!(n, count, "README count of {id}");
    }
}

#[test]
fn a_bad_source_error_lists_the_valid_ones() {
    let err = "cmc".parse::<Source>().unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("unknown source \"cmc\""), "{msg}");
    assert!(msg.contains("cmcc") && msg.contains("idaas_sdk"), "{msg}");
}

#[test]
#[cfg(feature = "serde")]
fn lang_parses_and_serialises_as_two_letter_ids() {
    assert_eq!("zh".parse::<Lang>().unwrap(), Lang::Zh);
    assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    assert!("fr"
        .parse::<Lang>()
        .unwrap_err()
        .to_string()
        .contains("zh, en"));
}

#[test]
fn languages_by_id_and_by_locale() {
    assert_eq!((Lang::Zh.as_str(), Lang::En.as_str()), ("zh", "en"));
    assert_eq!(Lang::En.to_string(), "en");
    assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
    assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
    let bad = "fr".parse::<Lang>().unwrap_err();
    assert_eq!((bad.kind(), bad.given()), ("language", "fr"));
    assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::Zh));
    assert_eq!(Lang::from_locale("ZH-hant"), Some(Lang::Zh));
    assert_eq!(Lang::from_locale("en_US"), Some(Lang::En));
    assert_eq!(Lang::from_locale("C"), Some(Lang::En));
    assert_eq!(Lang::from_locale("  "), None);
    let source = "cmc".parse::<numauth::Source>().unwrap_err();
    assert_eq!(source.kind(), "source");
}
