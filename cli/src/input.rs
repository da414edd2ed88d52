//! Reading callback logs: NDJSON where each line is a callback JSON object or a JSON string
//! holding raw text of any shape.
//!
//! The input may be a file or standard input (no path, or `-`), gzip-compressed (recognised by
//! its magic bytes, whatever its name), UTF-16 with a byte order mark, or UTF-8 with or without
//! one. Lines end with `\n`, `\r\n` or a lone `\r` ([`crate::lines`]).

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use numauth::{normalize_with, Hint, Normalized};

use crate::lines::{Line, LineReader};
use crate::utf16::Utf16;

/// The read buffer: as large as a batch of `normalize`, so a batch is one read.
const BUFFER: usize = 64 << 10;

/// An opened log.
pub struct Input {
    /// The text, decoded to UTF-8 when it was compressed or UTF-16.
    pub reader: Box<dyn BufRead + Send>,
    /// The byte size of a plain file (for a progress bar); `None` for a stream or decoded input.
    pub size: Option<u64>,
    /// Lines arrive as something writes them (a pipe, a terminal, a socket): results are
    /// handed on as each line arrives rather than in batches. False for a regular file.
    pub live: bool,
}

/// Opens `path`, or standard input when it is `None` or `-`. The error names the path; the
/// caller exits with status 2.
pub fn open(path: Option<&Path>) -> Result<Input, String> {
    let (raw, size, live): (Box<dyn Read + Send>, _, _) = match path {
        None => stdin(),
        Some(p) if p.as_os_str() == "-" => stdin(),
        Some(p) => {
            let cannot = |e: io::Error| format!("cannot read {}: {e}", p.display());
            let file = File::open(p).map_err(cannot)?;
            let meta = file.metadata().map_err(cannot)?;
            if meta.is_dir() {
                return Err(format!(
                    "{} is a directory: give a log file, or - for standard input",
                    p.display()
                ));
            }
            let regular = meta.is_file();
            (Box::new(file), regular.then_some(meta.len()), !regular)
        }
    };
    let name = path.map_or_else(|| "standard input".to_owned(), |p| p.display().to_string());
    let (reader, decoded) = decode(raw, true).map_err(|e| format!("cannot read {name}: {e}"))?;
    let reader = Named {
        inner: reader,
        name,
    };
    Ok(Input {
        reader: Box::new(BufReader::with_capacity(BUFFER, reader)),
        size: if decoded { None } else { size },
        live,
    })
}

/// `raw` decoded as [`open`] decodes a file (gzip, UTF-16 with a byte order mark, a UTF-8
/// byte order mark skipped): for input that comes another way, such as an HTTP body. Reading
/// more than `max` decoded bytes fails with [`io::ErrorKind::FileTooLarge`].
pub fn decoded<'a>(raw: impl Read + Send + 'a, max: u64) -> io::Result<impl BufRead + Send + 'a> {
    let (reader, _) = decode(Box::new(raw), true)?;
    let capped = Capped {
        inner: reader,
        left: max,
        max,
    };
    Ok(BufReader::with_capacity(BUFFER, capped))
}

/// A reader that fails once more than `max` bytes came out of it.
struct Capped<R> {
    inner: R,
    left: u64,
    max: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            let max = self.max;
            io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!("the body decodes to more than the limit of {max} bytes (--max-body)"),
            )
        })?;
        Ok(n)
    }
}

/// A reader whose errors name the input (a truncated gzip file deep in a batch of paths).
struct Named<R> {
    inner: R,
    name: String,
}

impl<R: Read> Read for Named<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner
            .read(buf)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", self.name)))
    }
}

/// Standard input, with its size and liveness as far as they can be told.
fn stdin() -> (Box<dyn Read + Send>, Option<u64>, bool) {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        // A regular file redirected in (`< log`) is read in batches like a named one.
        let meta = io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .and_then(|fd| File::from(fd).metadata());
        if let Ok(meta) = meta {
            if meta.is_file() {
                return (Box::new(io::stdin()), Some(meta.len()), false);
            }
        }
    }
    (Box::new(io::stdin()), None, true)
}

const GZIP: &[u8] = &[0x1f, 0x8b];
const UTF16_LE: &[u8] = &[0xff, 0xfe];
const UTF16_BE: &[u8] = &[0xfe, 0xff];
const UTF8_BOM: &[u8] = &[0xef, 0xbb, 0xbf];

