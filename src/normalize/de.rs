//! Reading a [`Normalized`] back from what it serialises to (feature `serde`).
//!
//! Every field is read by its serialised name, except `message`: the catalog's text is
//! `&'static`, so it is looked up again in this build's catalog. The other fields are taken as
//! written, so JSON written by another data version keeps its outcome and gets this version's
//! text.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{Extra, ExtraValue, IdaasParams, Message, Normalized};
use crate::{Action, Actor, AdviceRef, AuthOutcome, Carrier, Category, Lang, Source};

/// A string is [`ExtraValue::Text`]; any other value is [`ExtraValue::Json`] holding its compact
/// JSON text (an object's keys in the order serde_json gives them: sorted).
impl<'de> Deserialize<'de> for ExtraValue<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(s) => ExtraValue::Text(Cow::Owned(s)),
            other => ExtraValue::Json(Cow::Owned(other.to_string())),
        })
    }
}

/// An object, read in order, a key that comes twice kept twice.
impl<'de> Deserialize<'de> for Extra<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ExtraVisitor)
    }
}

struct ExtraVisitor;

impl<'de> Visitor<'de> for ExtraVisitor {
    type Value = Extra<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of the payload's other fields (`extra`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra<'static>, A::Error> {
        let mut extra = Extra::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<ExtraValue<'static>>()?;
            extra.push((Cow::Owned(key), value));
        }
        Ok(extra)
    }
}

/// The field names, as serialised (`raw_message`, the earlier name of `raw_msg`, is read too).
const FIELDS: &[&str] = &[
    "source",
    "code",
    "known",
    "outcome",
    "category",
    "actor",
    "retryable",
    "action",
    "message",
    "raw_msg",
    "root_cause",
    "carrier",
    "request_id",
    "params",
    "extra",
    "advice",
];

impl<'de> Deserialize<'de> for Normalized<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Normalized", FIELDS, NormalizedVisitor)
    }
}

struct NormalizedVisitor;

/// The fields read so far; `None`: not met yet.
#[derive(Default)]
struct Fields {
    source: Option<Source>,
    code: Option<String>,
    known: Option<bool>,
    outcome: Option<AuthOutcome>,
    category: Option<Category>,
    actor: Option<Actor>,
    retryable: Option<bool>,
    action: Option<Action>,
    message: Option<IgnoredAny>,
    raw_msg: Option<Option<String>>,
    root_cause: Option<Option<Box<Normalized<'static>>>>,
    carrier: Option<Option<Carrier>>,
    request_id: Option<Option<String>>,
    params: Option<Option<IdaasParams>>,
    extra: Option<Extra<'static>>,
    advice: Option<Option<AdviceRef>>,
}

/// Stores a field's value, refusing a second one.
fn once<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

/// The next value, read as a JSON value first so that an error can name the field (a
/// deserializer's own errors say what was wrong and where, not in which field).
fn named<'de, A: MapAccess<'de>, T: DeserializeOwned>(
    map: &mut A,
    name: &'static str,
) -> Result<T, A::Error> {
    let value = map.next_value::<serde_json::Value>()?;
    T::deserialize(value).map_err(|e| de::Error::custom(format_args!("field `{name}`: {e}")))
}

/// A required field's value, or the error naming it.
fn required<T, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
}

impl<'de> Visitor<'de> for NormalizedVisitor {
    type Value = Normalized<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a normalised callback (an object with `source`, `code`, `outcome`...)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Normalized<'static>, A::Error> {
        let mut f = Fields::default();
        while let Some(key) = map.next_key::<String>()? {
            let m = &mut map;
            match key.as_str() {
                "source" => once(&mut f.source, "source", named(m, "source")?)?,
                "code" => once(&mut f.code, "code", named(m, "code")?)?,
                "known" => once(&mut f.known, "known", named(m, "known")?)?,
                "outcome" => once(&mut f.outcome, "outcome", named(m, "outcome")?)?,
                "category" => once(&mut f.category, "category", named(m, "category")?)?,
                "actor" => once(&mut f.actor, "actor", named(m, "actor")?)?,
                "retryable" => once(&mut f.retryable, "retryable", named(m, "retryable")?)?,
                "action" => once(&mut f.action, "action", named(m, "action")?)?,
                "message" => once(&mut f.message, "message", m.next_value()?)?,
                "raw_msg" | "raw_message" => once(&mut f.raw_msg, "raw_msg", named(m, "raw_msg")?)?,
                // Read directly, not through a JSON value: that would sort the cause's `extra`.
                "root_cause" => once(&mut f.root_cause, "root_cause", m.next_value()?)?,
                "carrier" => once(&mut f.carrier, "carrier", named(m, "carrier")?)?,
                "request_id" => once(&mut f.request_id, "request_id", named(m, "request_id")?)?,
                "params" => once(&mut f.params, "params", named(m, "params")?)?,
                "extra" => once(&mut f.extra, "extra", m.next_value()?)?,
                "advice" => once(&mut f.advice, "advice", named(m, "advice")?)?,
                // Fields of a newer version, and the CLI's `explain` object.
                _ => {
                    m.next_value::<IgnoredAny>()?;
                }
            }
        }
        f.build()
    }
}

impl Fields {
    /// The result: required fields checked, the message looked up again in the catalog.
    fn build<E: de::Error>(self) -> Result<Normalized<'static>, E> {
        let mut n = Normalized {
            source: required(self.source, "source")?,
            code: Cow::Owned(required(self.code, "code")?),
            known: required(self.known, "known")?,
            outcome: required(self.outcome, "outcome")?,
            category: required(self.category, "category")?,
            actor: required(self.actor, "actor")?,
            retryable: required(self.retryable, "retryable")?,
            action: required(self.action, "action")?,
            message: None,
            raw_msg: self.raw_msg.flatten().map(Cow::Owned),
            root_cause: self.root_cause.flatten(),
            carrier: self.carrier.flatten(),
            request_id: self.request_id.flatten().map(Cow::Owned),
            params: self.params.flatten(),
            extra: self.extra.unwrap_or_default(),
            advice: self.advice.flatten(),
        };
        if n.known {
            n.message = n.entry().map(|e| Message {
                zh: e.message(Lang::Zh),
                en: e.message(Lang::En),
            });
        }
        Ok(n)
    }
}
