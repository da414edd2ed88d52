//! Secrets written as `key=value` or `key: value` in text: a log line's `token=STsid…`,
//! `accessCode: ac_…`, `password='hunter2'`, `token：STsid…` (the full-width colon of Chinese
//! text), `密码：hunter2`. The value after a key that names a secret (the same words as a
//! field's key, [`secret_kind`], or their Chinese names) is redacted in place, as a field's
//! would be.

use std::borrow::Cow;

use super::{fold_key, redacted, secret_in, spaced_key_kind, text_key_kind};
use crate::normalize::scan::find_any;

/// The Chinese names of secrets that logs write before a separator, and their kinds.
const CHINESE_KEYS: [(&str, &str); 21] = [
    ("令牌", "token"),
    // A one-time password is a code (before `密码`, which it ends with).
    ("动态密码", "code"),
    ("授权码", "code"),
    // SMS verification codes (`短信验证码` ends with `验证码`).
    ("验证码", "code"),
    ("动态码", "code"),
    ("校验码", "code"),
    ("密码", "secret"),
    ("口令", "secret"),
    // Traditional script (Taiwan, Hong Kong).
    ("驗證碼", "code"),
    ("授權碼", "code"),
    // Other names that SMS templates give a one-time code (a carrier's 随机码, Microsoft's
    // 安全代码); not `代码`, `错误码` or `返回码`, which name result codes.
    ("随机码", "code"),
    ("短信码", "code"),
    ("登录码", "code"),
    ("认证码", "code"),
    ("安全码", "code"),
    ("安全代码", "code"),
    ("确认码", "code"),
    ("激活码", "code"),
    ("核验码", "code"),
    ("密碼", "secret"),
    ("權杖", "token"),
];

/// The kind of secret a key that ends with one of the [`CHINESE_KEYS`] names (`密码`,
/// `短信验证码`).
pub(super) fn chinese_kind(key: &[u8]) -> Option<&'static str> {
    // Every name ends with a byte of a Chinese character: most separators follow ASCII.
    if key.last().is_none_or(u8::is_ascii) {
        return None;
    }
    let (name, kind) = CHINESE_KEYS
        .iter()
        .find(|(k, _)| key.ends_with(k.as_bytes()))?;
    // `是否需要验证码`, `需要验证码`: whether one is needed, not the code.
    let need = key
        .get(..key.len() - name.len())
        .is_some_and(|h| h.ends_with("需要".as_bytes()));
    (!need).then_some(*kind)
}

/// The Chinese names of one-time codes (an SMS writes its code right after one:
/// `验证码482913`).
pub(super) fn chinese_code_names() -> impl Iterator<Item = &'static str> {
    CHINESE_KEYS
        .iter()
        .filter(|(_, kind)| *kind == "code")
        .map(|(name, _)| *name)
}

/// Whether `text` holds one of the [`CHINESE_KEYS`] anywhere.
pub(super) fn mentions_chinese_key(text: &str) -> bool {
    CHINESE_KEYS.iter().any(|(k, _)| text.contains(k))
}

