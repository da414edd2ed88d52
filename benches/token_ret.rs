//! Android's `TokenRet`, the baseline of the Android benches (`normalize.rs`, `interleaved.rs`).

use std::borrow::Cow;

use serde::Deserialize;

/// Android's `TokenRet`, field for field: its carrier data is a `String`.
#[allow(dead_code)] // Read only through black_box.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRet<'a> {
    #[serde(borrow)]
    pub code: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub msg: Option<Cow<'a, str>>,
    pub request_code: Option<i64>,
    #[serde(borrow)]
    pub request_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub vendor_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub carrier_failed_result_data: Option<Cow<'a, str>>,
}
