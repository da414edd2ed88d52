//! `numauth normalize`: NDJSON in, NDJSON out, exactly one output line per input line.
//!
//! The input is read in batches of whole lines of about [`BATCH_BYTES`], numbered as they are
//! read. A live input (a pipe, a terminal) ends a batch early whenever the lines read so far are
//! all there is for now, so each result is written and flushed as its line arrives, while a file
//! is read in full batches. With one job the batches are normalised one after the other straight to the output.
//! With more, a pipeline runs:
//!
//! ```text
//! reader thread --batch i--> worker i % jobs --output of batch i--> calling thread: writes
//! ```
//!
//! Batches are dealt to the workers in turn and their outputs collected in the same turn, so the
//! output comes in input order without any reordering. Every queue holds at most one batch, so
//! memory stays bounded whatever the input size (a few batches per worker), and the buffers go
//! back to the reader and the workers to be used again. Each line's output depends only on the
//! line and its number, so the output is the same byte for byte whatever the number of jobs.

use std::borrow::Cow;
use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::{self, Scope, ScopedJoinHandle};

use numauth::{Hint, Lang};
use serde::Serialize;

use crate::lines::{Line, LineReader};
use crate::{input, json};

/// Input bytes per batch: enough lines that handing a batch over costs little next to
/// normalising it, few enough that a batch's output stays in the CPU's cache.
pub const BATCH_BYTES: usize = 64 << 10;

#[derive(Serialize)]
struct ErrorLine<'a> {
    error: &'a str,
    line: usize,
}

/// How to normalise: the hint for every line, the explanation language, the number of threads.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// What is known about every callback (`--source`).
    pub hint: Hint,
    /// Add the outcome explained in this language (`--lang`).
    pub lang: Option<Lang>,
    /// Threads normalising at once (`--jobs`).
    pub jobs: NonZeroUsize,
    /// The input is live (see [`crate::input::Input::live`]): hand each line's result on as
    /// soon as no more input is waiting.
    pub live: bool,
}

/// Normalises every line of `reader` to `out`; returns how many lines could not be used.
///
/// Lines read before a read error are still written, then the error is returned.
pub fn run(
    reader: impl BufRead + Send,
    out: &mut impl Write,
    options: Options,
) -> io::Result<usize> {
    if options.jobs.get() == 1 {
        run_serial(reader, out, options, BATCH_BYTES)
    } else {
        run_parallel(reader, out, options, BATCH_BYTES)
    }
}

/// Whole lines of the input, each ending with `\n`, and the number of the first one.
#[derive(Default)]
struct Batch {
    text: Vec<u8>,
    first_line: usize,
    lines: usize,
    /// The lines too long to keep (an empty line stands for each in `text`): their index in
    /// the batch and their length, in order.
    long: Vec<(usize, u64)>,
}

/// What a worker hands back for a batch: the output, and how many lines could not be used.
type Done = (Vec<u8>, usize);

/// One job: each batch normalised straight to `out`.
fn run_serial(
    reader: impl BufRead,
    out: &mut impl Write,
    options: Options,
    batch_bytes: usize,
) -> io::Result<usize> {
    let mut reader = LineReader::new(reader);
    let mut batch = Batch {
        first_line: 1,
        ..Batch::default()
    };
    let mut output = Vec::new();
    let mut failed = 0;
    loop {
        let read = read_batch(&mut reader, &mut batch, batch_bytes, options.live);
        if batch.lines == 0 {
            return read.map(|()| failed);
        }
        output.clear();
        failed += normalize_batch(&batch, &mut output, options);
        out.write_all(&output)?;
        // Whatever reads the output (a pager, a pipeline on a live log) gets each batch at once.
        out.flush()?;
        read?;
        batch.first_line += batch.lines;
    }
}