/// `text` with the value after each secret key written in it redacted in place
/// (`获取token成功 token=STsid0001` → `获取token成功 token=<redacted token: 9 chars>`).
/// Borrowed when it names none, as almost every text does.
pub(crate) fn mask_keyed(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    // Most texts have no separator: eight bytes at a time to find one (`0xEF` leads `：`, `＝`).
    while let Some(at) = find_any(b, from, [b'=', b':', 0xEF]) {
        from = at + 1;
        let Some(sep_end) = separator_end(b, at) else {
            continue;
        };
        let Some(Key { kind, quoted, line }) = kind_before(b, at) else {
            continue;
        };
        if b.get(at) == Some(&b':') && php_visibility(b, at) {
            continue;
        }
        let (start, end) = value_after(b, sep_end, line);
        let value = text.get(start..end).unwrap_or_default();
        // A number ends before a sentence's stop (`mobile:19912345678.`).
        let value = match kind {
            "phone" => value.trim_end_matches(['.', ',', ';']),
            _ => value,
        };
        let end = start + value.len();
        if !may_be_secret(value, quoted, b.get(start.wrapping_sub(1))) {
            continue;
        }
        // In text, a phone key's value holds a number only with digits (`phone number:
        // malformed` is words).
        let digits = kind != "phone" || value.bytes().any(|c| c.is_ascii_digit());
        // No SMS or access code is shorter than four characters (`验证码：6位数字` and
        // `验证码：60秒后可重新获取` say how long it is or when to ask again), and no token or
        // password is one character (`tokens: 3 remaining`).
        let shortest = if kind == "code" { 4 } else { 2 };
        let digits = digits && value.chars().nth(shortest - 1).is_some();
        if !digits || secret_in(Some(kind), value).is_none() {
            continue;
        }
        out.push_str(text.get(copied..start).unwrap_or_default());
        out.push_str(&redacted(kind, value));
        copied = end;
        from = end;
    }
    if copied == 0 {
        return text;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// Whether the value after a secret key may be the secret. Not when it is an object (redacted
/// as one, `redact_objects_in`), holds a redaction already (`phone=%2B<redacted phone: 13
/// chars>`), starts with a character no token, code or password of these SDKs starts with
/// (`令牌：已过期`, `getLoginToken: 请求超时`: a state, not a secret), or is a bare word after
/// a quoted key (`unknown code "token_invalid": not in the catalog`: in JSON and dict prints a
/// quoted key's text value is quoted too; a number is not).
fn may_be_secret(value: &str, quoted_key: bool, before: Option<&u8>) -> bool {
    let first = value.bytes().next();
    // Quoted, in a list, or in Chinese brackets or curly quotes (the last byte of their mark).
    let quoted_value = before.is_some_and(|c| matches!(c, b'"' | b'\'' | b'[') || !c.is_ascii());
    !(value.starts_with(['{', '['])
        || value.contains("<redacted")
        || value
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii() && !is_wide_alnum(c))
        || (quoted_key && !quoted_value && !first.is_some_and(|c| c.is_ascii_digit()))
        || is_state(value))
}

/// Whether `c` is a full-width digit or Latin letter (`４８２９１３`): a value's, as ASCII is.
pub(super) fn is_wide_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Whether a value in text is an English word for a state where the secret would be
/// (`password: incorrect`, `smsCode: sent`, `Authorization: (none)`), in any case and in
/// brackets or not. Only in text, where logs write a state after a key; a payload's field
/// holds the value itself (a password may be any word).
pub(super) fn is_state(value: &str) -> bool {
    const STATES: [&str; 10] = [
        "timeout",
        "incorrect",
        "wrong",
        "sent",
        "none",
        "missing",
        "empty",
        "required",
        "mismatch",
        "error",
    ];
    let word = value.strip_prefix('(').unwrap_or(value);
    let word = word.strip_suffix(')').unwrap_or(word);
    STATES.iter().any(|s| word.eq_ignore_ascii_case(s))
}

/// Where the separator at `at` ends: `=`, `:`, the full-width `＝` (U+FF1D) or `：` (U+FF1A),
/// the vertical `︰` (U+FE30) and small `﹕` (U+FE55) and `﹦` (U+FE66) that some input methods
/// type, with a second mark that some languages write (`=>`, `:=`, `==`); `None` when `at`
/// holds none.
fn separator_end(b: &[u8], at: usize) -> Option<usize> {
    let len = match b.get(at..)? {
        [b'=' | b':', b'=' | b'>', ..] => 2,
        [b'=' | b':', ..] => 1,
        [0xEF, 0xBC, 0x9A | 0x9D, ..] | [0xEF, 0xB8, 0xB0, ..] | [0xEF, 0xB9, 0x95 | 0xA6, ..] => 3,
        _ => return None,
    };
    Some(at + len)
}

/// A secret key found in text, before a separator.
pub(super) struct Key {
    /// The kind of secret it names.
    pub(super) kind: &'static str,
    /// Whether it was quoted (a bare word after it is a sentence's, see [`may_be_secret`]).
    quoted: bool,
    /// Whether its value is the rest of the line: an HTTP `Authorization`'s, whatever scheme.
    line: bool,
}

/// The secret key written just before the separator at `sep`: an ASCII key
/// ([`key_before`], [`text_key_kind`]) or a Chinese name ([`CHINESE_KEYS`]), after any quote
/// (escaped or not) and blanks around it, and a Chinese `为` or `是` after it. A redaction's own
/// words (`<redacted token: 9 chars>`) name no secret.
pub(super) fn kind_before(b: &[u8], sep: usize) -> Option<Key> {
    let end = key_end(b, sep);
    let head = b.get(..end)?;
    let quoted = matches!(b.get(end), Some(b'"' | b'\''));
    // A Chinese name in brackets (`[验证码]：`, `【验证码】：`, `「密码」：`).
    let bare = ["]", "】", "」"]
        .iter()
        .find_map(|c| head.strip_suffix(c.as_bytes()))
        .unwrap_or(head);
    if let Some(kind) = chinese_kind(head).or_else(|| chinese_kind(bare)) {
        let line = false;
        return Some(Key { kind, quoted, line });
    }
    // PHP's `print_r` (`[token] => …`, an object's `[token:protected] => …`) and form arrays
    // (`user[password]=…`): the key in brackets, before any `:visibility`.
    let (head, bracket) = match head.strip_suffix(b"]") {
        Some(inner) => (php_key(inner), true),
        None => (head, false),
    };
    let (at, key) = key_before(head)?;
    let before = head.get(..at).unwrap_or_default();
    if before.ends_with(b"<redacted ") || (bracket && !before.ends_with(b"[")) {
        return None;
    }
    // Or two words that name one (`sms code: 482913`, `access code=…`).
    let kind = text_key_kind(key).or_else(|| spaced_key_kind(before, key))?;
    let mut buf = [0u8; 64];
    let line = fold_key(key, &mut buf).ends_with(b"authorization");
    Some(Key { kind, quoted, line })
}

/// Where the key before the separator at `sep` ends: before blanks and quotes (escaped or not),
/// a verb (`token为：`, `令牌是：`, `token is:`, `password was:`, `密碼為：`, a change:
/// `密码已重置为`, `password was set to`) and a word for the value
/// (`token值：`, `token的值为：`, `验证码内容：`, `token字符串=`).
fn key_end(b: &[u8], sep: usize) -> usize {
    let mut end = sep;
    loop {
        match b.get(..end).unwrap_or_default() {
            [.., b' ' | b'\t' | b'"' | b'\'' | b'\\'] => end -= 1,
            // The full-width and closing curly quotes (`＂token＂：`, `“token”:`).
            [.., 0xEF, 0xBC, 0x82 | 0x87] | [.., 0xE2, 0x80, 0x99 | 0x9D] => end -= 3,
            _ => break,
        }
    }
    // In any case (`Password Was:`); Chinese bytes compare as they are.
    // (The last byte first: this runs at every separator, and most words end otherwise.)
    let strip = |end: usize, words: &[&str]| {
        let last = end
            .checked_sub(1)
            .and_then(|i| b.get(i))
            .map(u8::to_ascii_lowercase);
        words
            .iter()
            .find(|w| {
                let at = end.checked_sub(w.len());
                let tail = at.and_then(|at| b.get(at..end));
                w.as_bytes().last().copied() == last
                    && tail.is_some_and(|t| t.eq_ignore_ascii_case(w.as_bytes()))
            })
            .map_or(end, |w| end - w.len())
    };
    let mut end = strip(end, &["为", "為", "是", " is", " was"]);
    // A change (`密码已重置为`, `password was set to`): the verb, and what says it happened.
    end = strip(
        end,
        &[
            "已重置",
            "重置",
            "已修改",
            "修改",
            "已设置",
            "设置",
            "已更新",
            "更新",
            "已改",
            "改",
        ],
    );
    let to = strip(end, &[" to"]);
    let changed = strip(to, &[" set", " changed", " reset", " updated"]);
    if changed < to {
        end = strip(changed, &[" has been", " was", " is", " been"]);
    }
    while end > 0 && matches!(b.get(end - 1), Some(b' ' | b'\t')) {
        end -= 1;
    }
    let end = strip(end, &["字符串", "内容", "值", "串"]);
    strip(end, &["的"])
}

/// `inner` (what comes before a `]`) up to the end of the key that its `[` opens: before the
/// first `:` of a PHP object's `[key:protected]` or `[key:App\User:private]`.
fn php_key(inner: &[u8]) -> &[u8] {
    // From the `[` (no key character, so the key is read the same without it).
    let open = inner.iter().rposition(|&c| c == b'[').unwrap_or(0);
    let colon = inner
        .get(open..)
        .and_then(|k| k.iter().position(|&c| c == b':'));
    match colon {
        Some(c) => inner.get(..open + c).unwrap_or(inner),
        None => inner,
    }
}

/// Whether the `:` at `at` is a PHP object's visibility in `print_r` (`[token:protected] =>`):
/// no separator, the `=>` after the brackets is.
fn php_visibility(b: &[u8], at: usize) -> bool {
    // From the `:` itself, which the visibility's characters allow.
    let rest = b.get(at..).unwrap_or_default();
    let Some(close) = rest.iter().take(80).position(|&c| c == b']') else {
        return false;
    };
    let after = rest.get(close + 1..).unwrap_or_default();
    let blanks = after.iter().take_while(|&&c| c == b' ').count();
    rest.get(..close).is_some_and(|v| {
        v.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'\\' | b':'))
    }) && after.get(blanks..).is_some_and(|a| a.starts_with(b"=>"))
}

