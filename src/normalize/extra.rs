//! The payload's other fields, kept for diagnostics, with credentials redacted.

use std::borrow::Cow;

use super::scan::{self, Val};
use super::secret::{
    holds_phone, mask_json, mask_phones, mask_token_words, mentions_secret, names_secret, redacted,
    secret_in, secret_kind,
};

/// The value of a field [`Normalized::extra`](crate::Normalized::extra) keeps: a string, or any
/// other literal (number, `true`/`false`/`null`, object, array) as it was written.
///
/// Secrets never reach `extra`: values of fields whose key names a credential or a person's
/// number are replaced by `<redacted KIND: N chars>`, inside nested objects too. KIND is
/// `token` (any key containing `token`: `token`, `loginToken`, `opToken`, `access_token`,
/// `id_token`...), `code` (`accessCode`, `authcode`, `auth_code`), `phone` (`securityPhone`,
/// `phone`, `mobile`, `msisdn`, `number`, and any value that looks like a mainland mobile number)
/// or `secret` (`password`, `secret`). A `null` or empty value is kept as it is.
///
/// ```
/// use numauth::{normalize, ExtraValue};
/// let n = normalize(r#"{"code":"600000","msg":"ok","token":"STsid0000001","requestCode":0}"#).unwrap();
/// assert_eq!(n.extra[0], ("token".into(), ExtraValue::Text("<redacted token: 12 chars>".into())));
/// assert_eq!(n.extra[1].1, ExtraValue::Json("0".into()));
/// assert_eq!(n.extra[1].1.to_json(), serde_json::json!(0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtraValue<'a> {
    /// A string value, unescaped.
    Text(Cow<'a, str>),
    /// A number, `true`, `false`, `null`, an object or an array, as written (objects and arrays
    /// may be in any of the recognised shapes, so not necessarily valid JSON).
    ///
    /// Serialised (feature `serde`) as [`ExtraValue::to_json`] gives it: valid JSON as the
    /// JSON value it is, written compactly by serde_json (object keys sorted, numbers as
    /// serde_json writes them: `1.5e3` as `1500.0`); anything else (an NSDictionary or Dart
    /// map nested in the payload) as a string. Deserialised, a string is `Text` and any other
    /// value `Json` of its compact text, so that a `Json` value comes back as `Text` when it
    /// was not JSON, and in serde_json's form when it was.
    Json(Cow<'a, str>),
}

impl<'a> ExtraValue<'a> {
    /// The value as written (for [`ExtraValue::Text`], unescaped).
    ///
    /// ```
    /// use numauth::ExtraValue;
    /// assert_eq!(ExtraValue::Json("{\"a\":1}".into()).as_str(), "{\"a\":1}");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            ExtraValue::Text(s) | ExtraValue::Json(s) => s,
        }
    }

    /// The value as a JSON value: a [`ExtraValue::Json`] that is valid JSON is parsed, anything
    /// else is a JSON string.
    ///
    /// ```
    /// use numauth::ExtraValue;
    /// use serde_json::json;
    /// assert_eq!(ExtraValue::Json("{\"a\":[1,null]}".into()).to_json(), json!({"a": [1, null]}));
    /// assert_eq!(ExtraValue::Json("{a: 1}".into()).to_json(), json!("{a: 1}"));
    /// assert_eq!(ExtraValue::Text("1".into()).to_json(), json!("1"));
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            ExtraValue::Text(s) => serde_json::Value::String(s.to_string()),
            ExtraValue::Json(raw) => serde_json::from_str(raw)
                .unwrap_or_else(|_| serde_json::Value::String(raw.to_string())),
        }
    }

    /// The same value, owning its text.
    ///
    /// ```
    /// use numauth::ExtraValue;
    /// let owned: ExtraValue<'static> = ExtraValue::Text(String::from("x").as_str().into()).into_owned();
    /// assert_eq!(owned.as_str(), "x");
    /// ```
    pub fn into_owned(self) -> ExtraValue<'static> {
        match self {
            ExtraValue::Text(s) => ExtraValue::Text(Cow::Owned(s.into_owned())),
            ExtraValue::Json(s) => ExtraValue::Json(Cow::Owned(s.into_owned())),
        }
    }
}

