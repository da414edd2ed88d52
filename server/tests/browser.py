#!/usr/bin/env python3
"""Real-browser test of `numauth serve`'s page and of `numauth report --format html`.

Drives Debian's chromium through chromedriver's W3C WebDriver protocol with the standard library
only. Usage: browser.py NUMAUTH_BINARY OUTPUT_DIR. Prints one line per check and a last line
`browser: N passed, M failed`; exits non-zero when a check failed.
"""

import base64
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLE = os.path.join(ROOT, "data", "samples", "callbacks.ndjson")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,2600"]

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, port, user_data):
        self.base = "http://127.0.0.1:%d" % port
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium", "args": FLAGS + ["--user-data-dir=" + user_data]}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())["value"]

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path), body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        return self.s("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def type(self, css, text):
        self.s("POST", "/element/%s/value" % self.find(css), {"text": text})

    def click(self, css):
        self.s("POST", "/element/%s/click" % self.find(css), {})

    def wait(self, script, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            value = self.js(script)
            if value:
                return value
            time.sleep(0.1)
        return None

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def quit(self):
        self.call("DELETE", "/session/" + self.session)


def numauth(binary, *args):
    env = dict(os.environ, LANG="C")
    env.pop("LC_ALL", None)
    return subprocess.run([binary, *args], check=True, capture_output=True, env=env).stdout


def compare_report(d, expected, prefix):
    """The page's cards, categories and outcome rows against `report --json`."""
    shown = d.js("""return {
      cards: Object.fromEntries([...document.querySelectorAll('[id^=n-]')].map(e => [e.id, +e.textContent])),
      categories: Object.fromEntries([...document.querySelectorAll('[data-category]')].map(e => [e.dataset.category, +e.dataset.count])),
      outcomes: [...document.querySelectorAll('tr[data-outcome]')].map(r => [r.dataset.outcome, +r.querySelector('.count').textContent, r.dataset.actor]),
      unknown: [...document.querySelectorAll('#unknown tr[data-unknown]')].map(r => [r.dataset.unknown, r.dataset.code, +r.querySelector('.count').textContent, r.querySelector('.raw').textContent]),
      unknownShown: !document.getElementById('unknown-section').hidden
    }""")
    cards = {"n-lines": expected["lines"], "n-callbacks": expected["callbacks"],
             "n-unusable": expected["unusable"], "n-unknown": expected["unknown_codes"]}
    check(prefix + " counts match report --json", shown["cards"] == cards, (shown["cards"], cards))
    check(prefix + " categories match", shown["categories"] == expected["categories"],
          (shown["categories"], expected["categories"]))
    rows = [[r["outcome"], r["count"], r["actor"]] for r in expected["top_outcomes"]]
    check(prefix + " top outcomes match", shown["outcomes"] == rows, (shown["outcomes"], rows))
    unknown = [[r["source"], r["code"], r["count"], r["raw_msg"] or ""] for r in expected["top_unknown_codes"]]
    check(prefix + " unknown codes match", unknown and shown["unknown"] == unknown, (shown["unknown"], unknown))
    check(prefix + " the unknown codes' section is shown", shown["unknownShown"], shown)


def page_checks(d, binary, url, out_dir):
    d.go(url)
    check("page loads and reads the labels", d.wait("return document.body.dataset.ready === '1'"))
    d.type("#code", "600011")
    explained = json.loads(numauth(binary, "explain", "600011", "--json"))
    got = d.wait("const e = document.querySelectorAll('#lookup-results .entry');"
                 "return e.length ? [...e].map(x => x.dataset.source) : null")
    check("lookup as you type finds 600011 in every source",
          got == [e["source"] for e in explained], (got, explained))
    d.type("#file", SAMPLE)
    d.wait("return document.getElementById('n-callbacks')")
    expected = json.loads(numauth(binary, "report", "--json", SAMPLE))
    compare_report(d, expected, "uploaded sample:")
    d.click("#lang-zh")
    zh = d.wait("return document.documentElement.lang === 'zh' && "
                "document.getElementById('report-status').textContent === '报告已生成。' && "
                "document.querySelector('h1').textContent")
    check("the zh switch relabels the page", zh and "一键登录" in zh, zh)
    title = d.js("return document.querySelector('tr[data-outcome=\"mobile_data_disabled\"] td').textContent")
    zh_title = json.loads(numauth(binary, "report", "--json", "--lang", "zh", SAMPLE))
    check("outcome titles are in Chinese", title and any("\u4e00" <= c <= "\u9fff" for c in title), title)
    compare_report(d, zh_title, "zh:")
    d.screenshot(os.path.join(out_dir, "page-zh.png"))


def actor_and_gzip_checks(d, binary, url, out_dir):
    """Who acts is the row's, not the outcome's usual actor (a red-team find: both the page and
    the HTML report showed the outcome's), and a gzip upload reads as the CLI reads it."""
    log = os.path.join(out_dir, "actors.ndjson")
    with open(log, "w") as f:
        f.write(json.dumps({"code": "300004", "msg": "y"}) + "\n")
        f.write(json.dumps({"resultCode": "103901", "desc": "x", "operatorType": "CM"}) + "\n")
    expected = json.loads(numauth(binary, "report", "--json", log))
    with urllib.request.urlopen(url + "v1/labels") as response:
        defaults = json.load(response)["outcomes"]
    overridden = [r for r in expected["top_outcomes"] if r["actor"] != defaults[r["outcome"]]["actor"]]
    check("the actor log has rows whose actor is not their outcome's", len(overridden) == 2, expected)
    d.js("document.getElementById('report-status').textContent = '';")
    d.type("#file", log)
    d.wait("return document.getElementById('report-status').textContent.length > 0 &&"
           " document.getElementById('n-callbacks').textContent === '2'")
    shown = d.js("return [...document.querySelectorAll('tr[data-outcome]')].map(r => [r.dataset.outcome, r.dataset.actor,"
                 " r.children[4].textContent])")
    rows = [[r["outcome"], r["actor"]] for r in expected["top_outcomes"]]
    check("page: who acts is the row's", [s[:2] for s in shown] == rows and all(s[2] for s in shown), (shown, rows))
    gz = os.path.join(out_dir, "callbacks.ndjson.gz")
    with open(SAMPLE, "rb") as src, gzip.open(gz, "wb") as dst:
        dst.write(src.read())
    sample = json.loads(numauth(binary, "report", "--json", SAMPLE))
    d.js("document.getElementById('report-status').textContent = '';")
    d.type("#file", gz)
    d.wait("return document.getElementById('n-lines').textContent === '%d'" % sample["lines"])
    compare_report(d, sample, "gzip upload:")
    # The HTML report last: it leaves the page.
    path = os.path.join(out_dir, "actors.html")
    numauth(binary, "report", "--format", "html", "-o", path, log)
    d.go("file://" + path)
    html = d.js("return [...document.querySelectorAll('tr[data-outcome]')].map(r => [r.dataset.outcome, r.dataset.actor])")
    check("html report: who acts is the row's", html == rows, (html, rows))


def xss_checks(d, out_dir):
    evil = '<img src=x onerror="window.__pwned=1">'
    log = os.path.join(out_dir, "evil.ndjson")
    with open(log, "w") as f:
        f.write(json.dumps({"code": "600011", "msg": evil}) + "\n")
        f.write(json.dumps("<script>window.__pwned2=1</script> code=600011") + "\n")
        f.write(json.dumps({"code": "600008", "msg": "<b>bold</b>", "requestId": "<svg onload=x>"}) + "\n")
        f.write(json.dumps({"code": "600099", "msg": evil.replace("__pwned", "__pwned3")}) + "\n")
    d.js("window.__pwned = undefined; window.__pwned2 = undefined; window.__pwned3 = undefined;"
         "document.getElementById('report-status').textContent = '';")
    d.type("#file", log)
    d.wait("return document.getElementById('report-status').textContent.length > 0 &&"
           " document.querySelectorAll('#lines tbody tr').length === 4")
    time.sleep(0.5)  # an image error handler would have run by now
    state = d.js("""return {
      pwned: window.__pwned === 1 || window.__pwned2 === 1 || window.__pwned3 === 1,
      tags: document.querySelectorAll('#report img, #report script, #report svg[onload], #report b:not([id])').length,
      text: document.getElementById('lines').textContent,
      unknown: document.getElementById('unknown').textContent
    }""")
    check("an <img onerror> msg does not execute", not state["pwned"], state)
    check("log strings make no elements", state["tags"] == 0, state)
    check("the msg is shown as text", evil in state["text"] and "<b>bold</b>" in state["text"], state["text"])
    check("an unknown code's msg is shown as text", "window.__pwned3=1" in state["unknown"], state["unknown"])


def known_only_checks(d, out_dir):
    """A log whose codes the catalog all knows shows no unknown codes' section."""
    log = os.path.join(out_dir, "known.ndjson")
    with open(log, "w") as f:
        f.write(json.dumps({"code": "600000", "msg": "获取token成功"}) + "\n")
        f.write(json.dumps({"code": "700000", "msg": "用户取消操作"}) + "\n")
    d.js("document.getElementById('report-status').textContent = '';")
    d.type("#file", log)
    shown = d.wait("return document.getElementById('report-status').textContent.length > 0 &&"
                   " document.getElementById('n-unknown').textContent === '0' &&"
                   " {hidden: document.getElementById('unknown-section').hidden,"
                   "  rows: document.querySelectorAll('#unknown tbody tr').length}")
    check("no unknown codes: the section is hidden and empty",
          shown and shown["hidden"] and shown["rows"] == 0, shown)


def html_report_checks(d, binary, out_dir):
    path = os.path.join(out_dir, "report.html")
    numauth(binary, "report", "--format", "html", "-o", path, SAMPLE)
    d.go("file://" + path)
    expected = json.loads(numauth(binary, "report", "--json", SAMPLE))
    shown = d.js("""return {
      cards: Object.fromEntries([...document.querySelectorAll('[data-key]')].map(e => [e.dataset.key, +e.textContent])),
      categories: Object.fromEntries([...document.querySelectorAll('[data-category]')].map(e => [e.dataset.category, +e.dataset.count])),
      outcomes: [...document.querySelectorAll('tr[data-outcome]')].map(r => [r.dataset.outcome, +r.dataset.count, r.dataset.actor]),
      unknown: [...document.querySelectorAll('tr[data-unknown]')].map(r => [r.dataset.unknown, +r.dataset.count, r.querySelector('.id').textContent]),
      scripts: document.scripts.length,
      svgs: document.querySelectorAll('svg').length,
      external: [...document.querySelectorAll('[src],link[href]')].length
    }""")
    cards = {k: expected[k] for k in ("lines", "callbacks", "unusable", "unknown_codes")}
    check("html report: counts match report --json", shown["cards"] == cards, (shown["cards"], cards))
    check("html report: categories match", shown["categories"] == expected["categories"], shown)
    rows = [[r["outcome"], r["count"], r["actor"]] for r in expected["top_outcomes"]]
    check("html report: top outcomes match", shown["outcomes"] == rows, shown)
    unknown = [[r["source"], r["count"], r["code"]] for r in expected["top_unknown_codes"]]
    check("html report: unknown codes match", unknown and shown["unknown"] == unknown, shown)
    check("html report: no script, nothing external, SVG charts",
          shown["scripts"] == 0 and shown["external"] == 0 and shown["svgs"] > 1, shown)
    d.screenshot(os.path.join(out_dir, "report-html.png"))


def main():
    binary, out_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(out_dir, exist_ok=True)
    server = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
    port = free_port()
    driver_proc = subprocess.Popen(["chromedriver", "--port=%d" % port],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    user_data = tempfile.mkdtemp(prefix="numauth-chromium-")
    d = None
    try:
        url = server.stdout.readline().strip().rsplit(" ", 1)[-1] + "/"
        for _ in range(100):
            try:
                d = Driver(port, user_data)
                break
            except OSError:
                time.sleep(0.1)
        check("chromium starts", d is not None)
        if d:
            for part in (lambda: page_checks(d, binary, url, out_dir), lambda: xss_checks(d, out_dir),
                         lambda: known_only_checks(d, out_dir),
                         lambda: actor_and_gzip_checks(d, binary, url, out_dir),
                         lambda: html_report_checks(d, binary, out_dir)):
                try:
                    part()
                except Exception as e:  # one broken part must not hide the others' results
                    check("no error in a part", False, repr(e))
    finally:
        if d:
            d.quit()
        driver_proc.terminate()
        server.terminate()
        driver_proc.wait()
        server.wait()
        shutil.rmtree(user_data, ignore_errors=True)
    failed = results.count(False)
    print("browser: %d passed, %d failed" % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
