"""An HTML page of hundreds of thousands of elements (a page a feed entry links to, or a file in
the watched folder) is read within a bounded memory: 4 MB of ``word<br>`` (under the 5 MB a
fetch takes) held 900 MB and 18 s of CPU in trafilatura's tree before the cut; no article page
has a tenth of its elements. Measured in a child process of its own (its peak resident size),
the real extractor, no mock. The peak is the child's own VmHWM: ``ru_maxrss`` keeps the high-water
mark of the process it was forked from (the test run's, 400 MB with spaCy loaded) across exec."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.stopping import LAST_RESORT_S

READ = """
import json, re, sys
from pathlib import Path
from bot.ingest.html import MOST_ELEMENTS, html_to_article
unit = sys.argv[1]
html = "<html><body><p>The ferry crews of Eastwick stopped work on Monday.</p><p>" + unit * 500_000
page = html_to_article(html, origin="hostile.html")
peak_kb = int(re.search(r"VmHWM:\\s*(\\d+)", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"peak_mb": peak_kb // 1024,
                  "text": getattr(page, "text", ""), "most": MOST_ELEMENTS}))
"""


def _read(unit: str) -> dict:
    done = subprocess.run([sys.executable, "-c", READ, unit], capture_output=True, text=True,
                          timeout=LAST_RESORT_S, check=True)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def test_a_page_of_half_a_million_line_breaks_is_read_in_bounded_memory():
    found = _read("word<br>")
    assert found["text"].startswith("The ferry crews of Eastwick stopped work on Monday.")
    assert found["text"].count("word") <= found["most"], "the page is read up to its cut"
    assert found["peak_mb"] < 400, f"{found['peak_mb']} MB for a 4 MB page"


def test_a_page_of_half_a_million_links_is_read_in_bounded_memory():
    found = _read("<a href='/x'>word</a> ")
    assert found["text"].startswith("The ferry crews of Eastwick stopped work on Monday.")
    assert found["peak_mb"] < 400, f"{found['peak_mb']} MB for an 11 MB page"
