// The Kotlin bindings on the JVM through JNA, against the real cdylib: the README's examples
// (ReadmeSnippet.kt, extracted from README.md at test time), errors, hints, callbacks, and
// 100k normalize calls checked against the Rust library's own results for the sample log.
//
// Usage: NumauthTestKt <callbacks.ndjson> <expected.txt from examples/expected.rs>
// Ends with "kotlin: N passed, M failed"; exits 1 on any failure.
import io.numauth.*
import java.io.File
import kotlin.system.exitProcess

var passed = 0
var failed = 0

fun check(cond: Boolean, what: String) {
    if (cond) passed++ else { failed++; System.err.println("FAILED: $what") }
}

inline fun <reified T : Throwable> throws(what: String, body: () -> Unit): T? {
    try { body() } catch (e: Throwable) {
        check(e is T, "$what: threw ${e::class.simpleName}")
        return e as? T
    }
    check(false, "$what: did not throw")
    return null
}

const val ANDROID = """{"code":"600011","msg":"获取token失败","requestCode":0,"requestId":"0b6f3a1e","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"""

fun testReadme() {
    val line = lookupExample()
    check(line.startsWith("invalid_configuration / developer: "), "lookupExample: $line")
    check(onTokenFailed(ANDROID) == "invalid_configuration: cmcc 103119 (cmcc)", "onTokenFailed(android): ${onTokenFailed(ANDROID)}")
    val unknown = onTokenFailed("""{"code":"600099","msg":"?"}""")
    check(unknown == "unknown code pns 600099, kept as received", "unknown code: $unknown")
    check(onTokenFailed("hello") == "no result code in the callback (text)", "no code: ${onTokenFailed("hello")}")
    val noData = onTokenFailed("""{"code":"600008","msg":"蜂窝网络未开启"}""")
    check(noData.isNotEmpty() && noData == lookup("pns", "600008")!!.explanation.userText.zh, "user text: $noData")
    val fix = fixOnIos("""{"resultCode":"600004","msg":"获取运营商配置信息失败"}""", "17.1", "2.12.1")
    check(fix != null && fix.startsWith("developer: ") && fix.contains("2.12.14"), "fixOnIos: $fix")
    check(fixOnIos("""{"resultCode":"600004"}""", "16.3", "2.12.1") == null ||
        !fixOnIos("""{"resultCode":"600004"}""", "16.3", "2.12.1")!!.contains("CTCarrier"), "no CTCarrier advice before iOS 16.4")
    check(onTokenFailed("   ").let { it.startsWith("bad input: ") && it.contains("empty input") }, "empty: ${onTokenFailed("   ")}")
    // A lone surrogate (a red-team find): the snippet says so rather than crash, and the
    // README's cleaning keeps a batch whole.
    val cut = "{\"code\":\"600011\",\"msg\":\"获取token失败\uD83D\"}"
    check(onTokenFailed(cut) == "not text: MalformedInputException", "lone surrogate: ${onTokenFailed(cut)}")
    val clean = listOf("600011", cut, "600008").map { String(it.toByteArray(Charsets.UTF_8), Charsets.UTF_8) }
    val results = normalizeMany(clean)
    check(results.size == 3 && results.all { it is NormalizeResult.Ok }, "cleaned batch: $results")
    val second = (results[1] as? NormalizeResult.Ok)?.normalized
    check(second?.code == "600011" && second.rawMsg == "获取token失败?", "cleaned line: $second")
}