/// One field of [`Extra`]: its key as written, and its value.
pub type ExtraField<'a> = (Cow<'a, str>, ExtraValue<'a>);

/// The payload's other fields ([`Normalized::extra`](crate::Normalized::extra)), in the order
/// they came, duplicates kept, credentials redacted (see [`ExtraValue`]).
///
/// A slice of `(key, value)` pairs (it derefs to one) with a lookup by key. Serialises (feature
/// `serde`) as a JSON object in that order.
///
/// ```
/// use numauth::{normalize, Extra, ExtraValue};
/// let n = normalize(r#"{"code":"600011","requestCode":0,"scene":"login","requestCode":1}"#).unwrap();
/// assert_eq!(n.extra.get("scene"), Some(&ExtraValue::Text("login".into())));
/// // The first of two fields with the same key; keys are compared exactly.
/// assert_eq!(n.extra.get("requestCode").map(ExtraValue::as_str), Some("0"));
/// assert_eq!(n.extra.get("requestcode"), None);
/// assert_eq!(n.extra.len(), 3);
/// let keys: Vec<&str> = n.extra.iter().map(|(k, _)| k.as_ref()).collect();
/// assert_eq!(keys, ["requestCode", "scene", "requestCode"]);
/// // Built from pairs, for tests.
/// let built: Extra<'_> = [("a".into(), ExtraValue::Json("1".into()))].into_iter().collect();
/// assert_eq!(built.get("a").map(ExtraValue::as_str), Some("1"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra<'a>(Vec<ExtraField<'a>>);

impl<'a> Extra<'a> {
    /// No fields.
    ///
    /// ```
    /// assert!(numauth::Extra::new().is_empty());
    /// ```
    pub const fn new() -> Extra<'a> {
        Extra(Vec::new())
    }

    /// The value of the first field whose key is exactly `key`.
    ///
    /// ```
    /// use numauth::{normalize, ExtraValue};
    /// let n = normalize(r#"{"code":"600008","appVersion":"3.2.1"}"#).unwrap();
    /// assert_eq!(n.extra.get("appVersion").map(ExtraValue::as_str), Some("3.2.1"));
    /// assert!(n.extra.get("code").is_none(), "the code is not an other field");
    /// ```
    pub fn get(&self, key: &str) -> Option<&ExtraValue<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The fields, in order.
    ///
    /// ```
    /// use numauth::normalize;
    /// let n = normalize(r#"{"code":"600008","a":1,"b":"x"}"#).unwrap();
    /// assert_eq!(n.extra.iter().map(|(k, v)| format!("{k}={}", v.as_str())).collect::<Vec<_>>(), ["a=1", "b=x"]);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, ExtraField<'a>> {
        self.0.iter()
    }

    /// How many fields there are, duplicates counted.
    ///
    /// ```
    /// assert_eq!(numauth::normalize(r#"{"code":"600008","a":1,"a":2}"#).unwrap().extra.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no fields.
    ///
    /// ```
    /// assert!(numauth::normalize(r#"{"code":"600008"}"#).unwrap().extra.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends a field (after any with the same key).
    ///
    /// ```
    /// use numauth::{Extra, ExtraValue};
    /// let mut extra = Extra::new();
    /// extra.push(("k".into(), ExtraValue::Text("v".into())));
    /// assert_eq!(extra.get("k"), Some(&ExtraValue::Text("v".into())));
    /// ```
    pub fn push(&mut self, field: ExtraField<'a>) {
        self.0.push(field);
    }

    /// The fields, in order, to change in place.
    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, ExtraField<'a>> {
        self.0.iter_mut()
    }

    /// Keeps only the fields `keep` says yes to.
    pub(crate) fn retain(&mut self, keep: impl FnMut(&ExtraField<'a>) -> bool) {
        self.0.retain(keep);
    }

    /// The same fields, owning their text.
    ///
    /// ```
    /// use numauth::{normalize, Extra};
    /// let raw = String::from(r#"{"code":"600008","a":"x"}"#);
    /// let extra: Extra<'static> = normalize(&raw).unwrap().extra.into_owned();
    /// assert_eq!(extra.get("a").unwrap().as_str(), "x");
    /// ```
    pub fn into_owned(self) -> Extra<'static> {
        self.0
            .into_iter()
            .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
            .collect()
    }
}

