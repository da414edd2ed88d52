//! `numauth`: explain, browse and export the result codes of China's one-click mobile login.

#![forbid(unsafe_code)]

mod explain;
mod export;
mod input;
mod json;
mod lines;
mod list;
mod normalize;
mod report;
mod report_html;
mod report_text;
mod serve;
mod style;
mod utf16;

use std::io::{self, BufWriter, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use numauth::{entries, AuthOutcome, Hint, Lang, ParseIdError, Platform, Source};
use strum::IntoEnumIterator;

use crate::style::{ColorChoice, Style};

#[derive(Debug, Parser)]
#[command(
    name = "numauth",
    version,
    about = "Explain the result codes of China's one-click mobile login (Alibaba Cloud PNS, fusion auth, CMCC/CUCC/CTCC, Dypnsapi, IDaaS)",
    after_help = "Examples:\n  numauth explain 600011\n  numauth explain 1 --source cucc 请求超时\n  numauth list --source cmcc --outcome timeout\n  numauth export --format csv > catalog.csv\n  numauth normalize callbacks.ndjson\n  numauth report callbacks.ndjson"
)]
struct Cli {
    /// Language of all human-readable text, the same on every subcommand: explain, list and
    /// report text, report's catalog messages, and the `explain` object on every normalize line
    /// [default: from LC_ALL, then LANG: zh_* is zh, anything else en]
    #[arg(long, global = true, value_parser = id_parser::<Lang>(Lang::ALL.map(Lang::as_str)))]
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
        #[arg(long, short, value_parser = enum_parser::<Source>())]
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
        #[arg(long, short, value_parser = enum_parser::<Source>())]
        source: Option<Source>,
        /// Only entries with this outcome
        #[arg(long, short, value_parser = enum_parser::<AuthOutcome>())]
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
        after_help = "Each input line is a callback JSON object or a JSON string holding raw text as logged\n(iOS NSDictionary dump, Flutter map, Java toString, log line). Lines end with \\n, \\r\\n or \\r.\nThe input may be gzip-compressed or UTF-16 with a byte order mark; invalid UTF-8 bytes are\nread as U+FFFD and NUL bytes dropped, so the rest of the callback is still read.\n\nOutput: exactly one JSON object per input line, in input order, whatever --lang and --jobs:\nthe normalised callback (fields in the README) with \"explain\": {title, user_text, action} last,\nin the --lang language; or {\"error\": \"...\", \"line\": N} for a line that cannot be used\n(empty, not a callback, longer than 128 KiB), and processing goes on.\n\nFrom a file, lines are read in batches of about 64 KiB dealt out to the jobs in turn. From a\npipe or terminal, each line's result is written and flushed as soon as the line arrives.\n\nExamples:\n  numauth normalize data/samples/callbacks.ndjson\n  numauth normalize --jobs 4 big.ndjson.gz > normalized.ndjson\n  adb logcat | grep onToken | jq -R . | numauth normalize --source pns\n\nExit status: 0 when every line was read (even if some were unusable, and when the reader of\nthe output closes it early), 1 on a read or write error, 2 on a usage error or an input that\ncannot be opened (missing, a directory, no permission)."
    )]
    Normalize {
        /// The NDJSON file to read, plain or gzip; - for standard input [default: standard input]
        file: Option<PathBuf>,
        /// Treat every callback as coming from this source instead of detecting it (a Flutter
        /// plugin's source, such as flutter_ali_auth, also reads the PNS codes the plugin passes on)
        #[arg(long, short, value_parser = enum_parser::<Source>())]
        source: Option<Source>,
        /// Threads normalising at once, 1 to 256 [default: one per core]
        #[arg(long, short, value_name = "N", value_parser = parse_jobs)]
        jobs: Option<NonZeroUsize>,
        #[command(flatten)]
        device: DeviceArgs,
    },
    /// Summarise a callback log: what is failing, the root causes, who must act
    #[command(
        after_help = "Reads the same input as `normalize`. A progress bar is drawn on stderr when it is a terminal.\nEach outcome and root cause says who must act (actor). Lines with invalid UTF-8 or NUL bytes\nare read and counted as warnings. Root causes are counted exactly for the first 10,000\ndistinct ones; callbacks whose root cause is first seen after that are counted as other.\n\nExamples:\n  numauth report data/samples/callbacks.ndjson\n  numauth report --json --top 5 < callbacks.ndjson\n  numauth report --format html -o report.html callbacks.ndjson"
    )]
    Report {
        /// The NDJSON file to read, plain or gzip; - for standard input [default: standard input]
        file: Option<PathBuf>,
        /// Treat every callback as coming from this source instead of detecting it (a Flutter
        /// plugin's source, such as flutter_ali_auth, also reads the PNS codes the plugin passes on)
        #[arg(long, short, value_parser = enum_parser::<Source>())]
        source: Option<Source>,
        /// How many outcomes and root causes to list
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print the report as JSON (the same as --format json)
        #[arg(long, conflicts_with = "format")]
        json: bool,
        #[command(flatten)]
        device: DeviceArgs,
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
    Serve(serve::Args),
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

/// A value parser taking the enum's ids, which `--help` and usage errors list.
fn id_parser<T>(ids: impl IntoIterator<Item = &'static str>) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr<Err = ParseIdError> + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(ids.into_iter().map(PossibleValue::new)).try_map(|id| id.parse::<T>())
}

/// [`id_parser`] for a catalog enum: every variant, as the catalog has them today.
fn enum_parser<T>() -> impl TypedValueParser<Value = T>
where
    T: IntoEnumIterator + Into<&'static str>,
    T: std::str::FromStr<Err = ParseIdError> + Clone + Send + Sync + 'static,
{
    id_parser(T::iter().map(Into::into))
}

/// The most `--jobs` accepted, and the most threads the default uses.
const MAX_JOBS: usize = 256;

/// `--jobs`: 1 to [`MAX_JOBS`]; 0 is refused rather than read as "the default".
pub(crate) fn parse_jobs(s: &str) -> Result<NonZeroUsize, String> {
    let n: usize = s
        .parse()
        .map_err(|e| format!("not a number of threads: {e}"))?;
    match NonZeroUsize::new(n) {
        None => Err("must be at least 1 (leave out --jobs for the default)".to_owned()),
        Some(n) if n.get() > MAX_JOBS => Err(format!("must be at most {MAX_JOBS}")),
        Some(n) => Ok(n),
    }
}

/// One job per core, as far as the system can tell; 1 when it cannot.
fn default_jobs() -> NonZeroUsize {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    NonZeroUsize::new(cores.min(MAX_JOBS)).unwrap_or(NonZeroUsize::MIN)
}

/// Writes `numauth: {message}` to stderr. A closed or full stderr is ignored: there is nowhere
/// left to say anything, and the exit status still tells.
fn say(message: impl std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "numauth: {message}");
}

