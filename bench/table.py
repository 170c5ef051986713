"""Rows as a plain-text table for the terminal and as a Markdown table for RESULTS.md."""

from __future__ import annotations

from collections.abc import Sequence

from bench.rows import meets

COLUMNS = ("benchmark", "metric", "value", "unit", "target", "met", "note")


def cells(item: dict) -> list[str]:
    verdict = meets(item["value"], item.get("target"))
    met = "" if verdict is None else ("yes" if verdict else "NO")
    return [item["benchmark"], item["metric"], format_value(item["value"]), item["unit"],
            item.get("target") or "", met, item.get("note") or ""]


def format_value(value: float) -> str:
    if value != value:
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def text_table(rows: Sequence[dict]) -> str:
    grid = [list(COLUMNS[:-1])] + [cells(r)[:-1] for r in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(grid[0]))]
    lines = ["  ".join(c.rjust(w) if i == 2 else c.ljust(w)
                       for i, (c, w) in enumerate(zip(line, widths, strict=True))).rstrip()
             for line in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: Sequence[dict]) -> str:
    head = "| " + " | ".join(COLUMNS) + " |"
    rule = "|" + "|".join("---:" if c == "value" else "---" for c in COLUMNS) + "|"
    body = ["| " + " | ".join(c.replace("|", "\\|") for c in cells(r)) + " |" for r in rows]
    return "\n".join([head, rule, *body])


def print_rows(rows: Sequence[dict]) -> None:
    """Print rows as a table; notes follow underneath so the table stays narrow."""
    print(text_table(rows))
    notes = [(i, r["note"]) for i, r in enumerate(rows, 1) if r.get("note")]
    if notes:
        print()
        for index, note in notes:
            print(f"[{index}] {rows[index - 1]['metric']}: {note}")