impl<'a> std::ops::Deref for Extra<'a> {
    type Target = [ExtraField<'a>];

    fn deref(&self) -> &[ExtraField<'a>] {
        &self.0
    }
}

impl<'a> FromIterator<ExtraField<'a>> for Extra<'a> {
    fn from_iter<I: IntoIterator<Item = ExtraField<'a>>>(iter: I) -> Extra<'a> {
        Extra(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for Extra<'a> {
    type Item = ExtraField<'a>;
    type IntoIter = std::vec::IntoIter<ExtraField<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'e, 'a> IntoIterator for &'e Extra<'a> {
    type Item = &'e ExtraField<'a>;
    type IntoIter = std::slice::Iter<'e, ExtraField<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ExtraValue<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ExtraValue::Text(s) => serializer.serialize_str(s),
            ExtraValue::Json(_) => self.to_json().serialize(serializer),
        }
    }
}

/// A JSON object, in order (duplicate keys written as they are).
#[cfg(feature = "serde")]
impl serde::Serialize for Extra<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k.as_ref(), v)?;
        }
        map.end()
    }
}

/// Whether an unquoted scalar is a JSON literal (number, boolean, null).
pub(crate) fn is_json_literal(s: &str) -> bool {
    if matches!(s, "null" | "true" | "false") {
        return true;
    }
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int_len == 0 || (int_len > 1 && b.first() == Some(&b'0')) {
        return false;
    }
    let mut rest = b.get(int_len..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or_default();
    }
    if let Some(exp) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exp = exp
            .strip_prefix(b"+")
            .or_else(|| exp.strip_prefix(b"-"))
            .unwrap_or(exp);
        return !exp.is_empty() && exp.iter().all(u8::is_ascii_digit);
    }
    rest.is_empty()
}

/// A field's value as kept in `extra`, redacted where the key (or a nested key) names a token.
/// `level` is the nesting level of the object holding the field.
pub(crate) fn extra_value<'a>(key: &str, val: Val<'a>, level: usize) -> ExtraValue<'a> {
    kept_value(secret_kind(key), val, level)
}

