//! The three carriers and the names SDKs give them.

use crate::Source;

/// A mainland-China carrier, whose SDK sits under the Alibaba Cloud one.
///
/// ```
/// use numauth::{Carrier, Source};
/// assert_eq!(Carrier::from_alias("cm_zyhl"), Some(Carrier::Cmcc));
/// assert_eq!(Carrier::Cucc.source(), Source::Cucc);
/// assert_eq!(Carrier::Ctcc.as_str(), "ctcc");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(
    serialize_all = "snake_case",
    parse_err_ty = crate::ParseIdError,
    parse_err_fn = Carrier::parse_error
)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Carrier {
    /// China Mobile (中国移动).
    Cmcc,
    /// China Unicom (中国联通).
    Cucc,
    /// China Telecom (中国电信).
    Ctcc,
}

impl Carrier {
    /// The carrier a vendor name stands for, after NFKC normalisation (full-width letters),
    /// ASCII case ignored, surrounding whitespace trimmed:
    /// `cm_zyhl`, `CMCC`, `CM`, `移动` (China Mobile); `cu_xw`, `CUCC`, `CU`, `联通` (China
    /// Unicom); `ct_sjl`, `CTCC`, `CT`, `电信` (China Telecom); also `中国移动`/`中国联通`/
    /// `中国电信` and `China Mobile`/`China Unicom`/`China Telecom`; and by form, any `cm_*`,
    /// `cu_*`, `ct_*` vendor name and any name containing 移动/联通/电信, but for a negation
    /// (`非中国移动`) and the group's Hong Kong and Macau operators. `None` for anything else,
    /// `unknown` included.
    ///
    /// ```
    /// use numauth::Carrier;
    /// assert_eq!(Carrier::from_alias("cm_zyhl"), Some(Carrier::Cmcc));
    /// assert_eq!(Carrier::from_alias("cu_xw"), Some(Carrier::Cucc));
    /// assert_eq!(Carrier::from_alias("ct_sjl"), Some(Carrier::Ctcc));
    /// assert_eq!(Carrier::from_alias("CU"), Some(Carrier::Cucc));
    /// assert_eq!(Carrier::from_alias(" ct_sjl "), Some(Carrier::Ctcc));
    /// assert_eq!(Carrier::from_alias("移动"), Some(Carrier::Cmcc));
    /// assert_eq!(Carrier::from_alias("ＣＭＣＣ"), Some(Carrier::Cmcc));
    /// assert_eq!(Carrier::from_alias("cm_newsdk"), Some(Carrier::Cmcc));
    /// assert_eq!(Carrier::from_alias("中国联通5G"), Some(Carrier::Cucc));
    /// assert_eq!(Carrier::from_alias("中国移动香港"), None);
    /// assert_eq!(Carrier::from_alias("非中国移动"), None);
    /// assert_eq!(Carrier::from_alias("unknown"), None);
    /// assert_eq!(Carrier::from_alias("ct_"), None);
    /// assert_eq!(Carrier::from_alias("cmx"), None);
    /// ```
    pub fn from_alias(alias: &str) -> Option<Carrier> {
        const ALIASES: [(&str, Carrier); 21] = [
            ("cm_zyhl", Carrier::Cmcc),
            ("cmcc", Carrier::Cmcc),
            ("cm", Carrier::Cmcc),
            ("移动", Carrier::Cmcc),
            ("中国移动", Carrier::Cmcc),
            ("china mobile", Carrier::Cmcc),
            ("chinamobile", Carrier::Cmcc),
            ("cu_xw", Carrier::Cucc),
            ("cucc", Carrier::Cucc),
            ("cu", Carrier::Cucc),
            ("联通", Carrier::Cucc),
            ("中国联通", Carrier::Cucc),
            ("china unicom", Carrier::Cucc),
            ("chinaunicom", Carrier::Cucc),
            ("ct_sjl", Carrier::Ctcc),
            ("ctcc", Carrier::Ctcc),
            ("ct", Carrier::Ctcc),
            ("电信", Carrier::Ctcc),
            ("中国电信", Carrier::Ctcc),
            ("china telecom", Carrier::Ctcc),
            ("chinatelecom", Carrier::Ctcc),
        ];
        // The SDKs' own vendor names, as they send them: no trimming, folding or search
        // (1.6% of Android nested's instructions).
        match alias.as_bytes() {
            b"cm_zyhl" => return Some(Carrier::Cmcc),
            b"cu_xw" => return Some(Carrier::Cucc),
            b"ct_sjl" => return Some(Carrier::Ctcc),
            _ => {}
        }
        // Most names are short ASCII (`cm_zyhl`): trimmed without decoding a character.
        let alias = super::scan::trim(alias);
        let normalized;
        let alias = if alias.is_ascii() {
            alias
        } else {
            // NFKC may turn an ideographic space into a blank to trim.
            normalized = crate::catalog::nfkc(alias);
            normalized.trim()
        };
        ALIASES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(alias))
            .map(|&(_, c)| c)
            .or_else(|| Carrier::from_alias_form(alias))
    }

    /// Names not in the list, by their form: the SDKs' `cm_*`/`cu_*`/`ct_*` vendor names
    /// (`cm_zyhl`, `cu_xw`, `ct_sjl`, and any other suffix) and Chinese names that contain
    /// 移动/联通/电信 (`中国移动通信`, `广东电信`), not negated, nor a Hong Kong or Macau name.
    fn from_alias_form(alias: &str) -> Option<Carrier> {
        let prefixed = |p: &str| {
            alias
                .get(..3)
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
                && alias.len() > 3
        };
        // The word anywhere (`中国移动通信`, `广东电信`), but not negated (`非中国移动`), nor in
        // the name of the group's Hong Kong or Macau operator (`中国移动香港`), which serves no
        // mainland one-tap login (red-team finds: both were read as China Mobile).
        let names = |word: &str| {
            let before = alias.find(word).and_then(|at| alias.get(..at));
            before.is_some_and(|b| {
                let b = b.strip_suffix("中国").unwrap_or(b);
                !b.ends_with('非') && !b.ends_with("不是")
            }) && !alias.contains("香港")
                && !alias.contains("澳门")
        };
        if prefixed("cm_") || names("移动") {
            Some(Carrier::Cmcc)
        } else if prefixed("cu_") || names("联通") {
            Some(Carrier::Cucc)
        } else if prefixed("ct_") || names("电信") {
            Some(Carrier::Ctcc)
        } else {
            None
        }
    }

    /// The code namespace of the carrier's SDK.
    ///
    /// ```
    /// use numauth::{Carrier, Source};
    /// assert_eq!(Carrier::Ctcc.source(), Source::Ctcc);
    /// ```
    pub fn source(self) -> Source {
        match self {
            Carrier::Cmcc => Source::Cmcc,
            Carrier::Cucc => Source::Cucc,
            Carrier::Ctcc => Source::Ctcc,
        }
    }

    /// The carrier whose namespace `source` is, if it is a carrier's.
    ///
    /// ```
    /// use numauth::{Carrier, Source};
    /// assert_eq!(Carrier::from_source(Source::CuccWeb), Some(Carrier::Cucc));
    /// assert_eq!(Carrier::from_source(Source::Pns), None);
    /// ```
    pub fn from_source(source: Source) -> Option<Carrier> {
        match source {
            Source::Cmcc => Some(Carrier::Cmcc),
            Source::Cucc | Source::CuccWeb => Some(Carrier::Cucc),
            Source::Ctcc => Some(Carrier::Ctcc),
            _ => None,
        }
    }

    fn parse_error(given: &str) -> crate::ParseIdError {
        crate::ParseIdError::new("carrier", given, &["cmcc", "cucc", "ctcc"])
    }
}
