"""storage/ sits below bot/: of bot/ it may import only bot.models (issue 16)."""

from __future__ import annotations

import ast
from pathlib import Path

STORAGE = Path(__file__).resolve().parent.parent / "storage"
ALLOWED = "bot.models"


def bot_imports(source: str) -> list[str]:
    """Every bot module the source imports, spelt out (``from bot import x`` is bot.x)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module == "bot":
                found += [f"bot.{alias.name}" for alias in node.names]
            else:
                found.append(node.module)
    return [name for name in found if name == "bot" or name.startswith("bot.")]


def is_allowed(module: str) -> bool:
    return module == ALLOWED or module.startswith(ALLOWED + ".")


def test_every_spelling_of_a_bot_import_is_seen():
    source = ("import bot.pipeline\nfrom bot import errors, models\nfrom bot.models import Topic\n"
              "import botany\nfrom storage.db import transaction\n"
              "def late():\n    from bot.stories.query import parse_query\n")
    assert bot_imports(source) == ["bot.pipeline", "bot.errors", "bot.models", "bot.models",
                                   "bot.stories.query"]
    assert [m for m in bot_imports(source) if not is_allowed(m)] == [
        "bot.pipeline", "bot.errors", "bot.stories.query"]


def test_storage_imports_nothing_from_bot_but_models():
    paths = sorted(STORAGE.rglob("*.py"))
    assert len(paths) > 10, "storage/ was not found"
    wrong = {str(path.relative_to(STORAGE.parent)): module
             for path in paths for module in bot_imports(path.read_text(encoding="utf-8"))
             if not is_allowed(module)}
    assert wrong == {}
