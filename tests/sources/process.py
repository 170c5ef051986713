"""A `wirewatch run` child process whose output is collected line by line as it comes."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.fakes.signing import SECRET
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.sources.feedserver import LOOPBACK_NETWORK
from tests.stopping import LAST_RESORT_S, exit_code

ROOT = Path(__file__).resolve().parents[2]
FETCH_TIMEOUT = 5


def clean_env(**values: str) -> dict[str, str]:
    """This process's environment without any wirewatch or Slack settings, plus ``values``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "WIREWATCH_")) and k != "PORT"}
    return {**env, "WIREWATCH_DB": "", **values}


class Running:
    """A `wirewatch run` child process (console mode unless told otherwise)."""

    def __init__(self, db_path: Path, *, mode: tuple[str, ...] = ("--console", "--interval", "0.2"),
                 env: dict | None = None, fetch_timeout: float = FETCH_TIMEOUT,
                 verbose: bool = False) -> None:
        env = env or clean_env(WIREWATCH_FETCH_TIMEOUT=str(fetch_timeout), PYTHONUNBUFFERED="1",
                               WIREWATCH_ALLOW_NETWORKS=LOOPBACK_NETWORK)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "--db", str(db_path), *(["-v"] if verbose else []),
             "run", *mode],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._readers = [threading.Thread(target=self._read, args=(stream, into), daemon=True)
                         for stream, into in ((self.proc.stdout, self.lines),
                                              (self.proc.stderr, self.errors))]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _read(stream, into) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def said(self) -> str:
        """Its output and the end of its log, for a failure's message."""
        return self.output + "\nstderr:\n" + "\n".join(self.errors[-30:])

    def wait_for(self, text: str, timeout: float = LAST_RESORT_S) -> None:
        self.wait_until(lambda: text in self.output, timeout=timeout, what=repr(text))

    def wait_until(self, predicate, *, timeout: float = LAST_RESORT_S, what: str = "it") -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"never saw {what}; output:\n{self.said()}")
            time.sleep(0.05)

    def terminate(self) -> int:
        """SIGTERM, then the exit code once everything the process printed has been read."""
        self.proc.send_signal(signal.SIGTERM)
        return self.exit_code()

    def exit_code(self) -> int:
        """The exit code once everything the process printed has been read."""
        code = exit_code(self.proc, output=self.said)
        for reader in self._readers:
            reader.join(LAST_RESORT_S)
        return code

    @property
    def slack_port(self) -> int:
        """The port its Slack app listens on, as its banner says."""
        found = re.search(r"Slack \(port (\d+)\)", self.output)
        assert found, self.said()
        return int(found.group(1))

    def kill(self) -> None:
        self.proc.kill()
        exit_code(self.proc, output=self.said)


def slack_run(db_path: Path, fake: FakeSlack, processes: list, **settings: str) -> Running:
    """A `wirewatch run` with Slack (the fake one) on a free port of 127.0.0.1, killed by the
    ``processes`` fixture if the test leaves it running."""
    env = clean_env(SLACK_BOT_TOKEN=VALID_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                    WIREWATCH_SLACK_API_URL=fake.base_url, PORT="0", WIREWATCH_HOST="127.0.0.1",
                    PYTHONUNBUFFERED="1", **settings)
    running = Running(db_path, mode=(), env=env)
    processes.append(running)
    return running
