"""Try wirewatch's Slack side without a workspace: `wirewatch run` against the fake Slack Web API
of tests/fakes, a topic added and a channel subscribed by signed slash commands, an article
dropped in the watched folder, the alert it posts and a `/who-said`, all on 127.0.0.1.

    .venv/bin/python docs/try_slack.py

Each step prints what Slack would have sent and what wirewatch answered or posted. Everything
lives in a scratch folder removed at the end; exit status 1 when a step gets no answer.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.signing import REPORTER, SECRET, command_body, post_signed  # noqa: E402
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack, Message  # noqa: E402

CHANNEL = "C0DESK"
WAIT = 120.0
ARTICLE = ("Dockworkers strike at Northhaven port\n\n"
           "Dockworkers at Northhaven port walked off the job on Monday, halting container "
           "traffic at the region's busiest harbour.\n\n"
           "\"We will not go back until the cranes are safe,\" said union organiser Mira Holt.")
T = TypeVar("T")


class NoAnswer(Exception):
    """A step got nothing from wirewatch in time."""


def main() -> int:
    with FakeSlack() as slack, tempfile.TemporaryDirectory(prefix="wirewatch-try-") as scratch:
        print(f"fake Slack Web API on {slack.base_url} (tests/fakes/slack_api.py)")
        folder = Path(scratch, "inbox")
        folder.mkdir()
        run, port = start_wirewatch(slack, Path(scratch), folder)
        try:
            walk_through(slack, port, folder)
        except NoAnswer as exc:
            print(f"no answer: {exc}")
            return 1
        finally:
            stop(run)
    print("done: the same commands work in a real workspace once docs/slack.md's app is set up")
    return 0


def start_wirewatch(slack: FakeSlack, scratch: Path, folder: Path) -> tuple[subprocess.Popen, int]:
    """`wirewatch run` with the fake's bot token and signing secret; its output shown."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WIREWATCH_"))}
    env.update({"SLACK_BOT_TOKEN": VALID_TOKEN, "SLACK_SIGNING_SECRET": SECRET,
                "WIREWATCH_SLACK_API_URL": slack.base_url, "WIREWATCH_ADMINS": REPORTER,
                "WIREWATCH_DB": str(scratch / "wirewatch.db"),
                "WIREWATCH_WATCH_FOLDER": str(folder),
                "WIREWATCH_HOST": "127.0.0.1", "PORT": "0"})
    print("wirewatch run, with WIREWATCH_SLACK_API_URL set to it, the fake's SLACK_BOT_TOKEN and "
          f"SLACK_SIGNING_SECRET, WIREWATCH_ADMINS={REPORTER}, a watched folder:")
    run = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ports: queue.Queue[int | None] = queue.Queue()
    threading.Thread(target=echo_output, args=(run, ports), daemon=True).start()
    try:
        port = ports.get(timeout=WAIT)
    except (queue.Empty, KeyboardInterrupt) as exc:
        stop(run)
        if isinstance(exc, KeyboardInterrupt):
            raise
        port = None
    if port is None:
        stop(run)
        raise SystemExit("wirewatch run did not start: see its lines above")
    return run, port


def stop(run: subprocess.Popen) -> None:
    """What Ctrl-C does to `wirewatch run`: it finishes the article in progress and exits."""
    run.terminate()
    run.wait(timeout=60)


def echo_output(run: subprocess.Popen, ports: queue.Queue[int | None]) -> None:
    """Each line of wirewatch's output, indented; the port from its banner, once the banner's
    last line (the ingest endpoint's) is out; None when wirewatch stops."""
    assert run.stdout is not None
    port = None
    for line in run.stdout:
        print(f"  | {line.rstrip()}", flush=True)
        if line.startswith("wirewatch running") and "(port " in line:
            port = int(line.split("(port ", 1)[1].split(")", 1)[0])
        elif port is not None and line.strip().startswith("ingest endpoint:"):
            ports.put(port)
    ports.put(None)


def walk_through(slack: FakeSlack, port: int, folder: Path) -> None:
    command(slack, port, "/topics", 'add "Port strike" strike AND port')
    command(slack, port, "/subscribe", "Port strike")
    (folder / "northhaven.txt").write_text(ARTICLE, encoding="utf-8")
    print(f"\ndropped an article in the watched folder: {ARTICLE.splitlines()[0]}")
    [alert] = waited(lambda: slack.posts(CHANNEL)[:1], "the alert in #desk")
    print(f"\nwirewatch posted to #desk (chat.postMessage):\n{shown(alert)}")
    command(slack, port, "/who-said", "cranes are safe")


def command(slack: FakeSlack, port: int, name: str, text: str) -> None:
    """A slash command as Slack sends it, signed with the app's secret, and the answer."""
    print(f"\n{name} {text}   (signed as Slack signs it; from {REPORTER} in #desk)")
    before = len(slack.responses())
    body = command_body(name, text, response_url=slack.response_url(), channel=CHANNEL,
                        user=REPORTER, channel_name="desk")
    sent = post_signed(f"http://127.0.0.1:{port}/slack/events", body, timeout=WAIT)
    if sent.status != 200:
        raise NoAnswer(f"{name} answered HTTP {sent.status}: {sent.body[:200]}")
    [answer] = waited(lambda: slack.responses()[before:][:1], f"the answer to {name}")
    print(indented(str(answer.get("text", answer))))


def waited(found: Callable[[], list[T]], what: str) -> list[T]:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if got := found():
            return got
        time.sleep(0.1)
    raise NoAnswer(f"{what} did not come within {WAIT:.0f} s")


def shown(message: Message) -> str:
    """A message's blocks as plain lines: headers and sections, context, the buttons' labels."""
    lines = []
    for block in message.blocks or []:
        if block.get("type") in ("header", "section") and block.get("text"):
            lines.append(block["text"]["text"])
        elif block.get("type") == "context":
            lines.append(" · ".join(e.get("text", "") for e in block["elements"]))
        elif block.get("type") == "actions":
            lines.append(" ".join(f"[{e['text']['text']}]" for e in block["elements"]))
    return indented("\n".join(lines) or message.text)


def indented(text: str) -> str:
    return "\n".join(f"  → {line}" for line in text.splitlines())


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("stopped (Ctrl-C)")
