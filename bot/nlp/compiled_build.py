"""Building the quote and speaker packages with mypyc into ``bot/_compiled`` (see ``compiled``).

    python -m bot.nlp.compiled_build [--check]

A no-op when the build is current, or with ``WIREWATCH_COMPILED=0``. Without a C compiler,
Python's headers or mypyc it says so in one line and exits 0: the interpreted code runs. The
build is made beside the old one and swapped in whole, its stamp written last, so a process
never sees half a build.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from collections.abc import Sequence
from pathlib import Path

from bot.nlp import compiled
from bot.nlp.compiled import BUILD, GROUP, NOT_BUILT, PROJECT, ROOT, STAMP

# mypy's settings for the build, the same wherever it is built (no project config is read).
MYPY_CONFIG = """[mypy]
explicit_package_bases = True
check_untyped_defs = True
ignore_missing_imports = True
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.nlp.compiled_build",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true",
                        help="say which code a run here runs; exit 1 unless it is the build")
    args = parser.parse_args(argv)
    if args.setup:
        return _setup(Path(args.setup))
    if args.check:
        print(compiled.current().line)
        return 0 if compiled.current().compiled else 1
    return build()


def build(out: Path = BUILD) -> int:
    """0 when the build is current, made now, not wanted or cannot be made here; 1 when mypyc
    failed (a module it cannot compile: ``make`` stops, as for a type error)."""
    if os.environ.get("WIREWATCH_COMPILED") == "0":
        print("WIREWATCH_COMPILED=0: the quote and speaker code is not compiled")
        _not_built(out, "set-up ran with WIREWATCH_COMPILED=0")
        return 0
    state = compiled.check(out, "")
    if state.compiled:
        print(f"compiled quote and speaker code is current ({state.why})")
        return 0
    missing = missing_tools()
    if missing:
        print(f"not compiling the quote and speaker code ({missing}): the interpreted code runs")
        _not_built(out, f"set-up could not make it ({missing})")
        return 0
    stamp = stamp_now()  # before compiling: a file edited meanwhile makes the build stale
    modules, data = stamp["modules"], stamp["data"]
    work, fresh = (out.with_name(f"{out.name}.{part}-{os.getpid()}") for part in ("work", "new"))
    for folder in (work, fresh):
        shutil.rmtree(folder, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"compiling {len(modules)} quote and speaker modules with mypyc into {out} "
          f"({state.why}; a few minutes)", flush=True)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "bot.nlp.compiled_build", "--setup", str(work)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        shutil.rmtree(work, ignore_errors=True)
        print(done.stdout[-4000:] + done.stderr[-4000:], file=sys.stderr)
        print(f"mypyc failed (exit {done.returncode}); WIREWATCH_COMPILED=0 skips the build",
              file=sys.stderr)
        return 1
    (work / "lib").rename(fresh)
    shutil.rmtree(work)
    for name in data:
        shutil.copyfile(ROOT / name, fresh / name)
    (fresh / STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    _swap(fresh, out)
    print(f"compiled in {time.monotonic() - start:.0f} s")
    return 0


def stamp_now() -> dict:
    """What a build of the sources as they are now is stamped with (``compiled.check`` reads it)."""
    modules, data = compiled.compiled_modules(), compiled.data_files()
    return {"python": compiled.python_tag(), "mypy": _mypy_version(), "modules": modules,
            "data": data, "sources": {source: compiled.source_hash(ROOT / source)
                                      for source in sources_read(modules) + data}}


def missing_tools() -> str | None:
    """What the build needs and this machine lacks, or None."""
    cc = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        return f"no C compiler: {cc} is not installed"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers (Python.h; the python3-dev package)"
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        return "mypyc is not installed (it comes with mypy: pip install '.[compile]')"
    return None


def sources_read(modules: list[str], root: Path = ROOT) -> list[str]:
    """``modules`` and every project module they import, directly or not (parent packages too),
    relative to ``root``: what the build's types come from."""
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        source = todo.pop()
        if source in seen:
            continue
        seen.add(source)
        tree = ast.parse((root / source).read_text(encoding="utf-8"))
        todo += [f for name in _imported(tree) for f in _files_of(name, root) if f not in seen]
    return sorted(seen)


def _imported(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return [n for n in names if n.split(".")[0] in PROJECT]


def _files_of(name: str, root: Path) -> list[str]:
    """The module's file and its parent packages' ``__init__``s (those that exist)."""
    parts = name.split(".")
    found = []
    for end in range(1, len(parts) + 1):
        base = root.joinpath(*parts[:end])
        for candidate in (base / "__init__.py", base.with_suffix(".py")):
            if candidate.is_file():
                found.append(str(candidate.relative_to(root)))
    return found


def _not_built(out: Path, why: str) -> None:
    """Why set-up made no build, kept where it goes for ``compiled.check`` to say (a build
    swapped in later replaces it); set-up goes on where it cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / NOT_BUILT).write_text(why + "\n", encoding="utf-8")
    except OSError:
        pass


def _swap(fresh: Path, out: Path) -> None:
    old = out.with_name(f"{out.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    fresh.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _mypy_version() -> str:
    from mypy.version import __version__

    return __version__


def _setup(work: Path) -> int:
    """In a child process (setuptools exits and keeps state): mypyc's C, compiled into
    ``work/lib``."""
    from mypyc.build import mypycify
    from setuptools import setup

    config = work / "mypy.ini"
    config.write_text(f"{MYPY_CONFIG}cache_dir = {work / 'mypy_cache'}\n", encoding="utf-8")
    extensions = mypycify(["--config-file", str(config), *compiled.compiled_modules()],
                          group_name=GROUP, target_dir=str(work / "c"))
    setup(name="wirewatch-compiled", ext_modules=extensions,
          script_args=["build_ext", "--build-lib", str(work / "lib"),
                       "--build-temp", str(work / "obj")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
