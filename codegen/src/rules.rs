//! Contradictions between an entry's facts that the build can detect.
//!
//! An entry inherits its outcome's action, actor and retryable unless it overrides them. Some
//! combinations cannot both be true: a failure that nobody has to act on, or a call that is worth
//! retrying unchanged while the advice is to change code or configuration. Such an entry fails
//! the build unless its `note` says why the combination is right.

use crate::model::{OutcomeDef, Record};

/// Actions that ask for a change of code, configuration or token: a retry of the same call
/// cannot help until that change is made.
pub const FIX_ACTIONS: [&str; 5] = [
    "fix_configuration",
    "fix_request",
    "fix_integration",
    "upgrade_sdk",
    "refresh_token",
];

/// Checks an outcome's own defaults; every problem goes to `bad`.
pub fn check_outcome(o: &OutcomeDef, bad: &mut impl FnMut(String)) {
    if o.category == "failure" && o.actor == "none" {
        bad("actor \"none\" on a failure: say who must act".to_owned());
    }
    if o.retryable && FIX_ACTIONS.contains(&o.action.as_str()) {
        bad(format!(
            "retryable while the action {:?} asks for a change first",
            o.action
        ));
    }
}

/// Checks `r`'s overrides against its outcome; every problem goes to `bad`.
pub fn check_overrides(r: &Record, outcome: &OutcomeDef, bad: &mut impl FnMut(String)) {
    for (field, given, default) in [
        ("action", r.action.as_deref(), outcome.action.as_str()),
        ("actor", r.actor.as_deref(), outcome.actor.as_str()),
    ] {
        if given == Some(default) {
            bad(format!(
                "{field} {default:?} is already the default of outcome {:?}; drop the override",
                r.outcome
            ));
        }
    }
    if r.retryable == Some(outcome.retryable) {
        bad(format!(
            "retryable {} is already the default of outcome {:?}; drop the override",
            outcome.retryable, r.outcome
        ));
    }
    if r.note.is_some() {
        return;
    }
    let action = r.action.as_deref().unwrap_or(&outcome.action);
    let actor = r.actor.as_deref().unwrap_or(&outcome.actor);
    let retryable = r.retryable.unwrap_or(outcome.retryable);
    if outcome.category == "failure" && actor == "none" {
        bad(format!(
            "actor \"none\" on a failure (outcome {:?}): say who must act, or explain in `note`",
            r.outcome
        ));
    }
    if retryable && FIX_ACTIONS.contains(&action) {
        bad(format!(
            "retryable while the action {action:?} asks for a change first: set `retryable: false`, or explain in `note`"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Texts;

    fn outcome(category: &str, actor: &str, retryable: bool, action: &str) -> OutcomeDef {
        let t = Texts {
            zh: "x".into(),
            en: "x".into(),
        };
        OutcomeDef {
            name: "o".into(),
            doc: String::new(),
            category: category.into(),
            actor: actor.into(),
            retryable,
            action: action.into(),
            title: t.clone(),
            message: t,
            parent: None,
        }
    }

    fn record() -> Record {
        serde_yaml::from_str("{code: '1', zh: x, en: x, outcome: o, provenance: [P]}").unwrap()
    }

    fn problems(r: &Record, o: &OutcomeDef) -> Vec<String> {
        let mut found = Vec::new();
        check_overrides(r, o, &mut |m| found.push(m));
        found
    }

    #[test]
    fn failure_without_actor_needs_a_note() {
        let o = outcome("failure", "none", false, "retry");
        let mut r = record();
        assert!(problems(&r, &o)[0].contains("actor \"none\" on a failure"));
        r.note = Some("the SDK retries by itself".into());
        assert!(problems(&r, &o).is_empty());
        let mut r = record();
        r.actor = Some("user".into());
        assert!(problems(&r, &o).is_empty());
        assert!(problems(&record(), &outcome("success", "none", false, "none")).is_empty());
    }

    #[test]
    fn retry_and_fix_contradict() {
        let o = outcome("failure", "developer", true, "retry");
        let mut r = record();
        assert!(problems(&r, &o).is_empty());
        r.action = Some("fix_request".into());
        assert!(problems(&r, &o)[0].contains("retryable while the action \"fix_request\""));
        r.retryable = Some(false);
        assert!(problems(&r, &o).is_empty());
    }

    #[test]
    fn outcome_defaults_are_checked() {
        let found = |o: OutcomeDef| {
            let mut v = Vec::new();
            check_outcome(&o, &mut |m| v.push(m));
            v
        };
        assert_eq!(found(outcome("failure", "none", false, "retry")).len(), 1);
        assert_eq!(
            found(outcome("failure", "user", true, "upgrade_sdk")).len(),
            1
        );
        assert!(found(outcome("failure", "user", true, "retry")).is_empty());
        assert!(found(outcome("progress", "none", false, "wait_for_next_event")).is_empty());
    }

    #[test]
    fn overrides_equal_to_the_default_are_refused() {
        let o = outcome("failure", "developer", true, "retry");
        let mut r = record();
        r.actor = Some("developer".into());
        r.retryable = Some(true);
        r.action = Some("retry".into());
        let found = problems(&r, &o);
        assert_eq!(found.len(), 3, "{found:?}");
    }
}
