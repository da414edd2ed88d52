//! Terminal presentation: language choice and colour, decided once per run.

use std::io::IsTerminal;

use clap::ValueEnum;
use numauth::{Category, Lang};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// How to print: the language and whether to use ANSI colour.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    /// `--lang` when given (the server's default for requests that name none).
    pub explicit_lang: Option<Lang>,
    color: bool,
}

impl Style {
    pub fn new(lang: Option<Lang>, color: ColorChoice) -> Self {
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Style {
            lang: lang.unwrap_or_else(lang_from_env),
            explicit_lang: lang,
            color,
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Colour by category: green success, cyan progress, yellow cancelled, red failure.
    pub fn category(&self, category: Category, text: &str) -> String {
        let code = match category {
            Category::Success => "32",
            Category::Progress => "36",
            Category::Cancelled => "33",
            _ => "31",
        };
        self.paint(code, text)
    }

    /// Picks the text of the run's language.
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Zh => zh,
            _ => en,
        }
    }
}

/// The language from `LC_ALL`, then `LANG` (POSIX precedence): `zh*` is Chinese, else English.
pub fn lang_from_env() -> Lang {
    ["LC_ALL", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find_map(|v| Lang::from_locale(&v))
        .unwrap_or(Lang::En)
}
