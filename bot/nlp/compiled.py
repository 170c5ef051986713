"""The quote and speaker packages compiled with mypyc: whether the build may run, and where it is.

``make`` builds them into ``bot/_compiled`` (outside both packages) with a stamp that holds the
hash of every source the build read: the compiled modules and every project module they import.
Each package's ``__init__`` asks ``search_path``, which puts the build first on the package's
``__path__`` only when every hash still matches, the build is for this Python and every extension
is there; otherwise, or with ``WIREWATCH_COMPILED=0``, the interpreted sources run and
``current().why`` says why. mypyc's shared library (``wirewatch_nlp__mypyc``, top-level by
design) is loaded from the build by its file path, so nothing is added to ``sys.path``.

``bot.nlp.compiled_build`` makes the build (``python -m bot.nlp.compiled_build``).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGES = ("bot/nlp/quotes", "bot/nlp/speakers")
# ``quoted.QuotedTokens`` subclasses set, which mypyc cannot make native; the ``__init__``s decide
# whether the build runs, so they must run interpreted.
INTERPRETED = frozenset({"bot/nlp/quotes/quoted.py", "bot/nlp/quotes/__init__.py",
                         "bot/nlp/speakers/__init__.py"})
PROJECT = ("bot", "handlers", "storage")
GROUP = "wirewatch_nlp"
SHARED = f"{GROUP}__mypyc"
ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "bot" / "_compiled"
STAMP = "stamp.json"
NOT_BUILT = "not-built.txt"  # where the build goes: why set-up made none (no C compiler)
NOT_BUILT_CHARS = 300
"""The most of set-up's reason a status line repeats (a tool's message may run long)."""
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


@dataclass(frozen=True)
class Build:
    """Which code runs: ``compiled`` or not, and ``why`` in one line."""

    compiled: bool
    why: str

    @property
    def label(self) -> str:
        return "compiled (mypyc)" if self.compiled else "interpreted"

    @property
    def line(self) -> str:
        """What the log, the run's banner and ``wirewatch status`` say."""
        return f"quote and speaker code runs {self.label}: {self.why}"


def search_path(package: str, path: list[str]) -> list[str]:
    """``path`` with the package's compiled build first when it may run (see ``current``)."""
    build = current()
    if not build.compiled:
        return path
    return [str(BUILD.joinpath(*package.split("."))), *path]


@functools.cache
def current() -> Build:
    """Decided once a process, logged once; the shared library loaded when the build runs."""
    build = check(BUILD, os.environ.get("WIREWATCH_COMPILED", ""))
    if build.compiled:
        try:
            _load_shared(BUILD)
        except ImportError as exc:
            build = Build(False, f"the build's shared library did not load ({exc})")
    log.info("%s", build.line)
    return build


def compiled_modules(root: Path = ROOT) -> list[str]:
    """The sources mypyc builds, relative to ``root``."""
    return sorted(str(p.relative_to(root)) for folder in PACKAGES
                  for p in (root / folder).glob("*.py")
                  if str(p.relative_to(root)) not in INTERPRETED)


def data_files(root: Path = ROOT) -> list[str]:
    """The packages' other files, copied into the build: a compiled module's ``__file__`` is
    there, and a module finds its data beside it (``first_names.txt``)."""
    return sorted(str(p.relative_to(root)) for folder in PACKAGES
                  for p in (root / folder).iterdir() if p.is_file() and p.suffix != ".py")


def check(build: Path, setting: str) -> Build:
    """Whether the build in ``build`` may run, given ``WIREWATCH_COMPILED``'s ``setting``."""
    if setting == "0":
        return Build(False, "WIREWATCH_COMPILED=0")
    try:
        stamp = json.loads((build / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Build(False, _no_build(build))
    try:
        return _matches(build, stamp)
    except (AttributeError, TypeError, KeyError):
        return Build(False, f"the stamp in {build} is not one the build writes (make rebuilds it)")


def _no_build(build: Path) -> str:
    """Why there is no build: what set-up said when it made none (its first line), else that
    make builds it."""
    try:
        first = (build / NOT_BUILT).read_text(encoding="utf-8").splitlines()[0]
        said = first.strip()[:NOT_BUILT_CHARS]
    except (OSError, ValueError, IndexError):
        said = ""
    return f"no compiled build in {build}: {said or 'make builds it'}"


def _matches(build: Path, stamp: dict) -> Build:
    if stamp.get("python") != python_tag():
        return Build(False, f"the build is for {stamp.get('python')}, this is {python_tag()}")
    hashes: dict[str, str] = stamp.get("sources", {})
    modules: list[str] = stamp.get("modules", [])
    if modules != compiled_modules() or stamp.get("data") != data_files():
        return Build(False, "the compiled packages gained or lost a file since the build "
                            "(make rebuilds it)")
    for source, digest in hashes.items():
        if source_hash(ROOT / source) != digest:
            return Build(False, f"{source} changed since the build (make rebuilds it)")
    missing = [m for m in modules if not _extension(build, m).is_file()]
    missing += [d for d in data_files() if not (build / d).is_file()]
    if missing or not (build / (SHARED + SUFFIX)).is_file():
        return Build(False, f"the build in {build} is incomplete ({(missing or [SHARED])[0]})")
    return Build(True, f"{len(modules)} modules built by mypy {stamp.get('mypy')}")


def _load_shared(build: Path) -> None:
    """mypyc's shared library, imported by name from every compiled module, put in
    ``sys.modules`` from its file."""
    if SHARED in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(SHARED, build / (SHARED + SUFFIX))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[SHARED] = module
    spec.loader.exec_module(module)


def _extension(build: Path, source: str) -> Path:
    return build / (source.removesuffix(".py") + SUFFIX)


def python_tag() -> str:
    return f"{sys.implementation.cache_tag} {SUFFIX}"


def source_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
