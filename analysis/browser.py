"""Open every report in headless Chromium: it renders, loads nothing, runs nothing.

``python -m analysis check-browser DIR`` installs Debian's ``chromium`` with
apt-get when it is missing, then for every ``DIR/*.html``:

- takes a screenshot and checks it is not blank (more than a few distinct colours,
  and not all background);
- records Chromium's network log (``--log-net-log``) while the page loads, with
  every host name resolving to nothing (``--host-resolver-rules``) so no request
  can leave the machine, and fails on any http(s) request;
- dumps the DOM after load (``--dump-dom``) and fails on any ``<script>`` element,
  event-handler attribute, http(s) ``src``/``href``, or the canary attribute that a
  hostile document's script would set if it ran.

With ``--canary`` (the default), it also renders the corpus overview on the sample
corpus plus one hostile document (``HOSTILE_TITLE``: a script, an ``onerror``
handler, ``</table>``, markdown and LaTeX) into a temporary folder and checks that
page the same way, and that the hostile title is shown as text.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import image as mpimg

from analysis import config

log = logging.getLogger(__name__)

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CANARY_ATTRIBUTE = "data-pwned"
HOSTILE_TITLE = (
    f"<script>window.__pwned=1;document.documentElement.setAttribute('{CANARY_ATTRIBUTE}','1')"
    f"</script><img src=x onerror=\"document.documentElement.setAttribute('{CANARY_ATTRIBUTE}',"
    f"'2')\"> </table> **bold** $x^2$"
)
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background"}
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication",
    "--metrics-recording-only",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
TIMEOUT_S = 90


class BrowserCheckError(ValueError):
    """A report failed a browser check, or Chromium is unavailable (one line)."""


def find_chromium() -> str | None:
    """Return the Chromium executable, or None."""
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def ensure_chromium() -> str:
    """Return the Chromium executable, installing Debian's ``chromium`` if it is missing."""
    found = find_chromium()
    if found:
        return found
    if os.geteuid() != 0:
        raise BrowserCheckError("chromium is not installed; run: sudo apt-get install chromium")
    log.warning("chromium not found: installing it with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if result.returncode:
            tail = " ".join(result.stderr.split()[-30:])
            raise BrowserCheckError(f"{' '.join(command)} failed: {tail}")
    found = find_chromium()
    if not found:
        raise BrowserCheckError("apt-get installed chromium but no executable was found")
    return found


def _run_chromium(binary: str, page: Path, extra: list[str], workdir: Path) -> str:
    profile = tempfile.mkdtemp(prefix="profile-", dir=workdir)
    command = [binary, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BrowserCheckError(f"{page}: chromium did not finish in {TIMEOUT_S} s") from exc
    if result.returncode:
        tail = " ".join(result.stderr.split()[-20:])
        raise BrowserCheckError(f"{page}: chromium exited with {result.returncode}: {tail}")
    return result.stdout


def image_stats(png: Path) -> dict:
    """Return ``n_colors`` (distinct colours, sampled) and ``ink_share`` (share of pixels
    that differ from the most common colour) of a PNG."""
    pixels = mpimg.imread(png)[::3, ::3, :3]
    flat = np.round(pixels.reshape(-1, 3) * 255).astype(np.uint8)
    colors, counts = np.unique(flat, axis=0, return_counts=True)
    return {"n_colors": int(len(colors)), "ink_share": float(1 - counts.max() / counts.sum())}


def _is_external(url: str) -> bool:
    return url.strip().lower().startswith(("http:", "https:", "//", "ws:", "wss:", "ftp:"))


class _DomScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.problems.append("a <script> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            elif name == CANARY_ATTRIBUTE:
                self.problems.append(f"the canary attribute {CANARY_ATTRIBUTE} (a script ran)")
            elif name in URL_ATTRIBUTES and _is_external(value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}> external resource")


def dom_problems(dom: str) -> list[str]:
    """Return what is wrong with a loaded page's DOM (empty when it is inert and offline)."""
    scan = _DomScan()
    scan.feed(dom)
    return sorted(set(scan.problems))


def network_requests(netlog: Path) -> list[str]:
    """Return the http(s)/ws URLs that the page asked for, from a ``--log-net-log`` file.

    Chromium's own background requests (update checks, network time) carry the
    initiator ``"not an origin"`` and never leave the machine here (every host name
    resolves to nothing); requests made by the page carry the page's origin.
    """
    text = netlog.read_text(encoding="utf-8", errors="replace").rstrip().rstrip(",")
    for candidate in (text, text + "]}"):  # the log of a killed browser is not closed
        try:
            data = json.loads(candidate)
            break
        except ValueError:
            continue
    else:
        raise BrowserCheckError(f"{netlog}: unreadable network log")
    start_job = data.get("constants", {}).get("logEventTypes", {}).get("URL_REQUEST_START_JOB")
    urls = set()
    for event in data.get("events", []):
        params = event.get("params")
        if event.get("type") != start_job or not isinstance(params, dict):
            continue
        if params.get("initiator", "not an origin") != "not an origin":
            urls.add(str(params.get("url", "")))
    return sorted(u for u in urls if u.startswith(("http:", "https:", "ws:", "wss:")))


def check_page(binary: str, page: Path, *, workdir: Path, shots: Path | None = None) -> dict:
    """Screenshot, network log and DOM check of one page.

    Returns:
        ``page``, ``n_colors``, ``ink_share``, ``n_requests``, ``problems`` (list of str).
    """
    shot = (shots or workdir) / f"{page.stem}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    netlog = workdir / f"{page.stem}.netlog.json"
    flags = [f"--screenshot={shot}", "--window-size=1280,1600", f"--log-net-log={netlog}"]
    dom = _run_chromium(binary, page, [*flags, "--dump-dom"], workdir)
    stats = image_stats(shot)
    requests = network_requests(netlog)
    problems = dom_problems(dom) + [f"network request to {url}" for url in requests]
    if stats["n_colors"] <= 4 or stats["ink_share"] < 0.005:
        problems.append(f"blank screenshot ({stats['n_colors']} colours) at {shot}")
    return {"page": page, **stats, "n_requests": len(requests), "problems": problems}


def hostile_corpus(folder: Path) -> Path:
    """Write the sample corpus plus one hostile document (``HOSTILE_TITLE``) as JSONL."""
    from analysis.corpus import load_corpus  # the corpus engineer's loader

    docs = load_corpus(config.SAMPLE_CORPUS)
    hostile = {
        "doc_id": "hostile-1", "title": HOSTILE_TITLE,
        "text": "Seoul and Tokyo met. </table><script>alert(1)</script> $x^2$ **not bold**",
        "outlet": "<b>Evil Outlet</b>", "outlet_country": "KR", "published": "2030-01-01",
        "url": "https://example.org/hostile", "kind": "news", "license": "test fixture",
        "text_complete": True,
    }  # fmt: skip
    keep = [c for c in hostile if c in docs.columns]
    rows = docs[keep].assign(published=docs["published"].dt.strftime("%Y-%m-%d"))
    table = pd.concat([rows, pd.DataFrame([hostile])], ignore_index=True)
    path = Path(folder) / "hostile.jsonl"
    table.to_json(path, orient="records", lines=True, force_ascii=False)
    return path


def render_canary(workdir: Path) -> Path:
    """Render the corpus overview on the hostile corpus; return the HTML path."""
    from analysis.report.runner import plan_reports, render_reports

    corpus = hostile_corpus(workdir)
    out = workdir / "canary"
    jobs = plan_reports(notebooks=["corpus_overview"], corpus=corpus)
    result = render_reports(jobs, out_dir=out)[0]
    if result.status == "failed":
        raise BrowserCheckError(f"canary report failed: {result.message}")
    return result.html


def _report_line(result: dict) -> str:
    status = "FAIL" if result["problems"] else "ok"
    detail = "; ".join(result["problems"]) or (
        f"{result['n_colors']} colours, {result['ink_share']:.0%} ink, 0 requests"
    )
    return f"{status}: {result['page']}: {detail}"


def run(args) -> int:
    """Check every page (and the canary); exit 1 if any check failed."""
    folder = Path(args.dir)
    pages = sorted(folder.glob("*.html"))
    if not pages:
        raise BrowserCheckError(f"{folder}: no .html reports to check (run `make report` first)")
    binary = ensure_chromium()
    shots = Path(args.screenshots) if args.screenshots else None
    failed = 0
    with tempfile.TemporaryDirectory(prefix="kj-browser-") as tmp:
        workdir = Path(tmp)
        if args.canary:
            canary = render_canary(workdir)
            text = canary.read_text(encoding="utf-8")
            if "&lt;script&gt;window.__pwned=1" not in text:
                sys.stdout.write(f"FAIL: {canary}: hostile title not shown as text\n")
                failed += 1
            pages.append(canary)
        for page in pages:
            result = check_page(binary, page, workdir=workdir, shots=shots)
            failed += bool(result["problems"])
            sys.stdout.write(_report_line(result) + "\n")
    sys.stdout.write(f"{len(pages) - failed} of {len(pages)} pages passed\n")
    return 1 if failed else 0


def register(subparsers) -> None:
    """Add the ``check-browser`` subcommand."""
    parser = subparsers.add_parser(
        "check-browser",
        help="open every report in headless Chromium (render, no network, no script)",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
    )
    parser.add_argument("dir", metavar="DIR", help="folder of .html reports (e.g. reports)")
    parser.add_argument(
        "--no-canary", dest="canary", action="store_false",
        help="skip rendering and checking the hostile-document report",
    )  # fmt: skip
    parser.add_argument("--screenshots", metavar="DIR", help="keep the screenshots here")
    parser.set_defaults(func=run)


CHROMEDRIVER_CANDIDATES = ("/usr/bin/chromedriver", "chromedriver")


def ensure_chromedriver() -> str:
    """Return ChromeDriver, installing Debian's ``chromium-driver`` with apt-get if missing
    (it drives the same Debian ``chromium``; nothing is downloaded at run time)."""
    ensure_chromium()
    for name in CHROMEDRIVER_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    if os.geteuid() != 0:
        raise BrowserCheckError(
            "chromedriver is missing; run: sudo apt-get install chromium-driver"
        )
    log.warning("chromedriver not found: installing chromium-driver with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-qq", "chromium-driver"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode:  # package lists missing or stale: update once, then again
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env, check=False)
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    found = next((shutil.which(n) for n in CHROMEDRIVER_CANDIDATES if shutil.which(n)), None)
    if result.returncode or not found:
        tail = " ".join(result.stderr.split()[-30:])
        raise BrowserCheckError(f"apt-get install chromium-driver failed: {tail}")
    return found


def headless_driver(*, width: int = 1280, height: int = 1000):
    """A Selenium WebDriver on headless Debian Chromium, offline (every host name resolves
    to nothing), for tests and benchmarks that interact with a page. Quit it when done."""
    from selenium import webdriver  # a test/bench dependency ([dev] extra)
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = ensure_chromium()
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='kj-chrome-')}")
    return webdriver.Chrome(service=Service(executable_path=ensure_chromedriver()), options=options)
