"""Rows -> text: one renderer for every command (table, json, csv, markdown).

JSON keeps nested values (lists, dicts) as they are; the flat formats show them joined.
JSON of nothing is `[]`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, TextIO


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


Row = Mapping[str, Any]


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def flat(value: Any) -> str:
    """A cell as text: lists joined with '; ', dicts by their name, None as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return str(value.get("name") or value.get("title") or json.dumps(value, default=_json_default))
    if isinstance(value, list | tuple):
        return "; ".join(flat(v) for v in value)
    return str(value)


def render_json(rows: Sequence[Row]) -> str:
    return json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2, default=_json_default) + "\n"


def render_csv(rows: Sequence[Row], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([flat(row.get(c)) for c in columns])
    return out.getvalue()


def render_markdown(rows: Sequence[Row], columns: Sequence[str]) -> str:
    def cell(value: Any) -> str:
        return flat(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(r.get(c)) for c in columns) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render_plain_table(rows: Sequence[Row], columns: Sequence[str], max_width: int = 60) -> str:
    """Aligned columns without colour, for pipes and NO_COLOR."""
    cells = [[_clip(flat(r.get(c)), max_width) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def use_rich(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def render(
    rows: Sequence[Row],
    fmt: OutputFormat,
    columns: Sequence[str] | None = None,
    stream: TextIO | None = None,
    title: str | None = None,
) -> None:
    """Write rows to `stream` (stdout) in the chosen format."""
    stream = stream or sys.stdout
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt is OutputFormat.json:
        stream.write(render_json(rows))
    elif fmt is OutputFormat.csv:
        stream.write(render_csv(rows, columns))
    elif fmt is OutputFormat.markdown:
        stream.write(render_markdown(rows, columns))
    elif use_rich(stream):
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, title=title)
        for r in rows:
            table.add_row(*(flat(r.get(c)) for c in columns))
        Console(file=stream).print(table)
    else:
        stream.write(render_plain_table(rows, columns) if columns else "")
