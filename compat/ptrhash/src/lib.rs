//! See Cargo.toml: this crate exists to build numauth with `phf/ptrhash` enabled.

#[cfg(test)]
mod tests {
    use numauth::{candidates, entries, lookup, AuthOutcome, Source};

    #[test]
    fn lookups_work_with_ptrhash_enabled() {
        assert_eq!(lookup(Source::Pns, "600008").map(|e| e.outcome()), Some(AuthOutcome::MobileDataDisabled));
        assert!(lookup(Source::Pns, "not a code").is_none());
        for e in entries() {
            assert!(candidates(e.code()).any(|c| c == e), "{e}");
        }
    }
}
