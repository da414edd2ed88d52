//! `numauth export`: the dashboards' contract. JSON and NDJSON are the library's serde shape of
//! `Entry`; CSV flattens the same fields into fixed columns.

use std::io::{self, Write};

use clap::ValueEnum;
use numauth::{Entry, Lang};

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON array of entry objects.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// Comma-separated values with a header row.
    Csv,
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 21] = [
    "source",
    "code",
    "match_zh",
    "match_en",
    "message_zh",
    "message_en",
    "outcome",
    "category",
    "actor",
    "retryable",
    "action",
    "suggestion_zh",
    "suggestion_en",
    "http_status",
    "carrier",
    "platforms",
    "since",
    "until",
    "provenance",
    "translated",
    "note",
];

pub fn write<'a>(
    out: &mut impl Write,
    format: Format,
    entries: impl Iterator<Item = &'a Entry>,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let all: Vec<&Entry> = entries.collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)
        }
        Format::Ndjson => {
            for e in entries {
                serde_json::to_writer(&mut *out, e)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            write_csv_row(out, CSV_COLUMNS.iter().map(|c| c.to_string()))?;
            for e in entries {
                write_csv_row(out, csv_fields(e).into_iter())?;
            }
            Ok(())
        }
    }
}

fn csv_fields(e: &Entry) -> [String; 21] {
    let opt = |v: Option<&str>| v.unwrap_or_default().to_owned();
    let join = |items: Vec<&str>| items.join(";");
    [
        e.source().to_string(),
        e.code().to_owned(),
        opt(e.match_text(Lang::Zh)),
        opt(e.match_text(Lang::En)),
        e.message(Lang::Zh).to_owned(),
        e.message(Lang::En).to_owned(),
        e.outcome().to_string(),
        e.category().to_string(),
        e.actor().to_string(),
        e.retryable().to_string(),
        e.action().to_string(),
        opt(e.suggestion(Lang::Zh)),
        opt(e.suggestion(Lang::En)),
        e.http_status().map(|s| s.to_string()).unwrap_or_default(),
        e.carrier().map(|c| c.to_string()).unwrap_or_default(),
        join(e.platforms().iter().map(|p| p.as_str()).collect()),
        opt(e.since()),
        opt(e.until()),
        join(e.provenance().iter().map(|p| p.id()).collect()),
        join(e.translated().iter().map(|t| t.as_str()).collect()),
        opt(e.note()),
    ]
}

/// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
fn write_csv_row(out: &mut impl Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if field.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", field.replace('"', "\"\""))?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_fields_that_need_it() {
        let mut out = Vec::new();
        write_csv_row(
            &mut out,
            ["a".to_owned(), "b,c".to_owned(), "say \"hi\"".to_owned()].into_iter(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
    }
}
