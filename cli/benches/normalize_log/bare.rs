//! The bare loop of the `normalize_log` bench: the least any tool must do per line (read it,
//! deserialise the callback fields into a borrowed struct, write them back as one JSON line).

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A JSON value as the bare loop keeps it: text borrowed from the line where possible.
enum Scalar<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    /// An object or array (an iOS `carrierFailedResultData` object, say).
    Json(serde_json::Value),
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Scalar::Json)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(Scalar::Json)
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Scalar<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Str(v) => s.serialize_str(v),
            Scalar::Int(v) => s.serialize_i64(*v),
            Scalar::Float(v) => s.serialize_f64(*v),
            Scalar::Bool(v) => s.serialize_bool(*v),
            Scalar::Null => s.serialize_unit(),
            Scalar::Json(v) => v.serialize(s),
        }
    }
}

/// The callback fields the bare loop and `jq` extract, under every name the SDKs use. (Every
/// field is a [`Scalar`]: serde borrows an `Option<Cow<str>>` only with a helper, and codes come
/// as numbers too.)
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct Raw<'a> {
    #[serde(borrow, alias = "resultCode", alias = "result")]
    code: Option<Scalar<'a>>,
    #[serde(borrow, alias = "resultMsg", alias = "message", alias = "desc")]
    msg: Option<Scalar<'a>>,
    #[serde(borrow)]
    inner_code: Option<Scalar<'a>>,
    #[serde(borrow)]
    inner_msg: Option<Scalar<'a>>,
    #[serde(borrow, alias = "seq", alias = "reqId")]
    request_id: Option<Scalar<'a>>,
    #[serde(borrow)]
    vendor_name: Option<Scalar<'a>>,
    #[serde(borrow)]
    carrier_failed_result_data: Option<Scalar<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct Error {
    error: String,
    line: usize,
}

/// The bare loop: one JSON line of extracted fields per input line, as `jq` does.
pub fn bare_loop(path: &Path) -> io::Result<usize> {
    let mut reader = BufReader::with_capacity(64 << 10, File::open(path)?);
    let mut out = BufWriter::with_capacity(64 << 10, io::sink());
    let (mut line, mut n) = (String::new(), 0);
    while reader.read_line(&mut line)? > 0 {
        n += 1;
        let text = line.trim_end();
        let written = if text.starts_with('"') {
            serde_json::from_str::<Cow<'_, str>>(text)
                .map(|text| serde_json::to_writer(&mut out, &Text { text }))
        } else {
            serde_json::from_str::<Raw<'_>>(text).map(|raw| serde_json::to_writer(&mut out, &raw))
        };
        match written {
            Ok(w) => w?,
            Err(e) => serde_json::to_writer(
                &mut out,
                &Error {
                    error: e.to_string(),
                    line: n,
                },
            )?,
        }
        out.write_all(b"\n")?;
        line.clear();
    }
    out.flush()?;
    Ok(n)
}
