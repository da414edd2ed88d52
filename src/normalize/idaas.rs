//! Values pulled out of IDaaS message templates (`剩余登录次数：{0}`).

use crate::catalog::nfkc;
use crate::{Lang, Message};

/// The values an IDaaS back-end message filled into its template, e.g. the attempts left in
/// `IDAAS.SDK.LOGIN.1005` 用户名或密码错误，剩余登录次数：3.
///
/// ```
/// use numauth::normalize;
/// let n = normalize(r#"{"error_code":"IDAAS.SDK.LOGIN.1003","error_msg":"用户因多次登录失败已被锁定，将在4分30秒后解锁"}"#).unwrap();
/// let params = n.params.unwrap();
/// assert_eq!(params.values, ["4", "30"]);
/// assert_eq!((params.lock_minutes, params.lock_seconds), (Some(4), Some(30)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct IdaasParams {
    /// The template's values, `{0}` first, as they appear in the message.
    pub values: Vec<String>,
    /// `IDAAS.SDK.LOGIN.1005`: login attempts left before the account is locked.
    pub attempts_left: Option<u32>,
    /// `IDAAS.SDK.LOGIN.1003`: minutes until the account is unlocked.
    pub lock_minutes: Option<u32>,
    /// `IDAAS.SDK.LOGIN.1003`: seconds (after the minutes) until the account is unlocked.
    pub lock_seconds: Option<u32>,
}

/// The parameters of `msg` for the IDaaS `code` whose catalog message (`templates`) is a
/// template, if `msg` fits the zh or en template (both NFKC-normalised, ASCII case ignored).
pub(crate) fn params(code: &str, templates: Message, msg: &str) -> Option<IdaasParams> {
    if !templates.zh.contains("{0}") {
        return None;
    }
    // As written first: the message was made from the template, so this is the usual match
    // and costs no copies. Then both NFKC-normalised, for look-alike characters.
    let values = Lang::ALL
        .iter()
        .find_map(|&lang| fill(templates.get(lang), msg))
        .or_else(|| {
            let msg = nfkc(msg);
            Lang::ALL
                .iter()
                .find_map(|&lang| fill(&nfkc(templates.get(lang)), &msg))
        })?;
    let number = |i: usize| values.get(i).and_then(|v| v.trim().parse::<u32>().ok());
    let mut params = IdaasParams {
        values: Vec::new(),
        attempts_left: None,
        lock_minutes: None,
        lock_seconds: None,
    };
    match code {
        "IDAAS.SDK.LOGIN.1003" => {
            params.lock_minutes = number(0);
            params.lock_seconds = number(1);
        }
        "IDAAS.SDK.LOGIN.1005" => params.attempts_left = number(0),
        _ => {}
    }
    params.values = values;
    Some(params)
}

/// A template split into literal text and placeholder indices: `lits.len() == slots.len() + 1`.
fn split(template: &str) -> (Vec<&str>, Vec<usize>) {
    let mut lits = Vec::new();
    let mut slots = Vec::new();
    let mut rest = template;
    let mut lit_start = template;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or_default();
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index = after.get(..digits).and_then(|d| d.parse::<usize>().ok());
        match (index, after.as_bytes().get(digits)) {
            (Some(index), Some(b'}')) if index < 16 => {
                let consumed = template.len() - rest.len() + open;
                let lit_offset = template.len() - lit_start.len();
                lits.push(template.get(lit_offset..consumed).unwrap_or_default());
                slots.push(index);
                rest = after.get(digits + 1..).unwrap_or_default();
                lit_start = rest;
            }
            _ => rest = after,
        }
    }
    lits.push(lit_start);
    (lits, slots)
}

fn find_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(from);
    }
    h.get(from..)?
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|p| from + p)
}

/// The placeholder values of `msg` under `template`, in placeholder order.
fn fill(template: &str, msg: &str) -> Option<Vec<String>> {
    let (lits, slots) = split(template);
    let (first, rest) = lits.split_first()?;
    let first = first.trim_start();
    let mut pos = find_ci(msg, first, 0)? + first.len();
    let mut values = vec![String::new(); slots.iter().max().map_or(0, |m| m + 1)];
    for (slot, lit) in slots.iter().zip(rest) {
        let lit = lit.trim_end();
        let (value, next) = if lit.trim().is_empty() {
            (
                msg.get(pos..)?
                    .trim_end_matches(['.', '。', '!', '！', ' ']),
                msg.len(),
            )
        } else {
            let at = find_ci(msg, lit, pos)?;
            (msg.get(pos..at)?, at + lit.len())
        };
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        // NFKC: a value matched in the raw message may be written in full-width digits.
        *values.get_mut(*slot)? = nfkc(value).into_owned();
        pos = next;
    }
    values.iter().all(|v| !v.is_empty()).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_and_fill() {
        assert_eq!(split("a{0}b{1}"), (vec!["a", "b", ""], vec![0, 1]));
        assert_eq!(split("{x}{0}"), (vec!["{x}", ""], vec![0]));
        // Placeholders are {0} to {15}; a larger index is text (no 2^64-slot value list).
        assert_eq!(split("a{15}b"), (vec!["a", "b"], vec![15]));
        assert_eq!(split("a{16}b"), (vec!["a{16}b"], vec![]));
        assert_eq!(
            fill(
                "用户名或密码错误,剩余登录次数:{0}",
                "用户名或密码错误,剩余登录次数:3。"
            ),
            Some(vec!["3".into()])
        );
        assert_eq!(
            fill(
                "in {0} minutes and {1} seconds",
                "Unlocked IN 5 Minutes and 7 seconds."
            ),
            Some(vec!["5".into(), "7".into()])
        );
        assert_eq!(
            fill("{0}已失效", "session_token已失效"),
            Some(vec!["session_token".into()])
        );
        assert_eq!(fill("{0}已失效", "已失效"), None);
        assert_eq!(fill("调用接口{0}出错", "something else"), None);
    }
}
