"""`wirewatch help`, what a newcomer types first.

Before: `wirewatch help` and `wirewatch help topics add` answered "No such command 'help'"."""

from __future__ import annotations

from click.testing import CliRunner, Result

from bot.cli import cli


def wirewatch(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="wirewatch", env=env)


def test_help_shows_what_dash_h_shows_for_wirewatch_and_for_a_command():
    for names in ([], ["topics", "add"], ["who-said"]):
        asked = wirewatch("help", *names)
        assert asked.exit_code == 0, asked.output
        assert asked.output == wirewatch(*names, "--help").output
        assert f"Usage: wirewatch {' '.join([*names, ''])}" in asked.output


def test_help_is_shown_whatever_the_settings_hold():
    """As `-h` is: a setting out of range is said by the command that reads it."""
    result = wirewatch("help", "run", env={"WIREWATCH_DIGEST_HOUR": "99"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: wirewatch run")
    refused = wirewatch("topics", "list", env={"WIREWATCH_DIGEST_HOUR": "99"})
    assert refused.exit_code == 1 and "WIREWATCH_DIGEST_HOUR" in refused.output


def test_help_of_a_command_not_there_names_the_commands_there_are():
    result = wirewatch("help", "topics", "delete")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "Error: wirewatch topics has no command 'delete'; its commands: add, edit, list, "
        "preview, remove, show")


def test_a_command_a_newcomer_guesses_points_to_the_one_to_type():
    """Before: `wirewatch start` and `version` answered "No such command" alone (`status` is a
    command now: tests/cli/test_status_cli.py)."""
    for guess, instead in (("start", "wirewatch run starts the bot"),
                           ("version", "wirewatch --version")):
        result = wirewatch(guess)
        assert result.exit_code == 2
        last = result.output.strip().splitlines()[-1]
        assert last.startswith(f"Error: No such command '{guess}': {instead}")
        assert last.endswith("; wirewatch help lists every command")
    assert "Did you mean 'topics'?" in wirewatch("topic", "list").output