/// The key that `head` ends with: letters, digits, `_`, `-` and `.`, and where it starts;
/// `None` when there is none.
pub(super) fn key_before(head: &[u8]) -> Option<(usize, &str)> {
    let is_key = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
    let len = head.iter().rev().take_while(|c| is_key(c)).count();
    let at = head.len() - len;
    let key = std::str::from_utf8(head.get(at..)?).ok()?;
    key.bytes()
        .any(|c| c.is_ascii_alphabetic())
        .then_some((at, key))
}

/// Where a value after a separator at `from` starts: past blanks (and the full-width space of
/// Chinese text) and what wraps a value in the languages that print it.
fn value_start(b: &[u8], from: usize) -> usize {
    let mut start = from;
    // Blanks, and the full-width space (U+3000) of Chinese text.
    loop {
        match b.get(start..).unwrap_or_default() {
            [b' ' | b'\t', ..] => start += 1,
            // A no-break space, the typeset spaces U+2000..U+200B (zero-width included).
            [0xC2, 0xA0, ..] => start += 2,
            [0xE2, 0x80, 0x80..=0x8B, ..] | [0xE3, 0x80, 0x80, ..] => start += 3,
            _ => break,
        }
    }
    // Swift's `Optional("…")` (`Optional<String>("…")` when the type is printed too) and
    // Rust's `Some("…")`: the value is what they hold (a loop, not a call: text can nest them
    // deeply).
    while let Some(len) = wrapper_len(b.get(start..).unwrap_or_default()) {
        start += len;
    }
    start
}

