"""The whole chain as README's recipe for trying Slack without a workspace runs it
(docs/try_slack.py): `wirewatch run` as a process against the fake Slack, signed slash commands,
an article dropped in the watched folder, the alert posted, a `/who-said` answered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.fakes.signing import SECRET
from tests.fakes.slack_api import VALID_TOKEN
from tests.stopping import ended

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ".venv/bin/python docs/try_slack.py"


def test_the_readmes_slack_recipe_serves_commands_and_posts_alerts():
    assert f"`{RECIPE}`" in (ROOT / "README.md").read_text()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WIREWATCH_"))}
    done = subprocess.run([sys.executable, RECIPE.split()[1]], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=600)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Tracking *Port strike*: `strike AND port`" in out, out
    assert "This channel will now get *Port strike* as it happens." in out, out
    alert = out.split("wirewatch posted to #desk", 1)[1].split("/who-said", 1)[0]
    assert "Dockworkers strike at Northhaven port" in alert and "[Mute story]" in alert, out
    assert ("“We will not go back until the cranes are safe” — *Mira Holt, union organiser*"
            in out), out
    assert "Traceback" not in out and VALID_TOKEN not in out and SECRET not in out, out


def test_ctrl_c_stops_the_recipe_in_one_line(tmp_path):
    """Ctrl-C while `wirewatch run` starts (the whole group, as a terminal sends it): before, a
    KeyboardInterrupt traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WIREWATCH_"))}
    proc = subprocess.Popen([sys.executable, RECIPE.split()[1]], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout
    seen: list[str] = []
    while not (line := proc.stdout.readline()).startswith("wirewatch run, with"):
        assert line, seen
        seen.append(line)
    os.killpg(proc.pid, signal.SIGINT)
    out = "".join(seen) + ended(proc)[0]
    assert proc.returncode == 1 and out.rstrip().endswith("stopped (Ctrl-C)"), out
    assert "Traceback" not in out, out
