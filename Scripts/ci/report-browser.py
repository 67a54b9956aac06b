#!/usr/bin/env python3
"""Opens copydesk report pages in headless Chromium and checks them as a reader would use them, through
the DevTools protocol over --remote-debugging-pipe (Python's standard library only, no network).

Usage: report-browser.py CHROMIUM PAGE.html [--screenshot OUT.png] [--first-paint-limit SECONDS]
                         [--search WORD] [--expect-pairs] [--expect-injected-title]
Prints one line per check and the first paint; exits 1 when a check fails.
"""
import argparse
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time


class Browser:
    """Chromium with the DevTools protocol on file descriptors 3 (commands in) and 4 (replies out)."""

    def __init__(self, chromium, profile):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # In the child, copy its ends above 10 first, so dup2 onto 3 and 4 cannot clobber one with the other.
        def child_fds():
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        # close_fds=False: Python would close 3 and 4 after preexec_fn; every other descriptor of this
        # process is close-on-exec, so only 3 and 4 reach Chromium.
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self.write, self.read = to_child_w, from_child_r
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, timeout=60):
        deadline = time.time() + timeout
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no reply from Chromium")
            chunk = os.read(self.read, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, timeout=60):
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        deadline = time.time() + timeout
        while time.time() < deadline:
            event = self.receive(timeout=deadline - time.time())
            if event.get("method") == method:
                return event
            self.events.append(event)
        raise TimeoutError(f"no {method} within {timeout} s")

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chromium")
    parser.add_argument("page")
    parser.add_argument("--screenshot")
    parser.add_argument("--first-paint-limit", type=float)
    parser.add_argument("--search", default="cocoa")
    parser.add_argument("--expect-pairs", action="store_true")
    parser.add_argument("--expect-injected-title", action="store_true")
    args = parser.parse_args()

    failures = []

    def check(name, ok, detail=""):
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail != '' else ''}")
        if not ok:
            failures.append(name)

    with tempfile.TemporaryDirectory(prefix="copydesk-chromium-") as profile:
        browser = Browser(args.chromium, profile)
        try:
            # The tab Chromium opened (a tab created through the protocol may count as hidden and never paint).
            target = next(t["targetId"] for t in browser.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

            def call(method, params=None):
                return browser.send(method, params, session)

            def evaluate(expression):
                result = call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
                if "exceptionDetails" in result:
                    raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
                return result["result"].get("value")

            for domain in ("Page", "Runtime", "Log"):
                call(f"{domain}.enable")
            call("Page.bringToFront")
            call("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 1800, "deviceScaleFactor": 1, "mobile": False})
            url = "file://" + os.path.abspath(args.page)
            started = time.time()
            call("Page.navigate", {"url": url})
            browser.wait_for("Page.loadEventFired", timeout=120)
            loaded = time.time() - started
            # The paint entry appears once the frame is presented, which may be after the load event.
            paint = None
            deadline = time.time() + 30
            while paint is None and time.time() < deadline:
                paint = evaluate("(performance.getEntriesByType('paint').find(e => e.name == 'first-contentful-paint') || {}).startTime")
                if paint is None:
                    time.sleep(0.1)
            size = os.path.getsize(args.page)
            print(f"page {args.page}: {size / 1e6:.2f} MB, first contentful paint {paint / 1000 if paint else float('nan'):.3f} s, load event {loaded:.3f} s")
            check("first paint measured", paint is not None)
            if args.first_paint_limit and paint is not None:
                check(f"first paint under {args.first_paint_limit} s", paint / 1000 < args.first_paint_limit, f"{paint / 1000:.3f} s")

            charts = evaluate("document.querySelectorAll('figure.chart svg').length")
            bars = evaluate("document.querySelectorAll('figure.chart svg rect').length")
            check("charts present (time, funnel at least)", charts >= 2 and bars > 0, f"{charts} charts, {bars} bars")
            for chart in ("chart-time", "chart-funnel", "chart-cluster-sizes", "chart-similarity", "chart-entity-types", "chart-entity-names"):
                check(f"chart #{chart} drawn", evaluate(f"!!document.querySelector('#{chart} svg rect')"))

            check("a cluster is listed", evaluate("document.querySelectorAll('details.cluster').length > 0"))
            expanded = evaluate("""(() => { const d = document.querySelector('details.cluster'); d.querySelector('summary').click();
                return d.open && d.querySelector('table').getBoundingClientRect().height > 0 })()""")
            check("a cluster expands to its members on click", expanded)
            evaluate("document.querySelectorAll('details.cluster')[1 % document.querySelectorAll('details.cluster').length].querySelector('summary').focus()")
            before = evaluate("document.activeElement.parentElement.open")
            call("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"})
            call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13})
            time.sleep(0.1)
            check("a cluster opens from the keyboard (Enter on its summary)", evaluate("document.activeElement.parentElement.open") != before)

            marks = evaluate("document.querySelectorAll('section.compare mark').length")
            adds = evaluate("document.querySelectorAll('section.compare ins').length")
            columns = evaluate("document.querySelectorAll('section.compare .pair > div').length")
            if args.expect_pairs:
                check("side by side shows highlighted shared passages and marked additions", marks > 0 and adds > 0 and columns >= 2,
                      f"{marks} shared, {adds} added, {columns} columns")
                check("side-by-side columns sit next to each other", evaluate("""(() => { const c = document.querySelectorAll('section.compare .pair > div');
                    return c[0].getBoundingClientRect().top == c[1].getBoundingClientRect().top && c[0].getBoundingClientRect().left < c[1].getBoundingClientRect().left })()"""))

            total = evaluate("JSON.parse(document.getElementById('doc-data').textContent).length")
            rows = evaluate("document.querySelectorAll('#doc-rows tr').length")
            check("documents listed a page at a time", 0 < rows <= 100, f"{rows} rows of {total}")
            if total > 100:
                evaluate("document.getElementById('doc-next').click()")
                check("next page", evaluate("document.getElementById('doc-status').textContent.startsWith('Page 2 of')"),
                      evaluate("document.getElementById('doc-status').textContent"))
            clusters_before = evaluate("[...document.querySelectorAll('details.cluster')].filter(d => !d.hidden).length")
            evaluate("document.getElementById('search').focus()")
            call("Input.insertText", {"text": args.search})
            time.sleep(0.2)
            shown = evaluate("[...document.querySelectorAll('#doc-rows tr')].map(r => r.children[1].textContent)")
            matching = evaluate(f"JSON.parse(document.getElementById('doc-data').textContent).filter(r => r[1].toLowerCase().includes({json.dumps(args.search)})).length")
            clusters_after = evaluate("[...document.querySelectorAll('details.cluster')].filter(d => !d.hidden).length")
            check("search filters documents by title", len(shown) == min(100, matching) and all(args.search in t.lower() for t in shown) and matching < total,
                  f"'{args.search}': {matching} of {total} documents")
            check("search filters clusters by title", clusters_after <= clusters_before and (clusters_before <= 1 or clusters_after < clusters_before),
                  f"{clusters_after} of {clusters_before} clusters")
            check("search says what it found", len(evaluate("document.getElementById('search-status').textContent")) > 0)

            if args.expect_injected_title:
                evaluate("document.getElementById('search').value = ''")
                call("Input.insertText", {"text": "copydeskinjected"})
                time.sleep(0.2)
                check("a <script> in a title is shown as text", evaluate("[...document.querySelectorAll('#doc-rows tr')].some(r => r.children[1].textContent.includes('<script>window.__copydeskInjected=1</script>'))"))
                check("... and never run", evaluate("typeof window.__copydeskInjected") == "undefined")
                evaluate("document.getElementById('search').value = ''; document.getElementById('search').dispatchEvent(new Event('input'))")

            if args.screenshot:
                evaluate("document.getElementById('search').value = ''; document.getElementById('search').dispatchEvent(new Event('input')); document.activeElement.blur(); window.scrollTo(0, 0)")
                time.sleep(0.2)
                shot = call("Page.captureScreenshot", {"format": "png"})
                import base64
                with open(args.screenshot, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
                print(f"screenshot: {args.screenshot}")

            time.sleep(0.2)
            errors = []
            for event in browser.events:
                method, params = event.get("method"), event.get("params", {})
                if method == "Runtime.exceptionThrown":
                    errors.append(params["exceptionDetails"].get("text", "exception"))
                elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                    errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
                elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                    errors.append(params["entry"].get("text", ""))
            check("no console errors", not errors, "; ".join(errors)[:500])
        finally:
            browser.close()
    if failures:
        print(f"{len(failures)} check(s) failed: {', '.join(failures)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