/// Reads the first bytes of `raw` and wraps it in the decoder they call for; the flag says
/// whether anything was decoded. Gzip is looked for once (`gzip` true), then a byte order mark
/// inside it.
fn decode<'a>(
    mut raw: Box<dyn Read + Send + 'a>,
    gzip: bool,
) -> io::Result<(Box<dyn Read + Send + 'a>, bool)> {
    let head = sniff(&mut raw)?;
    let rest = |skip: usize| io::Cursor::new(head[skip..].to_vec()).chain(raw);
    Ok(if gzip && head.starts_with(GZIP) {
        let inflated = flate2::bufread::MultiGzDecoder::new(BufReader::new(rest(0)));
        (decode(Box::new(inflated), false)?.0, true)
    } else if head.starts_with(UTF16_LE) {
        (Box::new(Utf16::new(rest(2), false)), true)
    } else if head.starts_with(UTF16_BE) {
        (Box::new(Utf16::new(rest(2), true)), true)
    } else if head.starts_with(UTF8_BOM) {
        (Box::new(rest(3)), false)
    } else {
        (Box::new(rest(0)), false)
    })
}

/// The first bytes of `raw`: read until they can no longer start a signature (so a live input
/// is not kept waiting for bytes beyond its first line).
fn sniff(raw: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(3);
    let could_start = |head: &[u8]| {
        [GZIP, UTF16_LE, UTF16_BE, UTF8_BOM]
            .iter()
            .any(|sig| sig.len() > head.len() && sig.starts_with(head))
    };
    while could_start(&head) {
        let mut byte = [0];
        match raw.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => head.push(byte[0]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(head)
}

/// The text to normalise: the line, trimmed. A JSON string line is decoded by the normaliser,
/// which also drops NUL bytes, so that every interface reads a line the same way (the Python
/// batch hands the same text to the same function).
pub fn payload(line: &str) -> Result<&str, String> {
    match line.trim() {
        "" => Err("empty line".to_owned()),
        trimmed => Ok(trimmed),
    }
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
        Ok(text) => match normalize_with(text, hint) {
            Ok(n) => f(Ok(&n)),
            Err(e) => f(Err(e.to_string())),
        },
    }
}

/// One line as [`lines`] hands it over.
pub struct LineIn<'a> {
    /// From 1.
    pub number: usize,
    /// The text, or why the line was skipped (too long).
    pub text: Result<Cow<'a, str>, String>,
    /// The line was not valid UTF-8: invalid bytes were replaced with U+FFFD.
    pub lossy: bool,
    /// Bytes the line took in the (decoded) input, for progress.
    pub bytes: u64,
}

/// Reads every line of `reader` and hands each to `each`.
pub fn lines(reader: impl BufRead, mut each: impl FnMut(LineIn<'_>)) -> io::Result<()> {
    let mut reader = LineReader::new(reader);
    let mut buf = Vec::with_capacity(4096);
    let mut number = 0;
    loop {
        buf.clear();
        let line = reader.read_line(&mut buf)?;
        number += 1;
        let (text, lossy, bytes) = match line {
            Line::Eof => return Ok(()),
            Line::TooLong { len, .. } => (Err(too_long(len)), false, len),
            Line::Text { .. } => {
                let (text, lossy) = text(&buf);
                (Ok(text), lossy, buf.len() as u64)
            }
        };
        each(LineIn {
            number,
            text,
            lossy,
            bytes,
        });
    }
}

/// The error for a line of `len` bytes over [`crate::lines::MAX_LINE_BYTES`].
pub fn too_long(len: u64) -> String {
    format!(
        "line too long: {len} bytes, more than the {} a line may hold; skipped",
        crate::lines::MAX_LINE_BYTES
    )
}

/// One line as read, with its line break removed, as text; invalid UTF-8 is replaced with
/// U+FFFD (the flag says so), so that one bad byte in a field does not lose the callback.
pub fn text(line: &[u8]) -> (Cow<'_, str>, bool) {
    let line = match line.last() {
        Some(b'\n') => &line[..line.len() - 1],
        _ => line,
    };
    match std::str::from_utf8(line) {
        Ok(text) => (Cow::Borrowed(without_break(text)), false),
        Err(_) => (
            Cow::Owned(without_break(&String::from_utf8_lossy(line)).to_owned()),
            true,
        ),
    }
}

/// `line` without its line break: any trailing `\n` and `\r`.
pub fn without_break(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}