/// Several jobs: the pipeline of the module documentation.
fn run_parallel(
    reader: impl BufRead + Send,
    out: &mut impl Write,
    options: Options,
    batch_bytes: usize,
) -> io::Result<usize> {
    thread::scope(|scope| {
        // Returning early from here drops the channel ends, which stops the other threads.
        let (spent_tx, spent_rx) = mpsc::channel();
        let mut queues = Vec::new();
        let mut results = Vec::new();
        let mut workers = Vec::new();
        for _ in 0..options.jobs.get() {
            let (queue_tx, queue_rx) = mpsc::sync_channel(1);
            let (done_tx, done_rx) = mpsc::sync_channel(1);
            let (unused_tx, unused_rx) = mpsc::channel();
            let spent_tx = spent_tx.clone();
            workers.push(spawn(scope, move || {
                work(&queue_rx, &done_tx, &unused_rx, &spent_tx, options);
                Ok(())
            })?);
            queues.push(queue_tx);
            results.push((done_rx, unused_tx));
        }
        drop(spent_tx);
        let live = options.live;
        let reader = spawn(scope, move || {
            deal(reader, &queues, &spent_rx, batch_bytes, live)
        })?;

        let mut failed = 0;
        for (done, unused) in results.iter().cycle() {
            // Closed: the reader has dealt every batch and this worker has done them all.
            let Ok((output, batch_failed)) = done.recv() else {
                break;
            };
            failed += batch_failed;
            out.write_all(&output)?;
            out.flush()?;
            // The worker may have stopped already.
            let _ = unused.send(output);
        }
        drop(results);
        for thread in workers.into_iter().chain([reader]) {
            thread
                .join()
                .map_err(|_| io::Error::other("a normalize thread panicked"))??;
        }
        Ok(failed)
    })
}

fn spawn<'scope>(
    scope: &'scope Scope<'scope, '_>,
    f: impl FnOnce() -> io::Result<()> + Send + 'scope,
) -> io::Result<ScopedJoinHandle<'scope, io::Result<()>>> {
    thread::Builder::new()
        .name("normalize".to_owned())
        .spawn_scoped(scope, f)
}

/// The reader thread: reads batches into spent buffers and deals them to the workers in turn.
fn deal(
    reader: impl BufRead,
    queues: &[SyncSender<Batch>],
    spent: &Receiver<Vec<u8>>,
    batch_bytes: usize,
    live: bool,
) -> io::Result<()> {
    let mut reader = LineReader::new(reader);
    let mut first_line = 1;
    for queue in queues.iter().cycle() {
        let mut batch = Batch {
            text: spent.try_recv().unwrap_or_default(),
            first_line,
            ..Batch::default()
        };
        let read = read_batch(&mut reader, &mut batch, batch_bytes, live);
        if batch.lines == 0 {
            return read;
        }
        let lines = batch.lines;
        if queue.send(batch).is_err() {
            // The writer stopped on an error of its own, which it reports.
            return Ok(());
        }
        first_line += lines;
        read?;
    }
    Ok(())
}

/// A worker thread: normalises each batch of its queue into a buffer it hands to the writer,
/// until the queue is closed or the writer stops.
fn work(
    queue: &Receiver<Batch>,
    done: &SyncSender<Done>,
    unused: &Receiver<Vec<u8>>,
    spent: &Sender<Vec<u8>>,
    options: Options,
) {
    for batch in queue {
        let mut output = unused.try_recv().unwrap_or_default();
        output.clear();
        let failed = normalize_batch(&batch, &mut output, options);
        // The reader may have finished.
        let _ = spent.send(batch.text);
        if done.send((output, failed)).is_err() {
            return;
        }
    }
}

/// Fills `batch` (cleared first) with whole lines: `target` bytes or more, or to the end of the
/// input; when `live`, also ends it as soon as the lines read are all the input there is for
/// now. On a read error the lines read in full are kept (they are written before the error is
/// reported) and the incomplete line after them is dropped.
fn read_batch(
    reader: &mut LineReader<impl BufRead>,
    batch: &mut Batch,
    target: usize,
    live: bool,
) -> io::Result<()> {
    batch.text.clear();
    batch.long.clear();
    batch.lines = 0;
    while batch.text.len() < target {
        let line = reader.read_line(&mut batch.text)?;
        match line {
            Line::Eof => break,
            Line::Text { .. } => {}
            Line::TooLong { len, .. } => batch.long.push((batch.lines, len)),
        }
        batch.lines += 1;
        if live && line.drained() {
            break;
        }
    }
    Ok(())
}

