//! `numauth serve`: the HTTP service of the `numauth-server` crate, doing its work with this
//! tool's own normalize, report and explain code (so the answers are the commands' output).

use std::io::{self, BufRead, Write};
use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Duration;

use numauth::{Entry, Hint, Lang, Source};

use crate::{explain, normalize, report};

/// The CLI's code behind the service's endpoints.
pub struct CliEngine {
    /// The most a body may decode to (`--max-body`): a gzip body is counted compressed as it
    /// arrives, and half a megabyte of it may inflate to gigabytes.
    pub max_decoded: u64,
}

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
        let mut input = crate::input::decoded(input, self.max_decoded)?;
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
        let input = crate::input::decoded(input, self.max_decoded)?;
        let report = report::build(input, None, hint, top, lang)?;
        serde_json::to_vec(&report).map_err(io::Error::other)
    }

    fn explain(
        &self,
        code: &str,
        source: Option<Source>,
        message: Option<&str>,
    ) -> Result<Vec<&'static Entry>, String> {
        let found = numauth::meanings(code, source, message);
        if found.is_empty() {
            Err(explain::unknown(code, source))
        } else {
            Ok(found)
        }
    }
}

/// `numauth serve`'s flags.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on (port 0: any free port)
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Largest request body (bytes, or with a K, M or G suffix); larger gets 413
    #[arg(long, default_value = "256M", value_parser = parse_size)]
    max_body: u64,
    /// Seconds a request body may take in all before it gets 408, 1 to 86400
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    timeout: u64,
    /// Seconds a request body may send nothing, or a streamed answer wait for the client
    /// to read, before the request ends, 1 to 3600
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=3600))]
    idle_timeout: u64,
    /// Origin allowed to call the API from a browser, scheme://host[:port] (repeat for
    /// more; * for any); none: CORS off
    #[arg(long, value_parser = numauth_server::cors_origin)]
    cors_origin: Vec<String>,
    /// Threads for NDJSON normalise requests, 1 to 256, shared by all requests: a request
    /// takes what is free, up to N, else runs on one thread
    #[arg(long, short, value_name = "N", value_parser = crate::parse_jobs, default_value = "1")]
    jobs: NonZeroUsize,
    /// NDJSON normalise and report requests at work at once, 1 to 4096 (each holds a thread
    /// while its body arrives); one more waits up to the idle timeout, then gets 503
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=4096))]
    max_streams: u64,
    /// Connections open at once, 1 to 65536; one more gets 503 and is closed
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=65_536))]
    max_connections: u64,
}

impl Args {
    /// The server's settings; `lang` is `--lang` when given before `serve`.
    pub fn config(self, lang: Option<Lang>) -> numauth_server::Config {
        numauth_server::Config {
            listen: self.listen,
            max_body: self.max_body,
            body_timeout: Duration::from_secs(self.timeout),
            idle_timeout: Duration::from_secs(self.idle_timeout),
            cors_origins: self.cors_origin,
            jobs: self.jobs,
            lang,
            max_streams: usize::try_from(self.max_streams).unwrap_or(usize::MAX),
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
            ..numauth_server::Config::default()
        }
    }
}

/// Runs the service until the process is stopped.
pub fn run(config: numauth_server::Config) -> io::Result<()> {
    let engine = CliEngine {
        max_decoded: config.max_body,
    };
    numauth_server::serve(Arc::new(engine), config)
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
    n.checked_mul(1 << shift).filter(|n| *n > 0).ok_or_else(|| {
        format!("size out of range: {s:?} (give 1 byte to 16 EiB, such as 64K, 256M or 1G)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes_and_refuse_nonsense() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("100"), Ok(100));
        // Out of range says what to give (a red-team find: it did not).
        let zero = parse_size("0").unwrap_err();
        assert!(zero.contains("\"0\"") && zero.contains("256M"), "{zero}");
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
