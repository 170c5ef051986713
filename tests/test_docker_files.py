"""docker/ matches what the docs tell a newsroom: the settings docs/slack.md asks it to set reach
the container, and the build sends only what the image copies."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SET_BY_THE_IMAGE = {"PORT", "WIREWATCH_HOST"}
"""The Dockerfile fixes these (the compose file maps the port); WIREWATCH_SLACK_API_URL is for
tests, as its row says."""


def slack_settings() -> set[str]:
    """The variables of docs/slack.md's "Configure and run" table."""
    text = (REPO / "docs" / "slack.md").read_text()
    table = text.split("## 2. Configure and run", 1)[1].split("\n\n| variable |", 1)[1]
    rows = table.split("\n\n", 1)[0].splitlines()
    return {m.group(1) for row in rows if (m := re.match(r"\| `([A-Z_]+)` \|", row))}


def test_every_setting_the_slack_set_up_names_reaches_the_container():
    compose = (REPO / "docker" / "compose.yml").read_text()
    environment = compose.split("    environment:\n", 1)[1].split("\n    ports:", 1)[0]
    passed = set(re.findall(r"^      ([A-Z_]+): ", environment, re.MULTILINE))
    wanted = slack_settings() - SET_BY_THE_IMAGE - {"WIREWATCH_SLACK_API_URL"}
    assert len(wanted) >= 6
    assert wanted <= passed, wanted - passed  # WIREWATCH_ADMINS, _TIMEZONE, _DIGEST_HOUR were not


def test_the_build_sends_only_what_the_image_copies():
    copies = [line.split()[1:-1] for line in (REPO / "docker" / "Dockerfile").read_text()
              .splitlines() if line.startswith("COPY ") and "--from=" not in line]
    copied = {source.rstrip("/") for sources in copies for source in sources}
    rules = [line for line in (REPO / ".dockerignore").read_text().splitlines()
             if line and not line.startswith("#")]
    assert rules[0] == "*"  # everything else stays out: .venv was 668 MB of the context
    let_in = {rule[1:].rstrip("/") for rule in rules if rule.startswith("!")}
    assert let_in == copied == {"pyproject.toml", "README.md", "bot", "handlers", "storage"}


def test_the_image_runs_the_compiled_build_its_builder_stage_makes_without_gcc_of_its_own():
    """The quote and speaker packages are compiled with gcc in a stage of their own, for the
    same Python as the image's, which copies the build alone (bot/nlp/compiled.py)."""
    builder, image = (REPO / "docker" / "Dockerfile").read_text().split("\n\nFROM ")
    assert builder.splitlines()[1] == "FROM python:3.11-slim AS builder"
    assert image.startswith("python:3.11-slim\n")
    assert "gcc" in builder and "python -m bot.nlp.compiled_build" in builder
    assert "gcc" not in image and "[compile]" not in image  # nor mypy: a slim image
    site = "/usr/local/lib/python3.11/site-packages"
    assert f"\nCOPY --from=builder /src/bot/_compiled {site}/bot/_compiled\n" in image


def test_each_stage_fails_unless_a_run_there_would_choose_the_build():
    """Before: the builder tested only that a stamp was there, and the image nothing: a build
    the installed sources do not match would have shipped, running interpreted unsaid. The
    image's working folder kept its copy of the sources, which `python -m bot` there imports
    (no build beside them) rather than the installed package."""
    builder, image = (REPO / "docker" / "Dockerfile").read_text().split("\n\nFROM ")
    check = "python -m bot.nlp.compiled_build --check"
    assert builder.rstrip().endswith(f"&& {check}")
    assert image.split("COPY --from=builder ", 1)[1].splitlines()[1] == f"RUN {check}"
    install = image.split("RUN pip install --no-cache-dir . ", 1)[1].split("\n")[0]
    copied = re.findall(r"^COPY (bot|handlers|storage) ", image, re.MULTILINE)
    assert copied and all(f" {folder} " in f"{install} " for folder in copied), install


def test_the_watched_folder_comes_with_the_checkout_and_docker_never_makes_it():
    """docker/inbox/ was ignored by git, so Docker created it on the host, owned by root: the
    desk could drop files there only with sudo."""
    compose = (REPO / "docker" / "compose.yml").read_text()
    folder = re.search(r"^      WIREWATCH_WATCH_FOLDER: (\S+)$", compose, re.MULTILINE)
    mount = re.search(r"^      - type: bind\n((?:        .*\n)+)", compose, re.MULTILINE)
    assert folder and mount, "the watched folder is a bind mount in the long syntax"
    fields = dict(re.findall(r"^ +([a-z_]+): ?(\S*)$", mount.group(1), re.MULTILINE))
    assert fields["target"] == folder.group(1)
    assert fields["create_host_path"] == "false"  # missing, compose says so instead of root
    assert fields["read_only"] == "true"  # files are left where they are: never written
    tracked = subprocess.run(["git", "ls-files", fields["source"]], cwd=REPO / "docker",
                             capture_output=True, text=True, check=True).stdout.split()
    assert tracked == ["inbox/.gitkeep"]  # hidden: the watcher ignores it


def test_the_container_runs_as_the_user_that_owns_its_database_folder():
    dockerfile = (REPO / "docker" / "Dockerfile").read_text()
    user = re.findall(r"^USER (\S+)$", dockerfile, re.MULTILINE)
    assert user == ["wirewatch:wirewatch"]
    assert re.search(r"chown wirewatch:wirewatch /data\b", dockerfile)


def asked_without_default(compose: str) -> set[str]:
    """The variables compose warns about when they are unset ("The X variable is not set.
    Defaulting to a blank string."): each ``${X}`` or ``$X`` with no ``-`` default nor ``?``."""
    plain = re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)", compose)
    return {braced or bare for braced, bare in plain}


def test_compose_asks_only_for_what_the_slack_mode_needs():
    """Socket Mode needs no signing secret, HTTP mode no app-level token: compose said
    "The SLACK_SIGNING_SECRET variable is not set" to a desk using Socket Mode."""
    compose = (REPO / "docker" / "compose.yml").read_text()
    socket_mode = {"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"}
    http_mode = {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"}
    assert "${SLACK_SIGNING_SECRET" in compose and "${SLACK_APP_TOKEN" in compose
    assert asked_without_default(compose) - socket_mode == set()
    assert asked_without_default(compose) - http_mode == set()
