"""bench.polnear_agreement counts how two hand readings of the resolutions agree, per split."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bench.polnear_agreement import SECOND, Agreement, compare, main
from bench.polnear_eval import RESOLUTIONS, load_jsonl

FIRST_ROWS = [
    ("dev", "desk-ferry-vote", 0, 10, "Ana Ruiz"),
    ("dev", "desk-ferry-vote", 20, 30, "Harbour Board"),
    ("dev", "desk-ferry-vote", 40, 50, "Ana Ruiz"),
    ("dev", "desk-ferry-vote", 60, 70, None),
    ("dev", "desk-ferry-vote", 80, 90, None),
    ("dev", "desk-bridge-toll", 0, 10, None),
    ("train", "desk-mill-closes", 5, 9, "Tomas Berg"),
]
SECOND_ROWS = [
    ("dev", "desk-ferry-vote", 0, 10, "Mayor Ana Ruiz"),
    ("dev", "desk-ferry-vote", 20, 30, "Tomas Berg"),
    ("dev", "desk-ferry-vote", 40, 50, None),
    ("dev", "desk-ferry-vote", 60, 70, "Tomas Berg"),
    ("dev", "desk-ferry-vote", 80, 90, None),
    ("dev", "desk-bridge-toll", 0, 12, "Ana Ruiz"),
    ("train", "desk-mill-closes", 5, 9, "Tomas Berg"),
]


def _write(path: Path, rows: list[tuple[str, str, int, int, str | None]]) -> Path:
    lines = [json.dumps(dict(zip(("split", "id", "start", "end", "name"), row, strict=True)))
             for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _keyed(rows: list[tuple[str, str, int, int, str | None]]) -> dict:
    return {row[:4]: row[4] for row in rows}


def test_each_shared_row_counts_once_by_how_the_two_names_compare():
    dev, train = compare(_keyed(FIRST_ROWS), _keyed(SECOND_ROWS))
    assert dev == Agreement("dev", both_null=1, same=1, other=1, first_only=1, second_only=1,
                            only_in_first=1, only_in_second=1)
    assert train == Agreement("train", both_null=0, same=1, other=0, first_only=0,
                              second_only=0, only_in_first=0, only_in_second=0)
    assert dev.compared == 5


def test_share_of_the_first_readings_names_and_kappa_on_named_or_null():
    agreement = Agreement("dev", both_null=40, same=45, other=5, first_only=5, second_only=5,
                          only_in_first=0, only_in_second=0)
    assert agreement.share() == pytest.approx(45 / 55)
    # observed 0.90; by chance 0.55 * 0.55 + 0.45 * 0.45 = 0.505
    assert agreement.kappa() == pytest.approx((0.90 - 0.505) / (1 - 0.505))


def test_kappa_and_share_are_undefined_when_neither_reading_names_anyone():
    agreement = Agreement("dev", both_null=3, same=0, other=0, first_only=0, second_only=0,
                          only_in_first=0, only_in_second=0)
    assert math.isnan(agreement.kappa())
    assert math.isnan(agreement.share())


def test_main_prints_one_row_a_split(tmp_path, capsys):
    first = _write(tmp_path / "first.jsonl", FIRST_ROWS)
    second = _write(tmp_path / "second.jsonl", SECOND_ROWS)
    assert main([str(first), str(second)]) == 0
    out = capsys.readouterr().out
    assert "| dev | 5 | 1 | 1 | 1 | 1 | 1 | 0.333 (1 of 3) | 0.167 |" in out
    assert "| train | 1 | 0 | 1 | 0 | 0 | 0 | 1.000 (1 of 1) | n/a |" in out
    assert "dev: 1 row only in the first reading, 1 only in the second" in out


def test_a_missing_or_broken_file_is_a_clear_error_naming_it(tmp_path, capsys):
    second = _write(tmp_path / "second.jsonl", SECOND_ROWS)
    with pytest.raises(SystemExit):
        main([str(tmp_path / "absent.jsonl"), str(second)])
    assert "absent.jsonl" in capsys.readouterr().err
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"split": "dev", "id": "desk-ferry-vote", "start": 0}\n', encoding="utf-8")
    with pytest.raises(SystemExit):
        main([str(broken), str(second)])
    assert "broken.jsonl" in capsys.readouterr().err
    _write(broken, [("dev", "desk-ferry-vote", 0, 10, 7)])  # type: ignore[list-item]
    with pytest.raises(SystemExit):
        main([str(broken), str(second)])
    assert "broken.jsonl" in capsys.readouterr().err


def test_the_second_reading_joins_the_stored_rows_in_their_order_and_format():
    stored = {(r["split"], r["id"], r["start"], r["end"]) for r in load_jsonl(RESOLUTIONS)}
    rows = load_jsonl(SECOND)
    keys = [(r["split"], r["id"], r["start"], r["end"]) for r in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert set(keys) <= stored
    assert all(list(r) == ["split", "id", "start", "end", "name"] for r in rows)
    assert all(r["name"] is None or isinstance(r["name"], str) for r in rows)