/// The length of the wrapper that `rest` starts with, up to its `(`: `Some(`, `Optional(`,
/// `Optional.some(`, or either with its type printed (`Optional<String>(`: letters, digits,
/// `.`, `_`, blanks and angle brackets, up to the last `>`).
pub(super) fn wrapper_len(rest: &[u8]) -> Option<usize> {
    if rest.starts_with(b"Some(") {
        return Some(5);
    }
    let after = rest.strip_prefix(b"Optional")?;
    let ty = match after.strip_prefix(b"<") {
        Some(typed) => {
            let len = typed
                .iter()
                .take(64)
                .take_while(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b' ' | b'<' | b'>')
                })
                .count();
            let close = typed.get(..len)?.iter().rposition(|&c| c == b'>')?;
            close + 2
        }
        None => 0,
    };
    let open = after.get(ty..)?;
    const CALLS: [&[u8]; 2] = [b"(", b".some("];
    let call = CALLS.iter().find(|w| open.starts_with(w))?;
    Some(8 + ty + call.len())
}

/// Where the value that starts at or after `from` (past the separator) starts and ends:
/// inside its quotes when it is quoted (`"…"`, `'…'`, or `\"…\"` in JSON held in a string),
/// else up to a blank or a character that ends a `key=value` in logs, in ASCII or Chinese.
/// Blanks before it are skipped; not a line break, after which the next line is its own. With
/// `line` (an `Authorization` header's), an unquoted value is the rest of the line.
fn value_after(b: &[u8], from: usize, line: bool) -> (usize, usize) {
    let mut start = value_start(b, from);
    start = next_line_value(b, start).unwrap_or(start);
    if b.get(start) == Some(&b'\\') && b.get(start + 1) == Some(&b'"') {
        start += 1;
    }
    if let Some(&q @ (b'"' | b'\'')) = b.get(start) {
        let rest = b.get(start + 1..).unwrap_or_default();
        let len = rest.iter().position(|&c| c == q).unwrap_or(rest.len());
        // An escaped quote's backslash ends the value, not the secret's last character.
        let len = match rest.get(..len) {
            Some([.., b'\\']) => len - 1,
            _ => len,
        };
        return (start + 1, start + 1 + len);
    }
    // A list (`token: [T]`): what is in its brackets. An object in it is the object's
    // redaction's (`redact_objects_in`, and `may_be_secret` leaves it).
    if b.get(start) == Some(&b'[') {
        let rest = b.get(start + 1..).unwrap_or_default();
        let len = rest.iter().position(|&c| c == b']').unwrap_or(rest.len());
        return (start + 1, start + 1 + len);
    }
    // Chinese brackets and curly quotes (`token:「T」`, `token: “T”`, `《`, `【`, `（`): what is
    // in them. Each closing mark is its opening one's next character; the full-width quotes
    // (`＂T＂`, `＇T＇`) close with themselves.
    if let Some(
        open @ ([0xE3, 0x80, 0x88 | 0x8A | 0x8C | 0x8E | 0x90]
        | [0xE2, 0x80, 0x98 | 0x9C]
        | [0xEF, 0xBC, 0x88 | 0x82 | 0x87]),
    ) = b.get(start..start + 3)
    {
        let same = matches!(open, [0xEF, 0xBC, 0x82 | 0x87]);
        let close = [open[0], open[1], open[2] + u8::from(!same)];
        let rest = b.get(start + 3..).unwrap_or_default();
        let len = rest
            .windows(3)
            .position(|w| w == close)
            .unwrap_or(rest.len());
        return (start + 3, start + 3 + len);
    }
    let rest = b.get(start..).unwrap_or_default();
    if line && !starts_with_bearer_or_basic(rest) {
        return (start, start + authorization_len(rest));
    }
    let ends = |i: usize| match rest.get(i..).unwrap_or_default() {
        [c, ..] if c.is_ascii_whitespace() || b",;&)}]\"'\\".contains(c) => true,
        // Chinese punctuation (U+3000..U+303F: `、`, `。`, `」`) and full-width marks that are
        // no letter or digit (`，`, `；`, `）`).
        [0xE3, 0x80, _, ..] => true,
        [0xEF, 0xBC, c, ..] => !matches!(c, 0x90..=0x99 | 0xA1..=0xBA),
        [0xEF, 0xBD, c, ..] => !matches!(c, 0x81..=0x9A),
        // A CJK ideograph (U+4E00..U+9FFF) after an ASCII value: the words after it
        // (`password=x格式错误`). A value that starts with one is all the value.
        [0xE4..=0xE9, ..] => i > 0 && rest.get(i - 1).is_some_and(u8::is_ascii),
        _ => false,
    };
    let word = |from: usize| (from..rest.len()).find(|&i| ends(i)).unwrap_or(rest.len());
    let len = word(0);
    // An HTTP scheme before the credential (`Authorization: Bearer eyJ…`): both words.
    let scheme = rest
        .get(..len)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"bearer") || w.eq_ignore_ascii_case(b"basic"));
    let blanks = rest
        .get(len..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    // (No blank after the scheme: `word` from there ends at once, the same value.)
    if scheme && rest.get(len + blanks).is_some_and(u8::is_ascii_graphic) {
        return (start, start + word(len + blanks));
    }
    (start, start + len)
}

