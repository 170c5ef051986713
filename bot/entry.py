"""The `wirewatch` command's entry point: SIGTERM is handled before the slow imports begin."""

from __future__ import annotations

from bot import early_stop


def main() -> None:
    """Install the early stop, then load and run the command line (about a second of imports)."""
    early_stop.install()
    from bot.cli import main as run_command_line

    run_command_line()
