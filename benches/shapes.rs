//! One callback of each payload shape, shared by `benches/normalize.rs` and
//! `tests/allocations.rs` so that the time and the allocation figures describe the same inputs.
//!
//! `json` is the same callback (same fields, same values) as a JSON object: the bytes the
//! baseline parses when `raw` is not JSON that serde_json can read.

/// A payload shape and its sample.
#[allow(dead_code)] // The allocation test reads only `name` and `raw`.
pub struct Sample {
    /// The shape's name in reports.
    pub name: &'static str,
    /// The callback as an app or SDK logs it.
    pub raw: &'static str,
    /// The same callback as JSON (equal to `raw` when `raw` is JSON).
    pub json: &'static str,
}

const ANDROID: &str = r#"{"code":"600011","msg":"获取token失败","requestCode":0,"requestId":"0b6f3a1e-77c2","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#;
const IOS: &str = r#"{"resultCode":"600011","msg":"获取token失败","requestId":"9a1e44","innerCode":"-10009","innerMsg":"时间戳过期","carrierFailedResultData":{"result":-10009}}"#;
const JVERIFY: &str = r#"{"code":6001,"content":"fetch loginToken failed: resultCode:103111 网关IP错误","operator":"CM"}"#;
const ONELOGIN: &str = r#"{"status":500,"errorCode":"-40101","msg":"resultCode:103111 网关IP错误","process_id":"3c1f0e9a7b","operatorType":"1"}"#;
const DYPNS: &str = r#"{"RequestId":"8A4F-11C2-4D5E","Message":"token无效","Code":"isv.TOKEN_INVALID","GetMobileResultDTO":{"Mobile":""}}"#;
const IDAAS: &str = r#"{"error_code":"IDAAS.SDK.LOGIN.1003","error_msg":"用户因多次登录失败已被锁定，将在4分30秒后解锁"}"#;

/// Every shape the issue names, Android's nested carrier string first.
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "android_json_nested",
        raw: ANDROID,
        json: ANDROID,
    },
    Sample {
        name: "ios_json",
        raw: IOS,
        json: IOS,
    },
    Sample {
        name: "ns_dictionary",
        raw: "{\n    carrierFailedResultData =     {\n        desc = \"appid\\U4e0d\\U5b58\\U5728\";\n        resultCode = 103119;\n    };\n    innerCode = 103119;\n    innerMsg = \"appid\\U4e0d\\U5b58\\U5728\";\n    msg = \"\\U83b7\\U53d6token\\U5931\\U8d25\";\n    requestId = \"A1-B2\";\n    resultCode = 600011;\n}",
        json: r#"{"carrierFailedResultData":{"desc":"appid不存在","resultCode":"103119"},"innerCode":"103119","innerMsg":"appid不存在","msg":"获取token失败","requestId":"A1-B2","resultCode":"600011"}"#,
    },
    Sample {
        name: "dart_map",
        raw: r#"{msg: 获取token失败, code: 600011, requestId: 7f, carrierFailedResultData: {"resultCode":"103119","desc":"appid不存在"}, vendorName: cm_zyhl}"#,
        json: r#"{"msg":"获取token失败","code":"600011","requestId":"7f","carrierFailedResultData":{"resultCode":"103119","desc":"appid不存在"},"vendorName":"cm_zyhl"}"#,
    },
    Sample {
        name: "java_to_string",
        raw: "TokenRet{vendorName='cu_xw', code='600011', msg='获取token失败', carrierFailedResultData='{\"resultCode\":\"1\",\"resultMsg\":\"请求超时\"}', requestId=5e0c11, requestCode=0, token='null'}",
        json: r#"{"vendorName":"cu_xw","code":"600011","msg":"获取token失败","carrierFailedResultData":"{\"resultCode\":\"1\",\"resultMsg\":\"请求超时\"}","requestId":"5e0c11","requestCode":0,"token":"null"}"#,
    },
    Sample {
        name: "log_text",
        raw: r#"2024-05-01 12:00:01.002 E/AuthSDK: onTokenFailed: {"code":"600008","msg":"蜂窝网络未开启","requestId":"r-2"} (attempt 2)"#,
        json: r#"{"code":"600008","msg":"蜂窝网络未开启","requestId":"r-2"}"#,
    },
    Sample {
        name: "idaas_body",
        raw: IDAAS,
        json: IDAAS,
    },
    Sample {
        name: "jverify_json",
        raw: JVERIFY,
        json: JVERIFY,
    },
    Sample {
        name: "onelogin_json",
        raw: ONELOGIN,
        json: ONELOGIN,
    },
    Sample {
        name: "dypns_body",
        raw: DYPNS,
        json: DYPNS,
    },
];
