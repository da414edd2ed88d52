//! Turning a validated [`Catalog`] into the Rust source that `numauth` includes.
//!
//! The output is deterministic: entries are sorted by source rank, then code. It is split by
//! what it emits: the id enums ([`taxonomy`], in the shape of [`enums`]), the rows
//! ([`entries`], with their strings and lists interned by [`interned`]), the code table
//! ([`codes`], whose hash function lives in `hash.rs` and is emitted as text, so numauth runs the
//! same function that placed the codes), and the benchmark's `match` ([`bench`]).
//!
//! The tables hold no pointers but the provenance lists: strings are numbers into one interned
//! `STRINGS` and lists are spans of shared arrays, which keeps the catalog's share of a stripped
//! position-independent binary small. Nothing of phf or any other crate's layout is emitted, so
//! the code compiles whatever features other crates in a user's build turn on.

mod bench;
mod codes;
mod entries;
mod enums;
mod hash;
mod interned;
mod taxonomy;

use std::fmt::Write as _;

use crate::load::Catalog;
use crate::model::Texts;
use entries::{emit_entries, emit_provenance};
use interned::Strings;
use taxonomy::{emit_schema_enums, emit_sources, emit_taxonomy};

pub use bench::generate_match;

/// The generated Rust source for `catalog`.
pub fn generate(catalog: &Catalog) -> String {
    let mut out = String::with_capacity(256 * 1024);
    out.push_str("// @generated from data/*.yaml by numauth-codegen. Do not edit: change the data and rebuild.\n\n");
    out.push_str("use crate::catalog::CodeSlot;\nuse crate::entry::{Pair, Span, Str};\n\n");
    let _ = writeln!(
        out,
        "/// The version of the built-in catalog data: `data_version` in `data/sources.yaml`, then a\n/// hash of every data file, so it changes whenever any table does.\n///\n/// ```\n/// assert!(numauth::DATA_VERSION.contains('+'));\n/// ```\npub const DATA_VERSION: &str = \"{}+{:08x}\";\n",
        catalog.data_version, catalog.content_hash
    );
    emit_taxonomy(&mut out, catalog);
    emit_sources(&mut out, catalog);
    crate::keys::emit(&mut out, &catalog.keys, camel);
    crate::keys::emit_layers(&mut out, &catalog.sources, camel);
    crate::advice::emit(&mut out, &catalog.advice, camel);
    emit_schema_enums(&mut out);
    let mut strings = Strings::default();
    emit_provenance(&mut out, catalog, &mut strings);
    emit_entries(&mut out, catalog, &mut strings);
    strings.emit(&mut out);
    out
}

/// `snake_case` → `CamelCase`.
pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn text(t: &Texts) -> String {
    format!("crate::Text {{ zh: {}, en: {} }}", lit(&t.zh), lit(&t.en))
}

fn doc_lines(out: &mut String, indent: &str, doc: &str) {
    for line in doc.lines() {
        let _ = writeln!(
            out,
            "{indent}///{}{line}",
            if line.is_empty() { "" } else { " " }
        );
    }
}

fn snake(camel: &str) -> String {
    let mut s = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                s.push('_');
            }
            s.push(c.to_ascii_lowercase());
        } else {
            s.push(c);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_and_snake_round_trip() {
        assert_eq!(camel("ui_customization_error"), "UiCustomizationError");
        assert_eq!(camel("pns"), "Pns");
        assert_eq!(snake("UiCustomizationError"), "ui_customization_error");
        assert_eq!(snake(&camel("idaas_sdk")), "idaas_sdk");
    }

    #[test]
    fn literals_escape_quotes_and_backslashes() {
        assert_eq!(lit("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(lit("请求超时"), "\"请求超时\"");
    }
}
