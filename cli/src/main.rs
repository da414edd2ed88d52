//! `numauth`: explain, browse and export the result codes of China's one-click mobile login.

mod explain;
mod export;
mod input;
mod json;
mod list;
mod normalize;
mod report;
mod report_html;
mod serve;
mod style;

use std::io::{self, BufWriter, Write};
use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use numauth::{entries, AuthOutcome, Hint, Lang, Source};

use crate::style::{ColorChoice, Style};

#[derive(Debug, Parser)]
#[command(
    name = "numauth",
    version,
    about = "Explain the result codes of China's one-click mobile login (Alibaba Cloud PNS, fusion auth, CMCC/CUCC/CTCC, Dypnsapi, IDaaS)",
    after_help = "Examples:\n  numauth explain 600011\n  numauth explain 1 --source cucc 请求超时\n  numauth list --source cmcc --outcome timeout\n  numauth export --format csv > catalog.csv\n  numauth normalize callbacks.ndjson\n  numauth report callbacks.ndjson"
)]
struct Cli {
    /// Language of the output: zh or en [default: from LC_ALL / LANG, zh_* is zh, else en]
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,

    /// When to colour the output (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Everything the catalog knows about a code: meaning, outcome, who must act, what to do
    #[command(
        after_help = "Examples:\n  numauth explain 600011\n  numauth explain 600001            # one block per source that knows it\n  numauth explain 1 --source cucc 请求超时\n  numauth explain 103119 --json\n\nExit status: 0 when the code is known, 1 when no searched source knows it."
    )]
    Explain {
        /// The code, exactly as the SDK returned it (600011, -8004, isv.TOKEN_INVALID, IDAAS.SDK.LOGIN.1003)
        #[arg(allow_hyphen_values = true)]
        code: String,
        /// The message that came with the code (China Unicom `1` + message rows)
        message: Option<String>,
        /// Only this source's meaning
        #[arg(long, short, value_parser = parse_source)]
        source: Option<Source>,
        /// Print the entries as a JSON array (the export shape)
        #[arg(long)]
        json: bool,
    },
    /// Browse the catalog, optionally filtered by source and outcome
    #[command(
        after_help = "Examples:\n  numauth list --source cucc\n  numauth list --outcome mobile_data_disabled --json"
    )]
    List {
        /// Only this source
        #[arg(long, short, value_parser = parse_source)]
        source: Option<Source>,
        /// Only entries with this outcome
        #[arg(long, short, value_parser = parse_outcome)]
        outcome: Option<AuthOutcome>,
        /// Print a JSON array (the export shape)
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV with a header (the export columns)
        #[arg(long)]
        csv: bool,
    },
    /// Normalise a callback log: NDJSON in, one JSON result per input line out
    #[command(
        after_help = "Each input line is a callback JSON object or a JSON string holding raw text as logged\n(iOS NSDictionary dump, Flutter map, Java toString, log line). A line that cannot be used\ngives {\"error\": \"...\", \"line\": N} and processing goes on.\n\nThe input is read in batches of about 64 KiB of lines, dealt out to the jobs in turn; the\noutput is written batch by batch, in input order, the same for any number of jobs.\n\nExamples:\n  numauth normalize data/samples/callbacks.ndjson\n  numauth normalize --jobs 4 big.ndjson > normalized.ndjson\n  adb logcat | grep onToken | jq -R . | numauth normalize --source pns\n\nExit status: 0 when every line was read (even if some were unusable), 1 on a read error."
    )]
    Normalize {
        /// The NDJSON file to read [default: standard input]
        file: Option<PathBuf>,
        /// Treat every callback as coming from this source instead of detecting it
        #[arg(long, short, value_parser = parse_source)]
        source: Option<Source>,
        /// Threads normalising at once, 1 to 256 [default: one per core]
        #[arg(long, short, value_name = "N", value_parser = parse_jobs)]
        jobs: Option<NonZeroUsize>,
    },
    /// Summarise a callback log: what is failing, the root causes, who must act
    #[command(
        after_help = "Reads the same input as `normalize`. A progress bar is drawn on stderr when it is a terminal.\n\nExamples:\n  numauth report data/samples/callbacks.ndjson\n  numauth report --json --top 5 < callbacks.ndjson\n  numauth report --format html -o report.html callbacks.ndjson"
    )]
    Report {
        /// The NDJSON file to read [default: standard input]
        file: Option<PathBuf>,
        /// Treat every callback as coming from this source instead of detecting it
        #[arg(long, short, value_parser = parse_source)]
        source: Option<Source>,
        /// How many outcomes and root causes to list
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print the report as JSON (the same as --format json)
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output format: text, json, or html (one self-contained file with charts)
        #[arg(long, value_enum)]
        format: Option<report_html::Format>,
        /// Write the report to this file instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Serve the JSON API and the web page for support dashboards (see server/README.md)
    #[command(
        after_help = "Examples:\n  numauth serve\n  numauth serve --listen 0.0.0.0:9000 --max-body 64M --cors-origin https://ops.example.com\n\nPrints `numauth: listening on http://ADDR` once the socket is bound."
    )]
    Serve {
        /// Address to listen on (port 0: any free port)
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Largest request body (bytes, or with a K, M or G suffix); larger gets 413
        #[arg(long, default_value = "256M", value_parser = serve::parse_size)]
        max_body: u64,
        /// Seconds a request body may take in all before it gets 408
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// Origin allowed to call the API from a browser (repeat for more); none: CORS off
        #[arg(long)]
        cors_origin: Vec<String>,
        /// Threads per NDJSON normalise request, 1 to 256
        #[arg(long, short, value_name = "N", value_parser = parse_jobs, default_value = "1")]
        jobs: NonZeroUsize,
    },
    /// Print the whole catalog for dashboards (see the README for the fields)
    #[command(
        after_help = "Examples:\n  numauth export --format json > catalog.json\n  numauth export --format csv > catalog.csv\n  numauth export --format ndjson | head -1"
    )]
    Export {
        /// Output format
        #[arg(long, short, value_enum, default_value_t = export::Format::Json)]
        format: export::Format,
    },
}

