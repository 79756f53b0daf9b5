#!/usr/bin/python3
"""Open an HTML report in headless Chromium and check it as a reader's browser shows it.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
JSON messages separated by NUL bytes on file descriptors 3 and 4), so that no
websocket client or network port is needed.  For the page it checks:

  - it loads (the load event fires) with no console error, no uncaught
    exception and no failed or blocked request (the report allows no external
    resource, and its Content-Security-Policy would block one: a blocked load is
    a console error);
  - every chart (svg role="img") has a title and a description and a box wider
    and taller than 50 CSS pixels, and a table beside it in its figure;
  - printed on A4 (print media, a 718 px wide page: 210 mm less 12 mm
    margins at 96 px/inch) nothing is wider than the page;
  - the full-page screenshot is not blank: it has ink (non-white pixels) on a
    good share of its rows and more than a few distinct colours.

Prints a TAP stream and exits non-zero on any failure.  Options write the
screenshot (PNG) and the page printed to PDF on A4.

Usage: test/checks/browser_check.py [--screenshot FILE.png [--height PX]] [--pdf FILE.pdf] [--width PX] REPORT.html
"""
import argparse
import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import tap  # noqa: E402  (test/lib/tap.py)

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe",
]


class Browser:
    """A headless Chromium driven over the DevTools pipe."""

    def __init__(self, timeout=120):
        self.profile = tempfile.mkdtemp(prefix="surestart-chromium-")
        to_chrome_r, self.to_chrome_w = os.pipe()
        self.from_chrome_r, from_chrome_w = os.pipe()

        def wire_fds():
            # Chromium reads commands on fd 3 and writes replies on fd 4.
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [shutil.which("chromium") or "chromium"] + CHROMIUM_FLAGS
            + ["--user-data-dir=" + self.profile, "about:blank"],
            preexec_fn=wire_fds, close_fds=False, stdin=subprocess.DEVNULL,
            stdout=self.log, stderr=self.log)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + timeout

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome_w, json.dumps(message).encode() + b"\0")
        return self.next_id

    def receive(self):
        while b"\0" not in self.buffer:
            if time.monotonic() > self.deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_chrome_r, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        wanted = self.send(method, params, session)
        while True:
            message = self.receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method):
        for i, message in enumerate(self.events):
            if message.get("method") == method:
                return self.events.pop(i)
        while True:
            message = self.receive()
            if message.get("method") == method:
                return message
            self.events.append(message)

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def png_rows(data):
    """Decode an 8-bit RGB or RGBA PNG (as Chromium writes) into rows of pixel tuples."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat = 8, b""
    width = height = channels = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or colour not in (2, 6) or interlace != 0:
                raise ValueError("unsupported PNG: depth %d, colour type %d, interlace %d" % (depth, colour, interlace))
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if filter_type == 1:
                line[x] = (line[x] + a) & 255
            elif filter_type == 2:
                line[x] = (line[x] + b) & 255
            elif filter_type == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif filter_type == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, channels)])
        previous = line
    return rows


def ink(rows):
    """Share of rows with a non-white pixel, and the number of distinct colours (sampled)."""
    inked = sum(1 for row in rows if any(p != (255, 255, 255) for p in row))
    colours = set()
    for row in rows[::4]:
        colours.update(row[::4])
    return inked / max(len(rows), 1), len(colours)


# Runs in the page after load: what the checks need from its layout.
LAYOUT_PROBE = """
(() => {
  const charts = [...document.querySelectorAll('svg[role="img"]')].map(svg => {
    const box = svg.getBoundingClientRect();
    const first = svg.firstElementChild, second = first && first.nextElementSibling;
    const figure = svg.closest('figure');
    return {id: svg.id, width: box.width, height: box.height, right: box.right,
            title: first && first.localName === 'title' ? first.textContent : null,
            desc: second && second.localName === 'desc' ? second.textContent : null,
            table: !!(figure && figure.querySelector('table'))};
  });
  let widest = 0, widestElement = 'nothing';
  for (const e of document.querySelectorAll('body *')) {
    const right = e.getBoundingClientRect().right;
    if (right > widest) {
      widest = right;
      widestElement = e.localName + (e.id ? '#' + e.id : '') + (e.closest('section') ? ' in section ' + e.closest('section').id : '');
    }
  }
  return JSON.stringify({charts, widest, widestElement, viewport: window.innerWidth,
                         pageWidth: document.documentElement.scrollWidth,
                         scripts: document.scripts.length, title: document.title});
})()
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("report")
    parser.add_argument("--screenshot")
    parser.add_argument("--pdf")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, help="the screenshot's height in CSS pixels (default: the whole page)")
    args = parser.parse_args()
    url = "file://" + os.path.abspath(args.report)
    results = []

    browser = Browser()
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(domain + ".enable", {}, session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": args.width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)
        browser.call("Page.navigate", {"url": url}, session)
        browser.wait_for("Page.loadEventFired")
        results.append((True, "the page loads (load event)"))

        probe = json.loads(browser.call("Runtime.evaluate", {"expression": LAYOUT_PROBE, "returnByValue": True},
                                        session)["result"]["value"])
        charts = probe["charts"]
        results.append((len(charts) > 0, "the page has charts (%d svg role=img)" % len(charts)))
        results.append((probe["scripts"] == 0, "the page has no script element"))
        for chart in charts:
            results.append((chart["width"] > 50 and chart["height"] > 50,
                            "chart %s has a box of %.0f x %.0f px" % (chart["id"], chart["width"], chart["height"])))
            results.append((bool(chart["title"]) and bool(chart["desc"]),
                            "chart %s has a title and a description" % chart["id"]))
            results.append((chart["table"], "chart %s has its data table beside it" % chart["id"]))
        results.append((probe["widest"] <= probe["viewport"] + 1,
                        "on screen nothing is wider than the window (%d <= %d px, widest: %s)"
                        % (probe["widest"], probe["viewport"], probe["widestElement"])))

        # The screenshot: the whole page (or its top, --height) for --screenshot,
        # and a quarter-scale one for the blank check (decoding PNG in Python
        # is slow, and a quarter of the pixels say as much about ink).
        metrics = browser.call("Page.getLayoutMetrics", {}, session)
        height = (metrics.get("cssContentSize") or metrics["contentSize"])["height"]
        if args.screenshot:
            shot = base64.b64decode(browser.call("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": args.width, "height": min(height, args.height or height, 16000), "scale": 1}},
                session)["data"])
            with open(args.screenshot, "wb") as out:
                out.write(shot)
        small = base64.b64decode(browser.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": args.width, "height": min(height, 16000), "scale": 0.25}},
            session)["data"])
        inked, colours = ink(png_rows(small))
        results.append((inked > 0.3 and colours > 8,
                        "the screenshot is not blank (%.0f%% of rows inked, %d colours)" % (inked * 100, colours)))

        # Print: A4 less 12 mm side margins is 186 mm, 703 CSS px.
        browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": 703, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, session)
        printed = json.loads(browser.call("Runtime.evaluate", {"expression": LAYOUT_PROBE, "returnByValue": True},
                                          session)["result"]["value"])
        results.append((printed["widest"] <= 704,
                        "printed on A4, nothing is wider than the page (%d <= 703 px, widest: %s)"
                        % (printed["widest"], printed["widestElement"])))
        results.append((all(c["width"] > 50 and c["right"] <= 704 for c in printed["charts"]),
                        "printed on A4, every chart fits the page width"))
        browser.call("Emulation.clearDeviceMetricsOverride", {}, session)
        pdf = base64.b64decode(browser.call("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "marginTop": 0, "marginBottom": 0, "marginLeft": 0,
            "marginRight": 0, "preferCSSPageSize": True, "printBackground": True}, session)["data"])
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        results.append((pdf[:5] == b"%PDF-" and pages >= 1, "prints to PDF on A4 (%d pages)" % pages))
        if args.pdf:
            with open(args.pdf, "wb") as out:
                out.write(pdf)

        # Everything the page reported while it loaded and ran.
        browser.call("Runtime.evaluate", {"expression": "0"}, session)
        problems = []
        for event in browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
                problems.append("console %s: %s" % (params["type"], params.get("args")))
            elif method == "Runtime.exceptionThrown":
                problems.append("exception: %s" % params.get("exceptionDetails", {}).get("text"))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
                problems.append("log %s: %s" % (params["entry"]["level"], params["entry"].get("text")))
            elif method == "Network.loadingFailed":
                problems.append("request failed: %s" % params.get("errorText"))
            elif method == "Network.requestWillBeSent" and not params.get("request", {}).get("url", "").startswith(url):
                problems.append("request for %s" % params["request"]["url"])
        results.append((not problems, "no console error, exception or outside request %s" % (problems or "")))
    except Exception as error:  # a broken run is a failed test, not a crash
        results.append((False, "the browser check ran to the end (%s: %s)" % (type(error).__name__, error)))
    finally:
        browser.close()

    return tap.report(results)


if __name__ == "__main__":
    sys.exit(main())
