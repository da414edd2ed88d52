//! Languages, and the zh/en text pairs everything in the catalog carries.

use std::fmt;
use std::str::FromStr;

use crate::ParseIdError;

/// The language of a text. Always a parameter, never process-wide state, so one process can
/// serve zh and en users at once.
///
/// ```
/// use numauth::{AuthOutcome, Lang};
/// let lang: Lang = "zh".parse().unwrap();
/// assert_eq!(lang, Lang::Zh);
/// assert_ne!(AuthOutcome::Timeout.title(Lang::Zh), AuthOutcome::Timeout.title(Lang::En));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    #[default]
    En,
}

impl Lang {
    /// Both languages, Chinese first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The id: `"zh"` or `"en"`.
    ///
    /// ```
    /// assert_eq!(numauth::Lang::En.as_str(), "en");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language of a POSIX locale such as `zh_CN.UTF-8` or `en_US`: `zh*` is Chinese,
    /// any other non-empty locale is English; `None` for an empty string.
    ///
    /// ```
    /// use numauth::Lang;
    /// assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::Zh));
    /// assert_eq!(Lang::from_locale("C"), Some(Lang::En));
    /// assert_eq!(Lang::from_locale(""), None);
    /// ```
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let locale = locale.trim();
        if locale.is_empty() {
            None
        } else if locale
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("zh"))
        {
            Some(Lang::Zh)
        } else {
            Some(Lang::En)
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            _ => Err(ParseIdError::new("language", s, &["zh", "en"])),
        }
    }
}

/// A text in both languages, as literals: the labels of the id enums, and an entry's texts
/// once read from the catalog's strings (`entry::Pair::text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub(crate) struct Text {
    pub(crate) zh: &'static str,
    pub(crate) en: &'static str,
}

impl Text {
    pub(crate) const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}
