"""`wirewatch demo`: the whole job on bundled sample articles, alerts printed, no Slack."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import click

from bot.alerts.console_feed import print_pending
from bot.cli.context import CliContext
from bot.cli.ingest import describe
from bot.models import ArticleEvent, BadInput
from bot.nlp.compiled import current
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction

DEMO = resources.files("bot") / "demo"


@click.command()
@click.option("--keep", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the demo database here instead of a temporary file.")
@click.pass_obj
def demo(obj: CliContext, keep: Path | None) -> None:
    """Ingest the bundled sample articles in order and print what Slack would get (with
    every fact an update adds: Slack shows the strongest three and how many more).

    \b
    Example:
        wirewatch demo --keep demo.db
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "demo.db"
        if path.exists():
            raise BadInput(f"{path} already exists; choose a new file for --keep")
        db = open_db(path)
        topics = json.loads((DEMO / "topics.json").read_text())
        click.echo(f"wirewatch demo: fresh database {path}, {len(topics)} topics:")
        with transaction(db):
            for topic in topics:
                add_topic(db, name=topic["name"], query=topic["query"])
                click.echo(f"  • {topic['name']}: {topic['query']}")
        click.echo(f"loading the language pipeline… ({current().line})")
        pipeline = Pipeline(db, obj.settings.with_overrides(db_path=path, alert_max_age_hours=0))
        articles = sorted((p for p in (DEMO / "articles").iterdir() if p.name.endswith(".txt")),
                          key=lambda p: p.name)
        click.echo(f"ingesting {len(articles)} sample articles in arrival order\n")
        for item in articles:
            outcome = next(iter(pipeline.ingest_paths([str(item)])))
            click.echo("── " + describe(outcome).replace(str(Path(str(item)).parent) + "/", ""))
            silent: list[str] = []
            if not print_pending(db, lambda text: click.echo(_indent(text)),
                                 _collect(silent)):
                why = silent[0] if silent else outcome.reason or outcome.status
                click.echo(f"   (nothing posted: {why})\n")
        pipeline.close()
        db.close()
        command = _command()
        click.echo("Next, your own articles, still without Slack (as README.md shows):\n"
                   "  mkdir -p inbox\n"
                   f"  {command} topics add \"Port strikes\" 'strike AND (port OR dock*)'\n"
                   f"  {command} run --console --watch inbox/   "
                   "(then drop .txt, .html, .json or .jsonl files into inbox/)\n"
                   + _slack_without_workspace() +
                   "To connect a Slack workspace: docs/slack.md.")


def _slack_without_workspace() -> str:
    """The checkout's recipe for the Slack side without a workspace, when run from a checkout."""
    recipe = Path("docs", "try_slack.py")
    if not recipe.is_file():
        return ""
    python = Path(sys.executable)
    shown = python.relative_to(Path.cwd()) if python.is_relative_to(Path.cwd()) else python
    return f"To see the Slack side first, without a workspace:\n  {shown} {recipe}\n"


def _command() -> str:
    """How to type wirewatch here: `make demo` runs .venv/bin/wirewatch, not on PATH."""
    ran = sys.argv[0]
    if Path(ran).name != "wirewatch" or shutil.which("wirewatch") == str(Path(ran).absolute()):
        return "wirewatch"
    return ran


def _indent(text: str) -> str:
    return "\n".join("   " + line if line else line for line in text.splitlines()) + "\n"


def register(cli: click.Group) -> None:
    cli.add_command(demo)


def _collect(reasons: list[str]) -> Callable[[ArticleEvent, str], None]:
    """An ``on_silent`` hook that keeps the reason each silent article posted nothing."""
    return lambda _event, reason: reasons.append(reason)
