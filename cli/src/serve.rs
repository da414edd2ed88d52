//! `numauth serve`: the HTTP service of the `numauth-server` crate, doing its work with this
//! tool's own normalize, report and explain code (so the answers are the commands' output).

use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::sync::Arc;

use numauth::{Entry, Hint, Lang, Source};

use crate::{explain, normalize, report};

/// The CLI's code behind the service's endpoints.
pub struct CliEngine;

impl numauth_server::Engine for CliEngine {
    fn normalize(
        &self,
        input: &mut (dyn BufRead + Send),
        mut out: &mut (dyn Write + Send),
        hint: Hint,
        lang: Option<Lang>,
        jobs: NonZeroUsize,
    ) -> io::Result<usize> {
        // A body is read as a file is: gzip and UTF-16 with a byte order mark decoded.
        let mut input = crate::input::decoded(input)?;
        let options = normalize::Options {
            hint,
            // One output shape, as `numauth normalize`: `explain` on every line (English unless
            // the request asks for another language).
            lang: Some(lang.unwrap_or(Lang::En)),
            jobs,
            // The server's body queue already hands over what has arrived; batches as for files.
            live: false,
        };
        normalize::run(&mut input, &mut out, options)
    }

    fn report(
        &self,
        input: &mut (dyn BufRead + Send),
        hint: Hint,
        top: usize,
        lang: Lang,
    ) -> io::Result<Vec<u8>> {
        let input = crate::input::decoded(input)?;
        let report = report::build(input, None, hint, top, lang)?;
        serde_json::to_vec(&report).map_err(io::Error::other)
    }

    fn explain(
        &self,
        code: &str,
        source: Option<Source>,
        message: Option<&str>,
    ) -> Result<Vec<&'static Entry>, String> {
        let found = explain::meanings(code, source, message);
        if found.is_empty() {
            Err(explain::unknown(code, source))
        } else {
            Ok(found)
        }
    }
}

/// Runs the service until the process is stopped.
pub fn run(config: numauth_server::Config) -> io::Result<()> {
    numauth_server::serve(Arc::new(CliEngine), config)
}

/// `--max-body`: bytes, with an optional K, M or G suffix (powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 10),
        Some((i, 'M' | 'm')) => (&t[..i], 20),
        Some((i, 'G' | 'g')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("not a size: {s:?} (bytes, or a number with K, M or G)"))?;
    n.checked_mul(1 << shift)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("size out of range: {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes_and_refuse_nonsense() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("0").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