fun testApi() {
    val e = lookup("cmcc", "103119")!!
    check(e.source == "cmcc" && e.code == "103119" && e.actor == "developer", "lookup ids")
    check(e.message.zh.isNotEmpty() && e.message.en.isNotEmpty(), "lookup texts in zh and en")
    check(e.provenance.isNotEmpty(), "lookup provenance")
    check(lookup("pns", "999999") == null, "unknown code is null")
    // The export's carrier field (a red-team find: the record had none).
    check(lookup("onelogin", "-40101")?.carrier == "cmcc" && e.carrier == null, "entry carrier")
    val bad = throws<NumauthException.InvalidId>("bad source") { lookup("cmc", "1") }
    check(bad?.given == "cmc" && bad.expected.contains("cmcc") && bad.kind == "source", "InvalidId fields")
    check(lookupWithMsg("cucc", "1", "请求超时")!!.outcome == "timeout", "lookupWithMsg")
    val sources = candidates("600001").map { it.source }
    check("pns" in sources && "fusion" in sources, "candidates: $sources")
    check(candidates("no such code").isEmpty(), "no candidates")
    check(catalogVersion().isNotEmpty(), "catalogVersion")

    throws<NumauthException.Empty>("empty") { normalize("") }
    val big = "{\"code\":\"600011\",\"pad\":\"" + "x".repeat(70_000) + "\"}"
    val tooLarge = throws<NumauthException.TooLarge>("too large") { normalize(big) }
    check(tooLarge?.len == big.toByteArray().size.toULong() && tooLarge.max == 65536UL, "TooLarge fields")
    // toString() is the core's message (Rust's Display), not UniFFI's list of the fields.
    check(tooLarge.toString() == tooLarge!!.detail && tooLarge.detail.contains("65536") &&
        !tooLarge.toString().contains("len="), "TooLarge toString: $tooLarge")
    val noCode = throws<NumauthException.NoCode>("no code") { normalize("{msg: 获取token失败}") }
    check(noCode?.shape == "dart_map" && noCode.detail.contains("no result code"), "NoCode fields")

    check(normalizeWith("600001", Hint(source = "fusion")).source == "fusion", "hint source")
    check(normalizeWith("""{"code":"600004"}""", Hint(platform = "web")).source == "pns_web", "hint platform")
    throws<NumauthException.InvalidId>("bad platform") { normalizeWith("600001", Hint(platform = "symbian")) }

    // Advice by platform and versions: 600004 on iOS 16.4+ with an SDK before 2.12.14.
    val old = normalizeWith("""{"resultCode":"600004"}""", Hint(platform = "ios", osVersion = "16.4", sdkVersion = "2.12.3"))
    check(old.advice?.id == "ios_16_4_carrier_config" && old.advice?.actor == "developer" &&
        old.advice?.action == "upgrade_sdk" && old.advice!!.text.en.contains("2.12.14"), "advice by version: ${old.advice}")
    val fixed = normalizeWith("""{"resultCode":"600004"}""", Hint(platform = "ios", osVersion = "16.4", sdkVersion = "2.12.14"))
    check(fixed.advice?.id != "ios_16_4_carrier_config", "no upgrade advice from 2.12.14 on: ${fixed.advice}")
    check(normalizeWith("""{"resultCode":"600004"}""", Hint(platform = "android", osVersion = "16.4", sdkVersion = "2.12.3"))
        .advice?.id != "ios_16_4_carrier_config", "an iOS rule is not given on Android")
    val badVersion = throws<NumauthException.InvalidId>("bad version") { normalizeWith("600004", Hint(sdkVersion = "two")) }
    check(badVersion?.kind == "sdk_version" && badVersion.given == "two" && badVersion.detail.contains("16.4"), "bad version fields: $badVersion")
    check("$badVersion" == badVersion!!.detail, "InvalidId toString: $badVersion")

    val cb = CallbackFields(code = "600011", msg = "获取token失败", vendorName = "cu_xw",
        carrierData = """{"resultCode":"1","resultMsg":"请求超时"}""")
    val n = normalizeCallback(cb, Hint())
    check(n.source == "pns" && n.causes.last().source == "cucc" && n.outcome == "timeout", "normalizeCallback: $n")

    val ok = normalize("""{"code":"600000","msg":"ok","token":"STsid0000001","requestCode":0}""")
    val token = ok.extra.first { it.key == "token" }.value
    check(token is ExtraValue.Text && token.value.startsWith("<redacted"), "token redacted: $token")
    check(!ok.toString().contains("STsid0000001"), "token never in the result")
    val dart = normalize("{code: 600011, msg: 获取token失败, data: {a: 1}, requestCode: 0}").extra.associate { it.key to it.value }
    check(dart["data"] == ExtraValue.Text("{a: 1}") && dart["requestCode"] == ExtraValue.Json("0"),
        "a Dart map's nested map is Text, a number Json: $dart")
    val phone = normalize("""{"code":"600011","msg":"手机号13812345678格式非法","requestId":"13912345678"}""")
    check(phone.rawMsg == "手机号<redacted phone: 11 chars>格式非法" && phone.requestId == "<redacted phone: 11 chars>",
        "phone numbers redacted: ${phone.rawMsg} ${phone.requestId}")
    check(!phone.toString().contains("13812345678") && !phone.toString().contains("13912345678"), "no number in the result")

    val idaas = normalize("""{"error_code":"IDAAS.SDK.LOGIN.1003","error_msg":"用户因多次登录失败已被锁定，将在4分30秒后解锁"}""")
    check(idaas.params?.lockMinutes == 4u && idaas.params?.lockSeconds == 30u, "IDaaS params")
}

