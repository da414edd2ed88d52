//! Reading callback logs: NDJSON where each line is a callback JSON object or a JSON string
//! holding raw text of any shape.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use numauth::{normalize_with, Hint, Normalized};

/// A file, or stdin when no path is given; with the byte size when known (for progress).
pub fn open(path: Option<&Path>) -> io::Result<(Box<dyn BufRead + Send>, Option<u64>)> {
    match path {
        None => Ok((Box::new(BufReader::new(io::stdin())), None)),
        Some(p) => {
            let file = File::open(p).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot open {}: {e}", p.display()))
            })?;
            let size = file.metadata().ok().map(|m| m.len());
            Ok((Box::new(BufReader::with_capacity(1 << 16, file)), size))
        }
    }
}

/// The text to normalise: a JSON string line is decoded, anything else is taken as it is (the
/// normaliser copes with objects, broken JSON and raw text).
pub fn payload(line: &str) -> Result<Cow<'_, str>, String> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Err("empty line".to_owned());
    }
    if trimmed.starts_with('"') {
        return serde_json::from_str::<String>(trimmed)
            .map(Cow::Owned)
            .map_err(|e| format!("the line starts like a JSON string but is not one: {e}"));
    }
    Ok(Cow::Borrowed(trimmed))
}

/// Normalises one line of a callback log and hands the result to `f` (the result borrows the
/// line, so it is used in place rather than returned).
pub fn with_normalized<T>(
    line: &str,
    hint: Hint,
    f: impl FnOnce(Result<&Normalized<'_>, String>) -> T,
) -> T {
    match payload(line) {
        Err(e) => f(Err(e)),
        Ok(text) => match normalize_with(&text, hint) {
            Ok(n) => f(Ok(&n)),
            Err(e) => f(Err(e.to_string())),
        },
    }
}

/// Reads lines as bytes so that one invalid UTF-8 line is reported, not fatal.
pub fn lines(
    mut reader: impl BufRead,
    mut each: impl FnMut(usize, Result<&str, String>, usize),
) -> io::Result<()> {
    let mut buf = Vec::with_capacity(4096);
    let mut n = 0;
    loop {
        buf.clear();
        let read = reader.read_until(b'\n', &mut buf)?;
        if read == 0 {
            return Ok(());
        }
        n += 1;
        each(n, text(&buf), read);
    }
}

/// One line as read, with its line break (any trailing `\n` and `\r`) removed, as text; an
/// invalid UTF-8 line is an error message for that line.
pub fn text(line: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(line)
        .map(without_break)
        .map_err(|e| format!("the line is not UTF-8: {e}"))
}

/// `line` without its line break: any trailing `\n` and `\r`.
pub fn without_break(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}
