//! `numauth list`: browse the catalog, one line per entry.

use std::io::{self, Write};

use numauth::Entry;

use crate::style::Style;

pub fn write_text<'a>(
    out: &mut impl Write,
    style: &Style,
    entries: impl Iterator<Item = &'a Entry>,
) -> io::Result<()> {
    for e in entries {
        let code = match e.match_text(style.lang).or(e.match_text(numauth::Lang::En)) {
            Some(m) => format!("{} [{m}]", e.code()),
            None => e.code().to_owned(),
        };
        writeln!(
            out,
            "{:<12} {:<24} {:<24} {}",
            e.source().as_str(),
            code,
            style.category(e.category(), &format!("{:<24}", e.outcome().as_str())),
            e.message(style.lang)
        )?;
    }
    Ok(())
}
