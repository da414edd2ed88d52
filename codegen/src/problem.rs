//! What is wrong with the data, said so that a data author can fix it.

use std::fmt;

/// One problem in one data file, optionally at one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the crate root, e.g. `data/cmcc.yaml`.
    pub file: String,
    /// The 1-based position of the entry in its file, and its code, when the problem is in one entry.
    pub entry: Option<(usize, String)>,
    /// What is wrong, and where possible what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some((n, code)) => write!(
                f,
                "{}: entry {n} (code {code:?}): {}",
                self.file, self.message
            ),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every problem found; the build reports them all at once rather than one per run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub(crate) fn file(&mut self, file: &str, message: impl Into<String>) {
        self.0.push(Problem {
            file: file.to_owned(),
            entry: None,
            message: message.into(),
        });
    }

    pub(crate) fn entry(&mut self, file: &str, n: usize, code: &str, message: impl Into<String>) {
        self.0.push(Problem {
            file: file.to_owned(),
            entry: Some((n, code.to_owned())),
            message: message.into(),
        });
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        write!(
            f,
            "{} problem(s) in the numauth data; see data/README.md",
            self.0.len()
        )
    }
}

impl std::error::Error for Problems {}