fn parse_source(s: &str) -> Result<Source, String> {
    s.parse().map_err(|e: numauth::ParseIdError| e.to_string())
}

fn parse_outcome(s: &str) -> Result<AuthOutcome, String> {
    s.parse().map_err(|e: numauth::ParseIdError| e.to_string())
}

/// The most `--jobs` accepted, and the most threads the default uses.
const MAX_JOBS: usize = 256;

/// `--jobs`: 1 to [`MAX_JOBS`]; 0 is refused rather than read as "the default".
fn parse_jobs(s: &str) -> Result<NonZeroUsize, String> {
    let n: usize = s
        .parse()
        .map_err(|e| format!("not a number of threads: {e}"))?;
    match NonZeroUsize::new(n) {
        None => Err("must be at least 1 (leave out --jobs to use one per core)".to_owned()),
        Some(n) if n.get() > MAX_JOBS => Err(format!("must be at most {MAX_JOBS}")),
        Some(n) => Ok(n),
    }
}

/// One job per core, as far as the system can tell; 1 when it cannot.
fn default_jobs() -> NonZeroUsize {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    NonZeroUsize::new(cores.min(MAX_JOBS)).unwrap_or(NonZeroUsize::MIN)
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse().map_err(|e: numauth::ParseIdError| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = Style::new(cli.lang, cli.color);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 << 10, stdout.lock());
    let result =
        run(cli.command, &style, cli.lang, &mut out).and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => code,
        // A closed pipe (`numauth export | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("numauth: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(
    command: Command,
    style: &Style,
    lang: Option<Lang>,
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    match command {
        Command::Explain {
            code,
            message,
            source,
            json,
        } => {
            let found = explain::meanings(&code, source, message.as_deref());
            if found.is_empty() {
                eprintln!("numauth: {}", explain::unknown(&code, source));
                return Ok(ExitCode::FAILURE);
            }
            if json {
                export::write(out, export::Format::Json, found.into_iter())?;
            } else {
                explain::write_text(out, style, &found)?;
            }
        }
        Command::List {
            source,
            outcome,
            json,
            csv,
        } => {
            let selected = entries()
                .filter(|e| source.is_none_or(|s| e.source() == s))
                .filter(|e| outcome.is_none_or(|o| e.outcome() == o));
            if json {
                export::write(out, export::Format::Json, selected)?;
            } else if csv {
                export::write(out, export::Format::Csv, selected)?;
            } else {
                list::write_text(out, style, selected)?;
            }
        }
        Command::Export { format } => export::write(out, format, entries())?,
        Command::Normalize { file, source, jobs } => {
            let (reader, _) = input::open(file.as_deref())?;
            let options = normalize::Options {
                hint: Hint {
                    source,
                    ..Hint::default()
                },
                lang,
                jobs: jobs.unwrap_or_else(default_jobs),
            };
            normalize::run(reader, out, options)?;
        }
        Command::Report {
            file,
            source,
            top,
            json,
            format,
            output,
        } => {
            let (reader, size) = input::open(file.as_deref())?;
            let hint = Hint {
                source,
                ..Hint::default()
            };
            let report = report::build(reader, size, hint, top, style.lang)?;
            let format = format.unwrap_or(if json {
                report_html::Format::Json
            } else {
                report_html::Format::Text
            });
            match output {
                Some(path) => report_html::to_file(&path, format, style, &report)?,
                None => report_html::write(out, format, style, &report)?,
            }
        }
        Command::Serve {
            listen,
            max_body,
            timeout,
            cors_origin,
            jobs,
        } => {
            let config = numauth_server::Config {
                listen,
                max_body,
                body_timeout: Duration::from_secs(timeout.max(1)),
                cors_origins: cors_origin,
                ..numauth_server::Config::default()
            };
            serve::run(config, jobs)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