/// The lines of `text`, each with its line break (`skip_until` on a slice finds them with a
/// word-at-a-time search, not byte by byte).
fn split_lines(mut text: &[u8]) -> impl Iterator<Item = &[u8]> {
    std::iter::from_fn(move || {
        let line = text;
        // Reading from a slice cannot fail.
        let len = text.skip_until(b'\n').ok()?;
        (len > 0).then(|| &line[..len])
    })
}

/// Normalises the lines of one batch, appending one output line each to `out`; returns how many
/// could not be used.
fn normalize_batch(batch: &Batch, out: &mut Vec<u8>, options: Options) -> usize {
    // Checked as UTF-8 once for the whole batch rather than once per line, which costs less;
    // when the check fails, each line is checked on its own, so only the bad lines are reported.
    let whole = std::str::from_utf8(&batch.text).ok();
    let mut start = 0;
    let mut failed = 0;
    let mut long = batch.long.iter().peekable();
    for (i, raw) in split_lines(&batch.text).enumerate() {
        let line = batch.first_line + i;
        let end = start + raw.len();
        let text = match whole.and_then(|all| all.get(start..end)) {
            Some(text) => Ok(Cow::Borrowed(input::without_break(text))),
            // Invalid UTF-8: the line with U+FFFD in place of the bad bytes.
            None => Ok(input::text(raw).0),
        };
        let text = match long.next_if(|(at, _)| *at == i) {
            Some((_, len)) => Err(input::too_long(*len)),
            None => text,
        };
        start = end;
        let mut error = |out: &mut Vec<u8>, error: &str| {
            failed += 1;
            // Writing into a `Vec` cannot fail.
            let _ = serde_json::to_writer(&mut *out, &ErrorLine { error, line });
        };
        match text {
            Err(e) => error(out, &e),
            Ok(text) => input::with_normalized(&text, options.hint, |result| match result {
                Ok(normalized) => json::write_normalized(out, normalized, options.lang),
                Err(e) => error(out, &e),
            }),
        }
        out.push(b'\n');
    }
    failed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that fails once its text is used up.
    struct Failing<'a>(&'a [u8]);

    impl io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = self.0.len().min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn options(jobs: usize) -> Options {
        Options {
            hint: Hint::default(),
            lang: None,
            jobs: NonZeroUsize::new(jobs).unwrap(),
            live: false,
        }
    }

    #[test]
    fn split_lines_keeps_the_breaks_and_a_last_line_without_one() {
        let all = |text: &'static [u8]| split_lines(text).collect::<Vec<_>>();
        assert!(all(b"").is_empty());
        assert_eq!(all(b"\n"), [b"\n"]);
        assert_eq!(all(b"a\r\n\nb"), [&b"a\r\n"[..], b"\n", b"b"]);
    }

    fn batch_of(reader: &mut LineReader<impl BufRead>, target: usize, live: bool) -> Batch {
        let mut batch = Batch::default();
        read_batch(reader, &mut batch, target, live).unwrap();
        batch
    }

    #[test]
    fn read_batch_ends_on_a_line_break_and_keeps_whole_lines_on_error() {
        let mut reader = LineReader::new(io::BufReader::with_capacity(4, &b"abcdef\ngh\nij"[..]));
        let batch = batch_of(&mut reader, 5, false);
        assert_eq!((&batch.text[..], batch.lines), (&b"abcdef\n"[..], 1));
        let batch = batch_of(&mut reader, 5, false);
        assert_eq!((&batch.text[..], batch.lines), (&b"gh\nij\n"[..], 2));
        assert_eq!(batch_of(&mut reader, 5, false).lines, 0);

        let mut reader = LineReader::new(io::BufReader::with_capacity(4, Failing(b"ab\ncd")));
        let mut batch = Batch::default();
        let err = read_batch(&mut reader, &mut batch, 100, false).unwrap_err();
        assert_eq!(err.to_string(), "disk on fire");
        assert_eq!(batch.text, b"ab\n", "the incomplete line is dropped");
        assert_eq!(batch.lines, 1);
    }

    #[test]
    fn a_live_batch_ends_when_the_buffered_input_does() {
        // The first read ends after two lines: so does the first batch.
        let mut reader = LineReader::new(io::BufReader::with_capacity(5, &b"a\nbb\nc\nd\n"[..]));
        let batch = batch_of(&mut reader, 1 << 16, true);
        assert_eq!((&batch.text[..], batch.lines), (&b"a\nbb\n"[..], 2));
        // A file's batch goes on to the target.
        let mut reader = LineReader::new(io::BufReader::with_capacity(5, &b"a\nbb\nc\nd\n"[..]));
        assert_eq!(batch_of(&mut reader, 1 << 16, false).lines, 4);
    }

    #[test]
    fn an_overlong_line_is_an_error_line_in_its_place() {
        let long = "x".repeat(crate::lines::MAX_LINE_BYTES + 1);
        let log = format!("{{\"code\":\"600011\"}}\n{long}\r{{\"code\":\"600008\"}}");
        let mut out = Vec::new();
        let failed = run_serial(log.as_bytes(), &mut out, options(1), 1 << 20).unwrap();
        assert_eq!(failed, 1);
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(
            lines[1].starts_with("{\"error\":\"line too long: "),
            "{}",
            lines[1]
        );
        assert!(lines[1].ends_with(",\"line\":2}"), "{}", lines[1]);
        assert!(lines[2].contains("\"600008\""), "{}", lines[2]);
    }

    /// Every line shape, bad ones included, over many tiny batches.
    const LOG: &[u8] = b"{\"code\":\"600008\",\"msg\":\"x\"}\n\n\xff\xfe\r\nnot a callback\r\n\"{msg: m, code: 600011}\"\n{\"resultCode\":1,\"resultMsg\":\"\xe8\xaf\xb7\xe6\xb1\x82\xe8\xb6\x85\xe6\x97\xb6\"}\n\"unterminated\n{\"result\":-8004}";

    #[test]
    fn any_number_of_jobs_and_any_batch_size_give_the_same_output() {
        let mut expected = Vec::new();
        let failed = run_serial(LOG, &mut expected, options(1), 1 << 20).unwrap();
        assert_eq!(failed, 4);
        assert_eq!(expected.iter().filter(|b| **b == b'\n').count(), 8);
        for batch_bytes in [1, 2, 7, 40, 1000] {
            let mut serial = Vec::new();
            run_serial(LOG, &mut serial, options(1), batch_bytes).unwrap();
            assert_eq!(serial, expected, "serial, batches of {batch_bytes}");
            for jobs in [2, 3, 8] {
                let mut out = Vec::new();
                let failed = run_parallel(LOG, &mut out, options(jobs), batch_bytes).unwrap();
                assert_eq!(failed, 4);
                assert_eq!(
                    String::from_utf8_lossy(&out),
                    String::from_utf8_lossy(&expected),
                    "{jobs} jobs, batches of {batch_bytes}"
                );
            }
        }
    }

    #[test]
    fn the_lines_before_a_read_error_are_written_then_the_error_is_returned() {
        for jobs in [1, 2, 3] {
            let reader = io::BufReader::with_capacity(8, Failing(LOG));
            let mut out = Vec::new();
            let err = if jobs == 1 {
                run_serial(reader, &mut out, options(1), 10)
            } else {
                run_parallel(reader, &mut out, options(jobs), 10)
            }
            .unwrap_err();
            assert_eq!(err.to_string(), "disk on fire");
            // Eight lines, the last without a line break: it is lost with the error.
            assert_eq!(
                out.iter().filter(|b| **b == b'\n').count(),
                7,
                "{jobs} jobs"
            );
        }
    }

    #[test]
    fn a_write_error_stops_every_thread() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let log = LOG.repeat(200);
        for jobs in [1, 2, 4] {
            let err = if jobs == 1 {
                run_serial(&log[..], &mut Full, options(1), 16)
            } else {
                run_parallel(&log[..], &mut Full, options(jobs), 16)
            }
            .unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        }
    }
}
