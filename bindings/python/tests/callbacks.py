"""A generated NDJSON log of login callbacks, in the shapes apps log them (shared by the tests
and bench/bench.py). Deterministic for a given seed; no real tokens or phone numbers."""

from __future__ import annotations

import json
import random
from pathlib import Path

# Callback objects, each written as one JSON line. "{rid}" is replaced by a request id.
OBJECTS = [
    {"code": "600000", "msg": "获取token成功", "requestId": "{rid}", "vendorName": "cm_zyhl", "token": "STsid000{rid}"},
    {"code": "600000", "msg": "获取token成功", "requestId": "{rid}", "vendorName": "cu_xw", "token": "nm{rid}"},
    {"code": "600011", "msg": "获取token失败", "requestId": "{rid}", "vendorName": "cm_zyhl",
     "carrierFailedResultData": "{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"},
    {"code": "600011", "msg": "获取token失败", "requestId": "{rid}", "vendorName": "cm_zyhl",
     "carrierFailedResultData": "{\"resultCode\":\"103911\",\"desc\":\"token请求过于频繁\"}"},
    {"code": "600011", "msg": "获取token失败", "requestId": "{rid}", "vendorName": "ct_sjl",
     "carrierFailedResultData": "{\"result\":-8004,\"msg\":\"移动网络未开启\",\"reqId\":\"c5\"}"},
    {"code": "600011", "msg": "获取token失败", "requestId": "{rid}", "vendorName": "cu_xw",
     "carrierFailedResultData": "{\"resultCode\":1,\"resultMsg\":\"请求超时\"}"},
    {"code": "600011", "msg": "获取token失败", "requestId": "{rid}", "vendorName": "cm_zyhl",
     "carrierFailedResultData": "{\"resultCode\":\"109999\",\"desc\":\"未知\"}"},
    {"code": "600008", "msg": "蜂窝网络未开启", "requestId": "{rid}"},
    {"code": "700000", "msg": "用户取消操作", "requestId": "{rid}"},
    {"code": "700002", "msg": "点击登录按钮事件", "requestId": "{rid}"},
    {"code": "600001", "msg": "唤起授权页成功", "requestId": "{rid}"},
    {"resultCode": "600011", "msg": "获取token失败", "requestId": "{rid}", "innerCode": "-10009",
     "innerMsg": "时间戳过期", "carrierFailedResultData": {"result": -10009}},
    {"resultCode": "103000", "authType": "4", "desc": "成功", "token": "STsid{rid}"},
    {"resultCode": 410004, "resultMsg": "数据网络未开启", "seq": "{rid}"},
    {"result": -8004, "msg": "移动网络未开启", "reqId": "{rid}"},
    {"resultCode": "400007", "resultMsg": "一键登录获取Token失败", "innerCode": "1600011", "innerMsg": "获取Token失败",
     "templateId": "100001", "nodeId": "node_2"},
    {"error_code": "IDAAS.SDK.LOGIN.1005", "error_msg": "Invalid username or password. Remaining login attempts: 3"},
    {"code": "600099", "msg": "未收录的新错误", "requestId": "{rid}"},
]

# Raw text as logged (written as JSON strings), and lines no code can be taken from.
TEXTS = [
    "resultDic = {\n    msg = \"\\U65e0SIM\\U5361\";\n    requestId = {rid};\n    resultCode = 600007;\n}",
    "{msg: 蜂窝网络未开启, code: 600008, data: null}",
    "TokenRet{vendorName='cu_xw', code='600011', msg='获取token失败', carrierFailedResultData="
    "'{\"resultCode\":410004,\"resultMsg\":\"数据网络未开启\"}', requestId={rid}, requestCode=0, token='null'}",
    "onTokenFailed: {\"code\":\"600015\",\"msg\":\"接口超时\",\"requestId\":\"{rid}\"}",
    "2026-11-20 10:31:02 E/Auth: getLoginToken failed, vendorCode:103911, msg:token请求过于频繁",
    "user tapped the banner",
]
BROKEN = ['{"foo": 1}', "", '{"code": "600000", "msg": ']


def line(rng: random.Random) -> str:
    """One log line: mostly callback objects, some raw text, a few unusable lines."""
    rid = f"{rng.getrandbits(32):08x}"
    pick = rng.random()
    if pick < 0.80:
        obj = rng.choice(OBJECTS)
        return json.dumps(obj, ensure_ascii=False).replace("{rid}", rid)
    if pick < 0.98:
        return json.dumps(rng.choice(TEXTS).replace("{rid}", rid), ensure_ascii=False)
    return rng.choice(BROKEN)


def write_log(path: Path, lines: int, seed: int = 15) -> Path:
    """Writes `lines` generated lines to `path` (UTF-8, one per line)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for _ in range(lines):
            f.write(line(rng))
            f.write("\n")
    return path