/// The arguments, or the exit for `--help`, `--version` and usage errors. Printing them to a
/// closed or full stream exits 1 (2 for a usage error) without a panic.
fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        let printed = e.print();
        match (e.exit_code(), printed) {
            (0, Err(e)) if e.kind() != io::ErrorKind::BrokenPipe => ExitCode::FAILURE,
            (code, _) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        }
    })
}

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let style = Style::new(cli.lang, cli.color);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 << 10, stdout.lock());
    let result = run(cli.command, &style, &mut out).and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => code,
        // A closed pipe (`numauth export | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say(e);
            ExitCode::FAILURE
        }
    }
}

/// The input of `normalize` and `report`; `None` once the error is said when it cannot be
/// opened (missing, a directory, no permission): the exit is then 2, as for a usage error,
/// since the command line named something that cannot be read.
fn open(path: Option<&std::path::Path>) -> Option<input::Input> {
    input::open(path).map_err(say).ok()
}

/// `numauth explain`: every meaning of a code, or exit 1 naming the sources searched.
fn run_explain(
    code: &str,
    message: Option<&str>,
    source: Option<Source>,
    json: bool,
    style: &Style,
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    // As pasted from a log or a chat: surrounding spaces and line breaks are not the code.
    let code = code.trim();
    if code.is_empty() {
        // Not a code no source knows: nothing was given (`numauth explain " "`, `$CODE` unset).
        say("the code is blank: give one, such as 600011 (`numauth list` browses them all)");
        return Ok(ExitCode::from(2));
    }
    let found = numauth::meanings(code, source, message.map(str::trim));
    if found.is_empty() {
        say(explain::unknown(code, source));
        return Ok(ExitCode::FAILURE);
    }
    if json {
        export::write(out, export::Format::Json, found.into_iter())?;
    } else {
        explain::write_text(out, style, &found)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `numauth report`: the summary of a log, as text, JSON or one HTML file.
fn run_report(
    file: Option<&Path>,
    hint: Hint,
    top: usize,
    format: report_html::Format,
    output: Option<&Path>,
    style: &Style,
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    let Some(input) = open(file) else {
        return Ok(ExitCode::from(2));
    };
    let report = report::build(input.reader, input.size, hint, top, style.lang)?;
    match output {
        Some(path) => report_html::to_file(path, format, style, &report)?,
        None => report_html::write(out, format, style, &report)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run(command: Command, style: &Style, out: &mut impl Write) -> io::Result<ExitCode> {
    match command {
        Command::Explain {
            code,
            message,
            source,
            json,
        } => return run_explain(&code, message.as_deref(), source, json, style, out),
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
        Command::Normalize {
            file,
            source,
            jobs,
            device,
        } => {
            let Some(input) = open(file.as_deref()) else {
                return Ok(ExitCode::from(2));
            };
            let options = normalize::Options {
                hint: device.hint(source),
                // One output shape: `explain` on every line, in the run's language.
                lang: Some(style.lang),
                jobs: jobs.unwrap_or_else(default_jobs),
                live: input.live,
            };
            normalize::run(input.reader, out, options)?;
        }
        Command::Report {
            file,
            source,
            top,
            json,
            device,
            format,
            output,
        } => {
            let format = format.unwrap_or(if json {
                report_html::Format::Json
            } else {
                report_html::Format::Text
            });
            let hint = device.hint(source);
            return run_report(
                file.as_deref(),
                hint,
                top,
                format,
                output.as_deref(),
                style,
                out,
            );
        }
        Command::Serve(args) => serve::run(args.config(style.explicit_lang))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the callbacks came from, for advice (`data/advice.yaml`); a payload's own `sdkVersion`
/// or `release` counts where these are not given.
#[derive(clap::Args, Debug, Clone, Copy)]
struct DeviceArgs {
    /// The platform the callbacks came from
    #[arg(long, value_parser = enum_parser::<Platform>())]
    platform: Option<Platform>,
    /// The devices' OS version, e.g. 16.4
    #[arg(long, value_name = "VERSION")]
    os_version: Option<numauth::Version>,
    /// The SDK version that produced the callbacks, e.g. 2.12.14
    #[arg(long, value_name = "VERSION")]
    sdk_version: Option<numauth::Version>,
}

impl DeviceArgs {
    fn hint(self, source: Option<Source>) -> Hint {
        Hint {
            source,
            platform: self.platform,
            os_version: self.os_version,
            sdk_version: self.sdk_version,
            ..Hint::default()
        }
    }
}
