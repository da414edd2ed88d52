//! Small text helpers shared by validation and generation.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

/// The form a `match` text is compared in: NFKC (vendor strings carry look-alikes such as the
/// Kangxi radical U+2F40 for 支), trimmed, ASCII letters lower-cased. The library normalises a
/// callback's message the same way before looking for this key in it.
pub fn match_key(text: &str) -> String {
    let mut key: String = text.nfkc().collect();
    key.make_ascii_lowercase();
    key.trim().to_owned()
}

/// The `{0}`, `{1}` ... placeholders of a template.
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let tail = &rest[start..];
        match tail.find('}') {
            Some(end) if end > 1 && tail[1..end].bytes().all(|b| b.is_ascii_digit()) => {
                found.insert(&tail[..=end]);
                rest = &tail[end + 1..];
            }
            _ => rest = &tail[1..],
        }
    }
    found
}

/// Levenshtein distance, for "did you mean" hints on misspelt names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_key_folds_kangxi_radicals_and_ascii_case() {
        // U+2F40 KANGXI RADICAL BRANCH looks like 支 (U+652F) and NFKC maps it there.
        assert_eq!(match_key(" \u{2F40}付 Timeout "), "\u{652F}付 timeout");
    }

    #[test]
    fn placeholders_finds_numbered_braces_only() {
        let found: Vec<&str> = placeholders("locked {0} min {1} s, {x} {} {12")
            .into_iter()
            .collect();
        assert_eq!(found, ["{0}", "{1}"]);
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("timout", "timeout"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