/// [`extra_value`] for a key whose secret kind (its [`secret_kind`]) the caller knows: a key
/// with a role names no secret (checked as the crate builds, `keys.rs`).
pub(crate) fn kept_value<'a>(
    key_kind: Option<&'static str>,
    val: Val<'a>,
    level: usize,
) -> ExtraValue<'a> {
    match val {
        Val::Esc(raw) => kept_value(key_kind, Val::Str(Cow::Owned(scan::unescape(raw))), level),
        Val::Str(s) => {
            if let Some(kind) = secret_in(key_kind, &s) {
                return ExtraValue::Text(Cow::Owned(redacted(kind, &s)));
            }
            // A string holding an object with secret keys, alone or within words: redact
            // inside. (Numbers written in text are redacted in place with the callback's other
            // text, `secret::redact_numbers`: the text is kept as written.)
            if s.contains(['{', '[']) && names_secret(&s) {
                if let Some(text) = redact_in_text(&s, level + 1) {
                    return ExtraValue::Text(Cow::Owned(text));
                }
            }
            ExtraValue::Text(s)
        }
        Val::Bare(s) => match secret_in(key_kind, s) {
            Some(kind) => ExtraValue::Text(Cow::Owned(redacted(kind, s))),
            // A number holding a phone number (`-13812345678`, `13812345678.0`).
            None if is_json_literal(s) && number_holds_phone(s) => {
                ExtraValue::Text(Cow::Owned(redacted("phone", s)))
            }
            None if is_json_literal(s) => ExtraValue::Json(Cow::Borrowed(s)),
            // Text, as a string's is kept (an object with secrets in it redacted inside).
            None => kept_value(key_kind, Val::Str(Cow::Borrowed(s)), level),
        },
        // A whole object or list under a token, code or password key is a credential; under
        // other keys (`GetMobileResultDTO`, `phoneInfo`) only its own secret fields are.
        Val::Nested(raw) => match key_kind.filter(|k| *k != "phone") {
            Some(kind) => ExtraValue::Text(Cow::Owned(redacted(kind, raw))),
            None if mentions_secret(raw) => {
                let json = nested_to_json(raw, level).to_string();
                // Rewritten only when something was redacted: else kept as written, with the
                // numbers in text that no field of it held (broken JSON drops them) redacted.
                if json.contains("<redacted ") {
                    ExtraValue::Json(Cow::Owned(json))
                } else {
                    ExtraValue::Json(mask_token_words(mask_phones(Cow::Borrowed(raw))))
                }
            }
            // A token-like word in it, a key's or a value's, is redacted as in text (inside a
            // JSON string, which the redaction keeps valid).
            None => ExtraValue::Json(mask_token_words(Cow::Borrowed(raw))),
        },
    }
}

/// Whether a number literal holds a phone number as written or as it is printed
/// (`1.3812345678E10` is printed `13812345678.0`).
pub(crate) fn number_holds_phone(literal: &str) -> bool {
    holds_phone(literal)
        || (literal.contains(['e', 'E'])
            && serde_json::from_str::<serde_json::Value>(literal)
                .is_ok_and(|v| holds_phone(&v.to_string())))
}

/// A nested object or array as JSON with its secrets redacted: tokens and codes by key, phone
/// numbers by key and wherever they are written.
fn nested_to_json(raw: &str, level: usize) -> serde_json::Value {
    let mut v = match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(mut v) => {
            // Its strings lie inside the value's own object, one level down.
            redact_json(&mut v, level + 1);
            v
        }
        Err(_) if scan::opens_map(raw) => object_to_json(raw, level),
        // Not JSON and not an object we can read: keep nothing that could be a credential.
        Err(_) => return serde_json::Value::String(redacted("value", raw)),
    };
    mask_json(&mut v);
    v
}

