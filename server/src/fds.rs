//! The open-file limit the connection limit needs. Every connection holds a descriptor, and so
//! does a refused one until its 503 is written; past the process's limit `accept` fails
//! (EMFILE), and new clients waited in the backlog with no answer (a red-team find: with the
//! defaults, 1,024 connections and Debian's soft limit of 1,024 files, the 503 could never be
//! sent). So the soft limit is raised toward the hard one as far as needed, as Go's runtime
//! does, and past the hard one the connection limit is lowered to fit, with a warning.

/// Descriptors kept for the server's own use beside connections: the listener, the runtime's
/// (epoll, its wakers), standard streams, and a connection being refused.
pub const RESERVED: u64 = 64;

/// How many connections fit in `limit` open files (`None`: no limit), `RESERVED` kept aside.
pub fn fitting(max: usize, limit: Option<u64>) -> usize {
    match limit {
        None => max,
        Some(files) => {
            let room = files.saturating_sub(RESERVED).max(1);
            max.min(usize::try_from(room).unwrap_or(usize::MAX))
        }
    }
}

/// The connection limit to use for `max`: the open-file limit raised as far as `max` needs and
/// the hard limit allows, and `max` lowered to what then fits, said on standard error.
#[cfg(unix)]
pub fn fit(max: usize) -> usize {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let now = getrlimit(Resource::Nofile);
    let needed = u64::try_from(max)
        .unwrap_or(u64::MAX)
        .saturating_add(RESERVED);
    let wanted = match now.maximum {
        Some(hard) => needed.min(hard),
        None => needed,
    };
    let soft = match now.current {
        Some(soft) if soft < wanted => {
            let raised = Rlimit {
                current: Some(wanted),
                maximum: now.maximum,
            };
            match setrlimit(Resource::Nofile, raised) {
                Ok(()) => Some(wanted),
                Err(_) => Some(soft),
            }
        }
        soft => soft,
    };
    let fits = fitting(max, soft);
    if fits < max {
        eprintln!(
            "numauth: --max-connections {max} is more than this process may open files for \
             (ulimit -n {}, less {RESERVED} kept for the server's own): at most {fits} \
             connections; raise the hard limit (ulimit -Hn) for more",
            soft.unwrap_or_default()
        );
    }
    fits
}

/// Elsewhere the limit is left as it is.
#[cfg(not(unix))]
pub fn fit(max: usize) -> usize {
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_fit_the_files_left_beside_the_reserved_ones() {
        assert_eq!(fitting(1024, None), 1024);
        assert_eq!(fitting(1024, Some(1024)), 1024 - 64);
        assert_eq!(fitting(1024, Some(1024 + 64)), 1024);
        assert_eq!(fitting(10, Some(1_000_000)), 10);
        // Fewer files than kept aside: one connection still, as `--max-connections 1` gets.
        assert_eq!(fitting(1024, Some(10)), 1);
    }
}