// The flat form examples/expected.rs prints from the Rust library; see there.
fun level(source: String, code: String, known: Boolean, outcome: String, category: String, actor: String,
          retryable: Boolean, action: String, explanation: Explanation, message: Text?, rawMsg: String?,
          carrier: String?, requestId: String?, params: IdaasParams?, extra: List<ExtraField>): List<String> {
    fun opt(v: String?) = v ?: "<none>"
    fun dbg(v: UInt?) = if (v == null) "None" else "Some($v)"
    return listOf(source, code, known.toString(), outcome, category, actor, retryable.toString(), action,
        "${explanation.title.en}|${explanation.userText.zh}|${explanation.nextStep.en}",
        message?.let { "${it.zh}|${it.en}" } ?: "<none>", opt(rawMsg), opt(carrier), opt(requestId),
        params?.let { "${it.values.joinToString(",")}|${dbg(it.attemptsLeft)}|${dbg(it.lockMinutes)}|${dbg(it.lockSeconds)}" } ?: "<none>",
        extra.joinToString(";") { f ->
            when (val v = f.value) {
                is ExtraValue.Text -> "${f.key}=t:${v.value}"
                is ExtraValue.Json -> "${f.key}=j:${v.value}"
            }
        })
}

fun record(n: Normalized): String {
    val fields = mutableListOf("OK")
    fields += level(n.source, n.code, n.known, n.outcome, n.category, n.actor, n.retryable, n.action, n.explanation,
        n.message, n.rawMsg, n.carrier, n.requestId, n.params, n.extra)
    for (c in n.causes) {
        fields += "cause:" + level(c.source, c.code, c.known, c.outcome, c.category, c.actor, c.retryable, c.action,
            c.explanation, c.message, c.rawMsg, c.carrier, c.requestId, c.params, c.extra).joinToString("|")
    }
    fields += n.advice?.let { "advice:${it.id}|${it.text.en}|${it.actor}|${it.action}|${it.provenance.joinToString(",")}" } ?: "advice:<none>"
    return fields.joinToString("\u001f")
}

fun recordOf(line: String): String = try {
    record(normalize(line))
} catch (e: NumauthException) {
    "ERR\u001f${e.detailOf()}"
}

fun NumauthException.detailOf(): String = when (this) {
    is NumauthException.Empty -> detail
    is NumauthException.TooLarge -> detail
    is NumauthException.TooDeep -> detail
    is NumauthException.NoCode -> detail
    is NumauthException.InvalidId -> detail
    is NumauthException.Other -> detail
}

fun testSampleLog(lines: List<String>, expected: List<String>) {
    check(lines.size == expected.size && lines.size >= 30, "sample has ${lines.size} lines, expected ${expected.size}")
    for ((i, line) in lines.withIndex()) {
        val actual = recordOf(line)
        check(actual == expected[i], "line ${i + 1}:\n  rust:   ${expected[i]}\n  kotlin: $actual")
    }
    var mismatches = 0
    val calls = 100_000
    for (i in 0 until calls) {
        if (recordOf(lines[i % lines.size]) != expected[i % lines.size]) mismatches++
    }
    check(mismatches == 0, "$mismatches of $calls normalize calls differ from the Rust output")
    val many = normalizeMany(lines).map {
        when (it) {
            is NormalizeResult.Ok -> record(it.normalized)
            is NormalizeResult.Failed -> "ERR\u001f${it.error}"
        }
    }
    check(many == expected, "normalizeMany matches the Rust output")
    check(expected.any { it.startsWith("ERR") } && expected.any { it.startsWith("OK") }, "the sample has both kinds")
}

/** Per-call normalize against normalizeMany per item, in the same run; prints, never asserts. */
fun bench(lines: List<String>) {
    val batch = List(1000) { lines[it % lines.size] }
    fun perCall() { for (l in batch) try { normalize(l) } catch (e: NumauthException) {} }
    fun many() { normalizeMany(batch) }
    repeat(5) { perCall(); many() } // JIT warm-up
    val rounds = 20
    var t0 = System.nanoTime(); repeat(rounds) { perCall() }; val a = (System.nanoTime() - t0) / (rounds * 1000.0)
    t0 = System.nanoTime(); repeat(rounds) { many() }; val b = (System.nanoTime() - t0) / (rounds * 1000.0)
    println("kotlin bench: normalize per call %.1f us, normalizeMany %.1f us per item (batches of 1000): per-call / batch = %.2fx".format(a / 1000, b / 1000, a / b))
}

fun main(args: Array<String>) {
    val lines = File(args[0]).readText().split("\n").let { if (it.last().isEmpty()) it.dropLast(1) else it }.map { it.removeSuffix("\r") }
    val expected = File(args[1]).readText().split("\u001e")
    testReadme()
    testApi()
    testSampleLog(lines, expected)
    if (args.size > 2 && args[2] == "--bench") bench(lines)
    println("kotlin: $passed passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
