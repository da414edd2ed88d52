//! The shape every generated id enum shares, and the `match self` methods on them.

use std::fmt::Write as _;

use super::{camel, doc_lines, lit, snake};

/// One variant: its id (serde and strum name) and doc comment.
pub(super) struct Variant<'a> {
    pub(super) id: &'a str,
    pub(super) doc: &'a str,
}

pub(super) fn vars<'a>(list: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<Variant<'a>> {
    list.map(|(id, doc)| Variant { id, doc }).collect()
}

/// A fieldless enum with the derives every numauth id enum shares. Ids are spelled out per
/// variant so that serde and strum can never disagree on them.
pub(super) fn emit_enum(
    out: &mut String,
    name: &str,
    doc: &str,
    variants: &[Variant<'_>],
    non_exhaustive: bool,
) {
    doc_lines(out, "", doc);
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n");
    out.push_str(
        "#[derive(strum::EnumIter, strum::EnumCount, strum::IntoStaticStr, strum::EnumString)]\n",
    );
    let _ = writeln!(
        out,
        "#[strum(parse_err_ty = crate::ParseIdError, parse_err_fn = {name}::parse_error)]"
    );
    out.push_str(
        "#[cfg_attr(feature = \"serde\", derive(serde::Serialize, serde::Deserialize))]\n",
    );
    if non_exhaustive {
        out.push_str("#[non_exhaustive]\n");
    }
    let _ = writeln!(out, "pub enum {name} {{");
    for v in variants {
        doc_lines(out, "    ", v.doc);
        let _ = writeln!(out, "    #[strum(serialize = {id})]\n    #[cfg_attr(feature = \"serde\", serde(rename = {id}))]", id = lit(v.id));
        let _ = writeln!(out, "    {},", camel(v.id));
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "impl {name} {{");
    let ids: Vec<String> = variants.iter().map(|v| lit(v.id)).collect();
    let _ = writeln!(out, "    /// Every id, in declaration order.\n    pub(crate) const IDS: &'static [&'static str] = &[{}];", ids.join(", "));
    let _ = writeln!(
        out,
        "    fn parse_error(given: &str) -> crate::ParseIdError {{\n        crate::ParseIdError::new({}, given, Self::IDS)\n    }}\n}}\n",
        lit(&snake(name))
    );
}

/// `match self { Self::A => expr_a, ... }` inside a method.
pub(super) fn emit_method(
    out: &mut String,
    doc: &str,
    signature: &str,
    arms: &[(String, String)],
    tail: &str,
) {
    doc_lines(out, "    ", doc);
    let _ = writeln!(out, "    {signature} {{\n        match self {{");
    for (variant, expr) in arms {
        let _ = writeln!(out, "            Self::{variant} => {expr},");
    }
    let _ = writeln!(out, "        }}{tail}\n    }}\n");
}
