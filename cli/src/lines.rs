//! Splitting a byte stream into lines the way support logs need it: `\n`, `\r\n` and a lone
//! `\r` all end a line, and a line longer than [`MAX_LINE_BYTES`] is skipped without being held
//! whole (a hostile 500 MB line costs a few buffers, not 500 MB).

use std::io::{self, BufRead};

use numauth::MAX_INPUT_BYTES;

/// The longest line kept: twice what the normaliser reads, because a line that is a JSON string
/// holds its payload with escapes (`\"`), which the normaliser never sees. A longer line cannot
/// hold a payload the normaliser would take.
pub const MAX_LINE_BYTES: usize = 2 * MAX_INPUT_BYTES;

/// What [`LineReader::read_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The end of the input: nothing was appended.
    Eof,
    /// A line, appended with `\n` as its break.
    Text {
        /// The line ended at the last byte the reader had buffered: reading on would wait for
        /// more input (a pipe or terminal), so a live reader hands what it has over first.
        drained: bool,
    },
    /// A line longer than [`MAX_LINE_BYTES`] and its length without its break: only a `\n` was
    /// appended, in its place.
    TooLong { len: u64, drained: bool },
}

impl Line {
    /// See [`Line::Text::drained`]; false at the end of the input.
    pub fn drained(self) -> bool {
        match self {
            Line::Eof => false,
            Line::Text { drained } | Line::TooLong { drained, .. } => drained,
        }
    }
}

/// Reads lines from a [`BufRead`], see the module documentation.
pub struct LineReader<R> {
    inner: R,
    /// The last line ended with a `\r` that was the last byte buffered: a `\n` first thing in
    /// the next read belongs to that break (`\r\n` split between two reads).
    after_cr: bool,
    max: usize,
}

impl<R: BufRead> LineReader<R> {
    /// Lines of `inner`, at most [`MAX_LINE_BYTES`] long.
    pub fn new(inner: R) -> Self {
        Self::with_max(inner, MAX_LINE_BYTES)
    }

    /// Lines of `inner`, at most `max` bytes long (tests use small limits).
    pub fn with_max(inner: R, max: usize) -> Self {
        LineReader {
            inner,
            after_cr: false,
            max,
        }
    }

    /// Appends the next line to `text`, with `\n` for whatever break it had (a last line
    /// without a break gets one too). On a read error, `text` is as it was before the call.
    pub fn read_line(&mut self, text: &mut Vec<u8>) -> io::Result<Line> {
        let start = text.len();
        let read = self.read_into(text, start);
        if read.is_err() {
            text.truncate(start);
        }
        read
    }

    fn read_into(&mut self, text: &mut Vec<u8>, start: usize) -> io::Result<Line> {
        let mut len: u64 = 0;
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if std::mem::take(&mut self.after_cr) && buf.first() == Some(&b'\n') {
                self.inner.consume(1);
                continue;
            }
            if buf.is_empty() {
                return Ok(match len {
                    0 => Line::Eof,
                    _ => self.end(text, len, false),
                });
            }
            let Some(at) = memchr::memchr2(b'\n', b'\r', buf) else {
                len += buf.len() as u64;
                keep(self.max, text, start, buf, len);
                let all = buf.len();
                self.inner.consume(all);
                continue;
            };
            len += at as u64;
            keep(self.max, text, start, &buf[..at], len);
            // A `\r\n` is one break; a `\r` last in the buffer may be the first half of one.
            let crlf = buf[at] == b'\r' && buf.get(at + 1) == Some(&b'\n');
            let used = at + 1 + usize::from(crlf);
            let drained = used == buf.len();
            self.after_cr = drained && buf[at] == b'\r';
            self.inner.consume(used);
            return Ok(self.end(text, len, drained));
        }
    }

    fn end(&self, text: &mut Vec<u8>, len: u64, drained: bool) -> Line {
        let line = if len > self.max as u64 {
            Line::TooLong { len, drained }
        } else {
            Line::Text { drained }
        };
        text.push(b'\n');
        line
    }
}

/// Appends `part` of a line that is `len` bytes so far (from `start` in `text`), unless the line
/// is over `max`: then what was kept of it is dropped, and nothing more is kept.
fn keep(max: usize, text: &mut Vec<u8>, start: usize, part: &[u8], len: u64) {
    if len <= max as u64 {
        text.extend_from_slice(part);
    } else {
        text.truncate(start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of `input` read through a buffer of `capacity`, with lines up to `max`.
    fn read_all(input: &[u8], capacity: usize, max: usize) -> (Vec<u8>, Vec<Line>) {
        let mut reader = LineReader::with_max(io::BufReader::with_capacity(capacity, input), max);
        let (mut text, mut found) = (Vec::new(), Vec::new());
        loop {
            match reader.read_line(&mut text).unwrap() {
                Line::Eof => return (text, found),
                line => found.push(line),
            }
        }
    }

    #[test]
    fn every_break_is_one_newline_wherever_the_reads_split_it() {
        let input = b"a\r\nb\rc\n\rd\r\r\ne";
        for capacity in 1..=input.len() {
            let (text, lines) = read_all(input, capacity, 100);
            assert_eq!(text, b"a\nb\nc\n\nd\n\ne\n", "capacity {capacity}");
            assert_eq!(lines.len(), 7);
        }
        assert_eq!(read_all(b"", 4, 100).1, []);
    }

    #[test]
    fn a_long_line_is_dropped_and_measured_and_the_next_is_read() {
        for capacity in [1, 3, 8, 64] {
            let (text, lines) = read_all(b"12345\nabcdefghij\r\nxyz", capacity, 5);
            assert_eq!(text, b"12345\n\nxyz\n", "capacity {capacity}");
            assert_eq!(
                lines[1],
                Line::TooLong {
                    len: 10,
                    drained: lines[1].drained()
                }
            );
            assert!(matches!(lines[2], Line::Text { .. }));
        }
        // The last line, too long and without a break.
        let (text, lines) = read_all(b"ok\n1234567", 4, 5);
        assert_eq!(text, b"ok\n\n");
        assert_eq!(
            lines[1],
            Line::TooLong {
                len: 7,
                drained: false
            }
        );
    }

    #[test]
    fn drained_says_when_the_buffer_ran_out_at_a_break() {
        // A buffer of 3: "a\nb" then "c\nd" then "\n".
        let (_, lines) = read_all(b"a\nbc\nd\n", 3, 100);
        let drained: Vec<bool> = lines.iter().map(|l| l.drained()).collect();
        assert_eq!(drained, [false, false, true]);
    }
}