/// Redacts the secrets in JSON that serde_json parsed (so at most 128 levels deep: the recursion
/// is bounded). `level` is the nesting level of the value in the payload, for objects found in
/// its strings.
fn redact_json(v: &mut serde_json::Value, level: usize) {
    match v {
        serde_json::Value::Object(map) => {
            redact_pair(map);
            for (k, item) in map.iter_mut() {
                match secret_of(secret_kind(k), item) {
                    Some(kind) => {
                        *item = serde_json::Value::String(redacted(kind, &item_text(item)))
                    }
                    None => redact_json(item, level),
                }
            }
        }
        // A string holding an object with secrets (a callback kept as a JSON string).
        serde_json::Value::String(s) if s.contains('{') && names_secret(s) => {
            if let Some(text) = redact_in_text(s, level) {
                *s = text;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| redact_json(i, level)),
        _ => {}
    }
}

/// The keys of a name/value pair's name (`{"name": "token", "value": "…"}`, a header or
/// parameter list) and of its value, in any case.
const PAIR_NAMES: [&str; 4] = ["name", "key", "paramName", "field"];
const PAIR_VALUES: [&str; 3] = ["value", "val", "paramValue"];

/// The kind of secret `item` is, under a key of `key_kind`: a string or number the key's kind
/// (a phone key's only when it holds a number), another value any key's but a phone key's.
fn secret_of(key_kind: Option<&'static str>, item: &serde_json::Value) -> Option<&'static str> {
    match item {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => secret_in(key_kind, s),
        serde_json::Value::Number(n) => secret_in(key_kind, &n.to_string()),
        _ => key_kind.filter(|k| *k != "phone"),
    }
}

/// Redacts the value of a name/value pair whose name names a secret (`{"name": "token",
/// "value": "…"}`, a header or parameter list), unless it is a redaction already.
fn redact_pair(map: &mut serde_json::Map<String, serde_json::Value>) {
    // Names in any case (.NET's `{"Key": …, "Value": …}`).
    let is = |k: &str, names: &[&str]| names.iter().any(|n| k.eq_ignore_ascii_case(n));
    let Some(kind) = map.iter().find_map(|(k, v)| match v {
        serde_json::Value::String(name) if is(k, &PAIR_NAMES) => secret_kind(name),
        _ => None,
    }) else {
        return;
    };
    for (key, item) in map.iter_mut() {
        let done = matches!(item, serde_json::Value::String(s) if s.starts_with("<redacted "));
        let secret = secret_of(Some(kind), item).filter(|_| !done && is(key, &PAIR_VALUES));
        if let Some(kind) = secret {
            *item = serde_json::Value::String(redacted(kind, &item_text(item)));
        }
    }
}

fn item_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `text` with the secrets in the objects it holds redacted ([`redact_in_text`]): for a
/// message, which a callback keeps as written. Borrowed when it holds none.
pub(crate) fn redact_objects_in(text: Cow<'_, str>) -> Cow<'_, str> {
    if !(memchr::memchr(b'{', text.as_bytes()).is_some() && names_secret(&text)) {
        return text;
    }
    // A message lies in the callback's object, one level down.
    redact_in_text(&text, 1).map_or(text, Cow::Owned)
}

/// A text holding objects (`saved {"token":"…"} ok`, or only the object): the text with each
/// object that held a secret rewritten as JSON, its secrets redacted, and the words around kept.
/// `None` when no object in it held one. An object too deep to read redacts the whole text.
fn redact_in_text(text: &str, level: usize) -> Option<String> {
    let mut out = String::new();
    let mut from = 0;
    let mut found = false;
    while let Some(open) = scan::find_map(text.as_bytes(), from) {
        let mut fields = scan::Fields::new();
        let Ok(obj) = scan::object(text, open, level, &mut fields) else {
            return Some(redacted("value", text));
        };
        let json = fields_to_json(fields, level).to_string();
        // Past the `{` (the scan starts after it), so the loop always moves forward.
        let end = obj.end;
        out.push_str(text.get(from..open).unwrap_or_default());
        if json.contains("<redacted ") {
            found = true;
            out.push_str(&json);
        } else {
            out.push_str(text.get(open..end).unwrap_or_default());
        }
        from = end;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    found.then_some(out)
}

/// Any recognised object shape as a JSON object, tokens redacted. Unreadable input gives an
/// empty object (the caller only uses this for values that mention a token).
fn object_to_json(raw: &str, level: usize) -> serde_json::Value {
    let Some(open) = scan::find_map(raw.as_bytes(), 0) else {
        return serde_json::Value::Object(serde_json::Map::new());
    };
    let mut fields = scan::Fields::new();
    if scan::object(raw, open, level, &mut fields).is_err() {
        return serde_json::Value::String(redacted("value", raw));
    }
    fields_to_json(fields, level)
}

/// An object's fields as a JSON object, tokens redacted.
fn fields_to_json(fields: scan::Fields<'_>, level: usize) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for field in fields {
        let value = match extra_value(&field.key, field.val, level + 1) {
            ExtraValue::Text(s) => serde_json::Value::String(s.into_owned()),
            json @ ExtraValue::Json(_) => json.to_json(),
        };
        map.insert(field.key.into_owned(), value);
    }
    redact_pair(&mut map);
    serde_json::Value::Object(map)
}

#[cfg(test)]
mod tests;
