//! `numauth normalize`: NDJSON in, NDJSON out, exactly one output line per input line.

use std::io::{self, BufRead, Write};

use numauth::{Hint, Lang, Normalized};
use serde::Serialize;

use crate::input;

/// What `--lang` adds: the effective outcome explained in one language.
#[derive(Serialize)]
struct Explain {
    title: &'static str,
    message: &'static str,
    action: &'static str,
}

#[derive(Serialize)]
struct Line<'a, 'n> {
    #[serde(flatten)]
    normalized: &'a Normalized<'n>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Explain>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    error: &'a str,
    line: usize,
}

/// Returns how many lines could not be used.
pub fn run(
    reader: impl BufRead,
    out: &mut impl Write,
    hint: Hint,
    lang: Option<Lang>,
) -> io::Result<usize> {
    let mut failed = 0;
    let mut write_error: Option<io::Error> = None;
    input::lines(reader, |n, line, _| {
        if write_error.is_some() {
            return;
        }
        let written = match line {
            Err(e) => {
                failed += 1;
                write_line(out, &ErrorLine { error: &e, line: n })
            }
            Ok(line) => input::with_normalized(line, hint, |result| match result {
                Ok(normalized) => {
                    let explain = lang.map(|lang| Explain {
                        title: normalized.outcome.title(lang),
                        message: normalized.outcome.message(lang),
                        action: normalized.action.text(lang),
                    });
                    write_line(
                        out,
                        &Line {
                            normalized,
                            explain,
                        },
                    )
                }
                Err(e) => {
                    failed += 1;
                    write_line(out, &ErrorLine { error: &e, line: n })
                }
            }),
        };
        if let Err(e) = written {
            write_error = Some(e);
        }
    })?;
    match write_error {
        Some(e) => Err(e),
        None => Ok(failed),
    }
}

fn write_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