/// Where the value starts when the key ends its line and the value is the whole next line, one
/// word after any indent (a YAML or pretty-printed dump: `token:` `\n` `  STsid…`). `None`
/// when the key's line goes on, or the next line holds more (`type: bearer`, a log line).
fn next_line_value(b: &[u8], at: usize) -> Option<usize> {
    let rest = b.get(at..)?;
    let line_start = at
        + rest
            .strip_prefix(b"\r")
            .unwrap_or(rest)
            .strip_prefix(b"\n")
            .map(|r| rest.len() - r.len())?;
    let next = b.get(line_start..)?;
    let indent = next
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t'))
        .count();
    let line = next.get(indent..memchr::memchr(b'\n', next).unwrap_or(next.len()))?;
    let word = line.strip_suffix(b"\r").unwrap_or(line).trim_ascii_end();
    let one = !word.is_empty() && !word.iter().any(|c| matches!(c, b' ' | b'\t' | b':' | b'='));
    one.then_some(line_start + indent)
}

/// Whether `value` starts with the word `Bearer` or `Basic` (any case): their credential is
/// one word, and what follows it on the line (`Authorization: Bearer eyJ… next`) is kept.
fn starts_with_bearer_or_basic(value: &[u8]) -> bool {
    [&b"bearer"[..], b"basic"].iter().any(|w| {
        value
            .get(..w.len())
            .is_some_and(|v| v.eq_ignore_ascii_case(w))
            && value
                .get(w.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// The length of an `Authorization` value with a scheme other than Bearer or Basic: the line
/// ([`line_len`]), or its first word when that is a state (`Authorization: invalid app key,
/// …`), which `may_be_secret` keeps, and the words after it with it.
fn authorization_len(rest: &[u8]) -> usize {
    let first = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_')))
        .unwrap_or(rest.len());
    let word = std::str::from_utf8(rest.get(..first).unwrap_or_default()).unwrap_or("x");
    if is_state(word) || super::is_null(word) {
        first
    } else {
        line_len(rest)
    }
}

/// The length of `rest` up to a line break, as written (`\n`, `\r` in escaped text) or not,
/// or up to the next field of a flattened log line (`, X-Ca-Error-Message: …`, ` | url=…`),
/// without the blanks before it: the parameters of `Digest`, `HMAC-SHA256` and other schemes
/// hold the credential after blanks, commas, `=` and quotes.
fn line_len(rest: &[u8]) -> usize {
    // Blank-separated `key=value` fields after the scheme and its credential end it too
    // (`APPCODE 8c3f… status=401`); a scheme's own parameters follow a comma or come second
    // (`Digest username="a", realm=…`, `HMAC-SHA256 Credential=…`).
    let mut words = 1;
    let end = (0..rest.len())
        .find(|&i| match rest.get(i..).unwrap_or_default() {
            [b'\n' | b'\r', ..] | [b'\\', b'n' | b'r', ..] | [b' ', b'|', b' ', ..] => true,
            [b',' | b';', after @ ..] => next_field(after),
            [b' ', after @ ..] => {
                let field = words >= 2
                    && i.checked_sub(1).and_then(|j| rest.get(j)) != Some(&b',')
                    && next_pair(after);
                words += usize::from(after.first().is_none_or(|c| *c != b' '));
                field
            }
            _ => false,
        })
        .unwrap_or(rest.len());
    let blanks = rest
        .get(..end)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|c| matches!(c, b' ' | b'\t'))
        .count();
    end - blanks
}

/// Whether `after` (past a blank) starts a `key=value` or `key: value` field of a log line.
fn next_pair(after: &[u8]) -> bool {
    let len = after
        .iter()
        .take(40)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        .count();
    len > 0 && matches!(after.get(len), Some(b'=' | b':'))
}

/// Whether `after` (past a comma) starts another field, a header's `Name:` after blanks.
fn next_field(after: &[u8]) -> bool {
    let blanks = after.iter().take_while(|c| **c == b' ').count();
    let name = after.get(blanks..).unwrap_or_default();
    let len = name
        .iter()
        .take(40)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
        .count();
    len > 0 && name.get(len) == Some(&b':')
}

#[cfg(test)]
mod tests;
