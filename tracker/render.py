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
import re
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


# Text that a spreadsheet would take for a formula (=HYPERLINK(...), +cmd|...): OWASP's list.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A cell for a CSV file: text that begins like a formula gets a leading ' (OWASP's rule against
    CSV injection), so that a spreadsheet shows it instead of running it; nothing is ever cut.
    Numbers stay as they are: -3 is a number, not a formula."""
    if isinstance(value, int | float):
        return str(value)
    text = flat(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


# What a terminal would obey instead of showing: escape sequences (CSI such as colours and cursor
# moves, OSC such as window titles and hyperlinks, and the two-character ones), the C0 and C1
# control characters, and the bidirectional overrides that make text read other than it is stored.
_TERMINAL_CONTROL = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI, in its 7-bit and 8-bit forms
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, ended by BEL or ST (or by nothing)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # the other ESC sequences, and a lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def terminal_text(text: str) -> str:
    """`text` with every escape sequence and control character removed (tabs and newlines stay),
    so that stored text cannot recolour, retitle or rewrite the user's terminal."""
    return _TERMINAL_CONTROL.sub("", text)


def render_json(rows: Sequence[Row]) -> str:
    return json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2, default=_json_default) + "\n"


def render_csv(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """Rows end in "\n". The writer keeps its "\r\n" ending, cut off row by row, because the csv
    module quotes only the characters of its line ending: with "\n" a cell holding "\r" would go
    out unquoted and split its row for whoever reads the file."""
    out = io.StringIO()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in [columns, *([csv_cell(row.get(c)) for c in columns] for row in rows)]:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        out.write(buffer.getvalue()[:-2] + "\n")
    return out.getvalue()


def render_markdown(rows: Sequence[Row], columns: Sequence[str]) -> str:
    def cell(value: Any) -> str:
        return flat(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(r.get(c)) for c in columns) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render_plain_table(rows: Sequence[Row], columns: Sequence[str], max_width: int = 60) -> str:
    """Aligned columns without colour, for pipes and NO_COLOR."""
    cells = [[_clip(terminal_text(flat(r.get(c))), max_width) for c in columns] for r in rows]
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
        from rich.text import Text

        table = Table(*columns, title=title)
        for r in rows:  # as Text: "[red]" or "[link=...]" in stored text is shown, not obeyed as markup
            table.add_row(*(Text(terminal_text(flat(r.get(c)))) for c in columns))
        Console(file=stream).print(table)
    else:
        stream.write(render_plain_table(rows, columns) if columns else "")
