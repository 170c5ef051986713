"""What `wirewatch status` on the server and `/wirewatch status` in Slack both say of the runs,
the alerts waiting or failed, and of the sources' count: one wording, each rendering with its
own dates (the CLI's UTC text, Slack's date tokens) and indent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.activity import failing, quiet_feed_days
from bot.alerts.mrkdwn import counted
from bot.desk_status import NEVER_STARTED, RUNNING, SILENT, STARTING, STOPPED, run_state
from bot.durations import span_words
from bot.models import RunRecord, Source
from bot.models.times import utc_time
from bot.redact import redact
from storage.outbox_waiting import WhyWaiting

When = Callable[[str | None], str]
NO_RUNS = "Runs: none recorded (`wirewatch run` starts one)"
JUST_NOW = timedelta(seconds=5)
NO_SOURCES = "Sources: none yet (`wirewatch sources add URL`)"
ENDED = {STOPPED: "it stopped", SILENT: "it went quiet"}


def run_lines(runs: list[RunRecord], now: datetime, when: When, *, indent: str = "  ",
              server: bool = True) -> list[str]:
    """'Runs:' and each run's state, and whether Slack answers it; ``server``: with its pid,
    host and why Slack did not answer (the server's own, not every reader's)."""
    if not runs:
        return [NO_RUNS]
    lines = ["Runs:"]
    for run in runs:
        lines += _one_run(run, now, when, indent, server)
    return lines


def _one_run(run: RunRecord, now: datetime, when: When, indent: str,
             server: bool) -> list[str]:
    state = run_state(run, now)
    if state in (STARTING, NEVER_STARTED):
        return _start_up_lines(run, state, when, indent, server)
    beat = f"last heartbeat {ago(run.heartbeat_at, now)}" if run.heartbeat_at else \
        "no heartbeat"
    said = {RUNNING: f"running, {beat}",
            SILENT: f"not running: {beat} and it never said it stopped (killed, or its "
                    "machine went down)"}.get(state, f"stopped {when(run.stopped_at)}")
    where = (f"pid {run.pid} on {run.host} · " if run.pid else "its start not recorded · ") \
        if server else ""
    lines = [f"{indent}run {run.run} · {where}{run.mode or 'mode unknown'} · {said} "
             f"(began {when(run.started_at)})"]
    if run.slack_answers is not None:
        lines.append(f"{indent * 2}Slack: {_slack_line(run, when, server, state)}")
    return lines


def _start_up_lines(run: RunRecord, state: str, when: When, indent: str,
                    server: bool) -> list[str]:
    """A run that has not begun (Slack's answer to its start-up check alone is kept): starting,
    or never started; nothing said of a mode, pid or beginning it never recorded."""
    if state == STARTING:
        return [f"{indent}run {run.run} · starting up",
                f"{indent * 2}Slack: {_slack_line(run, when, server, state)}"]
    said = f"it stopped during its start-up, at {when(run.stopped_at)}" if run.stopped_at \
        else "it went quiet during its start-up (killed, or its machine went down)"
    lines = [f"{indent}run {run.run} · never started: {said}"]
    if run.slack_answers is not None:
        why = f" ({redact(run.slack_why or '')})" if server and run.slack_why else ""
        slack = f"answered its start-up check at {when(run.slack_since)}" if run.slack_answers \
            else f"not reachable at its start-up check, since {when(run.slack_since)}{why}"
        lines.append(f"{indent * 2}Slack: {slack}")
    return lines


def _slack_line(run: RunRecord, when: When, server: bool, state: str) -> str:
    """Whether Slack answers a run in ``state`` (``run_state``'s); of one stopped or gone
    quiet, only until then (what it knew last: nothing waits on a run that is gone)."""
    why = f" ({redact(run.slack_why or '')})" if server and not run.slack_answers else ""
    if state in ENDED:
        said = "answered it" if run.slack_answers else "not reachable"
        return f"{said} from {when(run.slack_since)} until {ENDED[state]}{why}"
    if run.slack_answers:
        return f"answering since {when(run.slack_since)}"
    return f"not reachable since {when(run.slack_since)}{why}; alerts wait to be posted"


def waiting_line(pending: int, oldest: str | None, now: datetime,
                 waits: WhyWaiting | None = None) -> str:
    """The alerts not yet posted, how long the oldest has waited and why they wait: in the
    desk's words, the same in Slack and on the server (not the code's "outbox")."""
    said = [f"the oldest queued {ago(oldest, now)}"] if pending and oldest else []
    said += _why_waiting(waits, now) if waits else []
    return f"Alerts waiting to be posted: {pending}" + (f" ({'; '.join(said)})" if said else "")


def _why_waiting(waits: WhyWaiting, now: datetime) -> list[str]:
    """Why alerts still wait after a pass: several due in one channel go a second apart (the
    sender posts one a channel a pass); others wait for their next try after an error."""
    said = []
    if waits.due > waits.due_channels:
        said.append(f"{waits.due} due in {counted(waits.due_channels, 'channel')}, "
                    "posted a second apart")
    if waits.later and waits.next_try:
        said.append(f"{waits.later} to be tried again, the first in "
                    f"{span_words(utc_time(waits.next_try) - now)}")
    return said


def failed_line(failed: int) -> str:
    """The alerts Slack refused for good (both renderings; Slack adds why, for whom it may)."""
    return f"Failed alerts: {failed}"


def sources_heading(rows: list[Source], now: datetime) -> str:
    """How many sources, and how many fail or are quiet (``bot.activity``'s rule, whatever the
    history: a feed too young to have a usual gap is quiet, not 'quiet far longer'), and how
    many feeds are paused (``Source.paused``: counted as that alone)."""
    if not rows:
        return NO_SOURCES
    paused = sum(1 for row in rows if row.paused)
    troubled = sum(1 for row in rows if not row.paused and (
        failing(row) or quiet_feed_days(row, now=now) is not None))
    also = f", {paused} paused" if paused else ""
    return f"Sources: {len(rows)} ({troubled} failing or quiet{also})"


def ago(iso: str | None, now: datetime) -> str:
    """How long before ``now`` a stored time was, in the desk's words ('4 minutes ago'; 'just
    now' within ``JUST_NOW``, not '0 seconds ago')."""
    if not iso:
        return "?"
    span = now - utc_time(iso)
    return "just now" if span < JUST_NOW else f"{span_words(span)} ago"
