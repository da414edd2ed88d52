//! How a [`Normalized`](crate::Normalized) holds its advice: a rule of the table by reference,
//! or a note made for one callback in a box.

use std::fmt;
use std::ops::Deref;

use super::Advice;

/// The advice a [`Normalized`](crate::Normalized) carries. It reads as an [`Advice`] (it
/// derefs to one, and compares, prints and serialises as one).
///
/// A rule of `data/advice.yaml` is shared, not copied: taking it costs no allocation. A note
/// made for one callback (its code is not in the caller's SDK version) is boxed, as is advice
/// built with [`From<Advice>`] or read back with serde.
///
/// ```
/// use numauth::{normalize_with, Actor, Advice, AdviceRef, Hint, Platform};
/// let hint = Hint { platform: Some(Platform::Ios), ..Hint::default() };
/// let n = normalize_with(r#"{"code":"600008","msg":"蜂窝网络未开启"}"#, hint).unwrap();
/// let advice: &Advice = n.advice.as_deref().unwrap();
/// assert_eq!(advice.actor, Actor::User);
/// let copy = AdviceRef::from(advice.clone());
/// assert_eq!(&copy, n.advice.as_ref().unwrap());
/// ```
#[derive(Clone)]
pub struct AdviceRef(Held);

#[derive(Clone)]
enum Held {
    /// A rule of the table, built as the crate compiles.
    Rule(&'static Advice),
    /// Advice made at run time.
    Made(Box<Advice>),
}

impl AdviceRef {
    /// A rule of the table.
    pub(crate) const fn rule(advice: &'static Advice) -> AdviceRef {
        AdviceRef(Held::Rule(advice))
    }

    /// The table's rule this is, if it is one (not a note made at run time).
    pub(crate) fn as_rule(&self) -> Option<&'static Advice> {
        match self.0 {
            Held::Rule(rule) => Some(rule),
            Held::Made(_) => None,
        }
    }

    /// The advice itself, to keep or change: a rule's is copied (its texts stay borrowed from
    /// the table), a note's unboxed.
    ///
    /// ```
    /// use numauth::normalize;
    /// let n = normalize("接入后一直提示错误码：600017").unwrap();
    /// let id = n.advice.map(|a| a.into_advice().id);
    /// assert_eq!(id.as_deref(), Some("scheme_secret_mismatch"));
    /// ```
    pub fn into_advice(self) -> Advice {
        match self.0 {
            Held::Rule(a) => a.clone(),
            Held::Made(a) => *a,
        }
    }
}

impl Deref for AdviceRef {
    type Target = Advice;

    fn deref(&self) -> &Advice {
        match &self.0 {
            Held::Rule(a) => a,
            Held::Made(a) => a,
        }
    }
}

impl From<Advice> for AdviceRef {
    fn from(advice: Advice) -> AdviceRef {
        AdviceRef(Held::Made(Box::new(advice)))
    }
}

impl PartialEq for AdviceRef {
    fn eq(&self, other: &AdviceRef) -> bool {
        **self == **other
    }
}

impl Eq for AdviceRef {}

/// As the [`Advice`] itself: where it is held is not part of what it says.
impl fmt::Debug for AdviceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Advice::fmt(self, f)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AdviceRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Advice::serialize(self, s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for AdviceRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<AdviceRef, D::Error> {
        Advice::deserialize(d).map(AdviceRef::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Action, Actor};
    use std::borrow::Cow;

    static RULE: Advice = Advice {
        id: Cow::Borrowed("r"),
        zh: Cow::Borrowed("中"),
        en: Cow::Borrowed("en"),
        actor: Actor::User,
        action: Action::EnableMobileData,
        provenance: Cow::Borrowed(&[]),
    };

    #[test]
    fn a_rule_and_a_made_copy_read_and_compare_the_same() {
        let shared = AdviceRef::rule(&RULE);
        let made = AdviceRef::from(RULE.clone());
        assert!(std::ptr::eq(&*shared, &RULE), "a rule is not copied");
        assert!(!std::ptr::eq(&*made, &RULE));
        assert_eq!(shared, made);
        assert_eq!(format!("{shared:?}"), format!("{RULE:?}"));
        let other = AdviceRef::from(Advice {
            en: Cow::Borrowed("other"),
            ..RULE.clone()
        });
        assert_ne!(shared, other);
        assert_eq!(other.en, "other");
        assert_eq!(shared.into_advice(), RULE);
        assert_eq!(other.clone().into_advice(), *other);
    }
}
