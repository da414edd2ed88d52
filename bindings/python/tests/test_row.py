"""The row API: the same ids and field names as the CLI's JSON output."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

import numauth
from conftest import run_cli


def test_lookup_matches_the_cli_export_shape() -> None:
    entry = numauth.lookup("cmcc", "103119")
    cli = json.loads(run_cli("explain", "103119", "--source", "cmcc", "--json"))
    assert [entry] == cli
    assert entry["outcome"] == "invalid_configuration"
    assert entry["actor"] == "developer"


def test_lookup_with_a_message_row_and_unknown_codes() -> None:
    entry = numauth.lookup("cucc", "1", msg="请求超时")
    assert entry is not None and entry["outcome"] == "timeout"
    assert entry["match"]
    assert numauth.lookup("cmcc", "999999999") is None


def test_bad_ids_are_value_errors_listing_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="pns"):
        numauth.lookup("nope", "600011")
    with pytest.raises(ValueError, match="android"):
        numauth.normalize("600011", platform="amiga")


def test_explain_lists_every_meaning_as_the_cli_does() -> None:
    found = numauth.explain("600001")
    assert found == json.loads(run_cli("explain", "600001", "--json"))
    assert len({e["source"] for e in found}) == len(found) >= 2
    assert numauth.explain("600001", source="fusion")[0]["source"] == "fusion"
    assert numauth.explain("no-such-code") == []
    # A code a source documents per platform: one entry per platform, as the CLI gives them.
    per_platform = numauth.explain("2018", source="jverify")
    assert per_platform == json.loads(run_cli("explain", "2018", "-s", "jverify", "--json"))
    # In the table's order: the official row (iOS's) first, then the third-party copy's.
    assert [e["platforms"] for e in per_platform] == [["ios"], ["android"]]


SAMPLES = [
    '{"code":"600011","msg":"获取token失败","vendorName":"cm_zyhl","requestId":"r1",'
    '"carrierFailedResultData":"{\\"resultCode\\":\\"103119\\",\\"desc\\":\\"appid不存在\\"}"}',
    '{"error_code":"IDAAS.SDK.LOGIN.1005","error_msg":"Invalid username or password. Remaining login attempts: 3"}',
    '"{msg: 蜂窝网络未开启, code: 600008, data: null}"',
    '{"code":"600000","token":"STsid00000secret"}',
]


def test_normalize_gives_exactly_what_numauth_normalize_prints(tmp_path) -> None:
    log = tmp_path / "four.ndjson"
    log.write_text("\n".join(SAMPLES) + "\n", encoding="utf-8")
    # The CLI adds a presentation block (`explain`: title, user_text, action in one language) to
    # every line; the library's result is the rest, field for field.
    cli = [
        {k: v for k, v in json.loads(line).items() if k != "explain"}
        for line in run_cli("normalize", "--jobs", "1", str(log)).splitlines()
    ]
    ours = [numauth.normalize(json.loads(s) if s.startswith('"') else s) for s in SAMPLES]
    assert ours == cli
    assert ours[0]["root_cause"]["code"] == "103119" and ours[0]["carrier"] == "cmcc"
    assert ours[1]["params"], "IDaaS template values land in params"
    assert "STsid00000secret" not in json.dumps(ours[3]), "tokens are redacted"


def test_normalize_hints_bytes_and_errors() -> None:
    assert numauth.normalize("600001", source="fusion")["source"] == "fusion"
    assert numauth.normalize("600004", platform="web")["source"] == "pns_web"
    assert numauth.normalize(b'{"code":"600008"}')["outcome"] == "mobile_data_disabled"
    with pytest.raises(numauth.NormalizeError, match="empty input"):
        numauth.normalize("   ")
    with pytest.raises(numauth.NormalizeError, match="not UTF-8"):
        numauth.normalize(b"\xff\xfe")
    with pytest.raises(numauth.NormalizeError, match="over the limit"):
        numauth.normalize("x" * (numauth.MAX_INPUT_BYTES + 1))
    assert issubclass(numauth.NormalizeError, ValueError)
    with pytest.raises(TypeError, match="str or bytes"):
        numauth.normalize(600011)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        numauth.lookup(1, "600011")  # type: ignore[arg-type]


def test_a_lone_surrogate_and_nul_bytes_are_read_as_the_cli_reads_them() -> None:
    # Red-team finds: a str with a lone surrogate (json.loads of a cut "\\ud83d") raised
    # UnicodeEncodeError; a NUL inside a code cut it to China Unicom's "600".
    cut = numauth.normalize('{"code":"600011","msg":"获取token失败\ud83d"}')
    assert (cut["code"], cut["raw_msg"]) == ("600011", "获取token失败\ufffd")
    nul = numauth.normalize('{"code":"600\x00011","msg":"获取token失败"}')
    assert (nul["source"], nul["code"], nul["outcome"]) == ("pns", "600011", "token_failed")
    batch = numauth.normalize_arrow(pa.array(['{"code":"600\x00011"}']))
    assert batch.column("code").to_pylist() == ["600011"]


def test_lookup_and_explain_read_a_lone_surrogate_as_normalize_does() -> None:
    # A red-team find: they raised UnicodeEncodeError where normalize reads U+FFFD.
    assert numauth.lookup("pns", "600011\ud83d") is None
    assert numauth.explain("600011\ud83d") == []
    assert numauth.lookup("pns", "600011", msg="获取token失败\ud83d") is not None
    assert numauth.explain("1", source="cucc", msg="请求超时\ud83d")


def test_the_dict_types_exist_at_run_time() -> None:
    # A red-team find: the stub declared Entry, Normalized and Text, which the module lacked,
    # so `entry: numauth.Entry = ...` at module level raised AttributeError.
    assert {"Entry", "Normalized", "Text"} <= set(numauth.__all__)
    assert numauth.Entry.__annotations__["outcome"] is str
    assert set(numauth.Normalized.__annotations__) == set(numauth.normalize("600008"))
    assert set(numauth.Entry.__required_keys__) <= set(numauth.lookup("pns", "600008") or {})


def test_data_version_is_exposed() -> None:
    assert numauth.DATA_VERSION and isinstance(numauth.DATA_VERSION, str)


PHONE = "<redacted phone: 11 chars>"


def test_phone_numbers_are_redacted_in_rows_and_batches() -> None:
    raw = '{"code":"600011","msg":"手机号13812345678格式非法","requestId":"13912345678"}'
    n = numauth.normalize(raw)
    assert n["raw_msg"] == f"手机号{PHONE}格式非法"
    assert n["request_id"] == PHONE
    # A code that is a number, and its row in a batch.
    rows = numauth.normalize_arrow(pa.array([raw, '{"code":"15012345678"}'])).to_pylist()
    assert rows[0]["request_id"] == PHONE and rows[0]["code"] == "600011"
    assert rows[1]["code"] == PHONE and rows[1]["known"] is False
    # Typed in full-width digits (a Chinese input method's full-width mode), it is one too.
    wide = numauth.normalize('{"code":"600011","msg":"号码：１３６１２３４５６７８。"}')
    assert wide["raw_msg"] == f"号码：{PHONE}。"
    # Written in groups: 3-4-4 split by a dot, 3-8 by a hyphen.
    grouped = numauth.normalize('{"code":"600011","msg":"号码137.1234.5678或151-12345678"}')
    assert grouped["raw_msg"] == "号码<redacted phone: 13 chars>或<redacted phone: 12 chars>"
    shown = json.dumps([n, rows, wide, grouped], ensure_ascii=False)
    for number in ("13812345678", "13912345678", "15012345678", "１３６１２３４５６７８",
                   "137.1234.5678", "12345678"):
        assert number not in shown


def test_swift_prints_are_read_in_rows_and_batches() -> None:
    # What `print(resultDic)` writes for the iOS SDK's callback in Swift, as a support engineer
    # pastes it or an app logs it.
    raw = ('[AnyHashable("resultCode"): 600011, AnyHashable("msg"): 获取token失败, '
           'AnyHashable("carrierFailedResultData"): [AnyHashable("resultCode"): 103911, '
           'AnyHashable("desc"): token请求过于频繁]]')
    n = numauth.normalize(raw)
    assert (n["source"], n["code"], n["outcome"]) == ("pns", "600011", "rate_limited")
    assert (n["root_cause"]["source"], n["root_cause"]["code"]) == ("cmcc", "103911")
    row = numauth.normalize_arrow(pa.array([raw])).to_pylist()[0]
    assert (row["code"], row["root_source"], row["root_code"], row["carrier"]) == (
        "600011", "cmcc", "103911", "cmcc")
    with pytest.raises(numauth.NormalizeError, match="Swift dictionary print"):
        numauth.normalize('[AnyHashable("msg"): 获取token失败]')
