"""Exports: TimelineJS3 JSON, a self-contained HTML page (timeline and activity per month, no CDN),
and everything as JSON or CSV files."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.render import csv_cell
from tracker.vocabulary import PLOVER

# The schemes a link may have in an export; any other (javascript:, data:, vbscript:, file:, a
# relative path) is shown as text. Whitespace and control characters, which browsers drop from a
# scheme ("java\tscript:"), are refused anywhere in the address.
_LINK = re.compile(r"(?i:https?://|mailto:)[^\x00-\x20\x7f-\x9f]+")


def link_target(url: str | None) -> str | None:
    """`url` when it may become a link in an export: http(s) or mailto; else None."""
    return url if url and _LINK.fullmatch(url) else None


def timelinejs(events: list[dict[str, Any]], title: str) -> dict[str, Any]:
    """The TimelineJS3 JSON format: https://timeline.knightlab.com/docs/json-format.html"""

    def start(e: dict[str, Any]) -> dict[str, str]:
        year, month, day = e["date"].split("-")
        parts = {"year": year}
        if e["date_precision"] in ("day", "month"):
            parts["month"] = str(int(month))
        if e["date_precision"] == "day":
            parts["day"] = str(int(day))
        return parts

    def body(e: dict[str, Any]) -> str:
        sources = "".join(
            f'<li><a href="{html.escape(link)}">{html.escape(s["title"])}</a></li>'
            if (link := link_target(s.get("url")))
            else f"<li>{html.escape(s['title'])} ({s['published']})</li>"
            for s in e["sources"]
        )
        return f"<p>{html.escape(e['summary'])}</p><ul>{sources}</ul>"

    return {
        "title": {"text": {"headline": html.escape(title), "text": f"{len(events)} events"}},
        "events": [
            {
                "start_date": start(e),
                "unique_id": f"event-{e['id']}",
                "group": e["type"],
                "text": {"headline": html.escape(f"{e['type'].title()}: " + ", ".join(_who(e))), "text": body(e)},
            }
            for e in events
        ],
    }


def _who(e: dict[str, Any]) -> list[str]:
    people = [p["name"] for p in e["participants"] if p["kind"] != "country"]
    return people or [p["name"] for p in e["participants"]]


def activity_per_month(events: list[dict[str, Any]]) -> list[tuple[str, int]]:
    counts = Counter(e["date"][:7] for e in events)
    return sorted(counts.items())


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1b1b; padding: 0 1rem; }}
h1 {{ font-size: 1.5rem; }} .meta {{ color: #555; }}
#chart svg {{ width: 100%; height: 160px; }} #chart rect {{ fill: #3b6ea8; }} #chart text {{ font-size: 10px; }}
ol#events {{ list-style: none; padding: 0; border-left: 3px solid #3b6ea8; }}
ol#events > li {{ margin: 0 0 1.2rem 0; padding-left: 1rem; position: relative; }}
ol#events > li::before {{ content: ""; position: absolute; left: -0.5rem; top: 0.4rem; width: 0.7rem;
  height: 0.7rem; border-radius: 50%; background: #3b6ea8; }}
.type {{ font-weight: 600; text-transform: uppercase; font-size: 0.8rem; color: #3b6ea8; }}
.planned {{ color: #a85b3b; }} blockquote {{ margin: 0.3rem 0 0.3rem 1rem; color: #333; }}
details {{ margin-top: 0.3rem; }} .who {{ font-weight: 600; }}
</style></head>
<body>
<h1>{title}</h1>
<p class="meta" id="meta"></p>
<section id="chart" aria-label="Events per month"></section>
<ol id="events"></ol>
<script id="data" type="application/json">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("data").textContent);
  function el(tag, attrs, text) {{
    var node = document.createElement(tag);
    for (var k in attrs || {{}}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }}
  document.getElementById("meta").textContent = data.events.length + " events, " +
    data.statements.length + " statements";
  var months = data.months, max = 1;
  months.forEach(function (m) {{ if (m[1] > max) max = m[1]; }});
  var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
  var width = Math.max(months.length * 24, 240), step = Math.max(1, Math.ceil(months.length / 12));
  svg.setAttribute("viewBox", "0 0 " + width + " 160");
  months.forEach(function (m, i) {{
    var h = Math.round(120 * m[1] / max), rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", i * 24 + 4); rect.setAttribute("y", 130 - h);
    rect.setAttribute("width", 16); rect.setAttribute("height", h);
    var tip = document.createElementNS(ns, "title"); tip.textContent = m[0] + ": " + m[1]; rect.appendChild(tip);
    svg.appendChild(rect);
    if (i % step === 0) {{
      var label = document.createElementNS(ns, "text");
      label.setAttribute("x", i * 24 + 4); label.setAttribute("y", 145); label.textContent = m[0];
      svg.appendChild(label);
    }}
  }});
  document.getElementById("chart").appendChild(svg);
  var said = {{}};
  data.statements.forEach(function (s) {{
    if (s.event_id !== null) (said[s.event_id] = said[s.event_id] || []).push(s);
  }});
  var list = document.getElementById("events");
  data.events.forEach(function (e) {{
    var item = el("li", {{"id": "event-" + e.id, "class": "event", "data-type": e.type}});
    var date = e.date_precision === "day" ? e.date
      : e.date_precision === "month" ? e.date.slice(0, 7) : e.date.slice(0, 4);
    item.appendChild(el("div", {{"class": "type" + (e.status === "planned" ? " planned" : "")}},
      date + " · " + e.type + (e.status === "planned" ? " (planned)" : "") + (e.location ? " · " + e.location : "")));
    item.appendChild(el("div", {{"class": "who"}}, e.who.join(", ")));
    item.appendChild(el("p", {{}}, e.summary));
    var sources = el("details"); sources.appendChild(el("summary", {{}}, e.sources.length + " source(s)"));
    var ul = el("ul");
    e.sources.forEach(function (s) {{
      var li = el("li");
      var a = el(s.url ? "a" : "span", s.url ? {{"href": s.url}} : {{}}, s.title + " (" + s.published + ")");
      li.appendChild(a); li.appendChild(el("blockquote", {{}}, s.sentence)); ul.appendChild(li);
    }});
    sources.appendChild(ul); item.appendChild(sources);
    if (said[e.id]) {{
      var st = el("details"); st.appendChild(el("summary", {{}}, said[e.id].length + " statement(s)"));
      said[e.id].forEach(function (s) {{ st.appendChild(el("blockquote", {{}}, s.speaker + ": " + s.text)); }});
      item.appendChild(st);
    }}
    list.appendChild(item);
  }});
}})();
</script>
<noscript>This page draws its timeline with JavaScript; the data is embedded in it as JSON.</noscript>
</body></html>
"""


def html_page(events: list[dict[str, Any]], statements: list[dict[str, Any]], title: str) -> str:
    data = {
        "events": [
            {
                **{k: e[k] for k in ("id", "date", "date_precision", "type", "status", "location", "summary")},
                "sources": [{**s, "url": link_target(s.get("url"))} for s in e["sources"]],
                "who": _who(e),
            }
            for e in events
        ],
        "statements": [
            {"event_id": s["event_id"], "speaker": s["speaker"]["name"], "text": s["text"]} for s in statements
        ],
        "months": activity_per_month(events),
    }
    return PAGE.format(title=html.escape(title), data=script_json(data))


# Inside <script>, "</script>" ends the element and "<!--" followed by "<script" changes how the
# browser finds its end; "&" is escaped as well, and U+2028/U+2029 (line ends to older JavaScript).
# As \u escapes these are the same JSON string, and the page cannot be broken out of.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE_CHARS = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    """`data` as JSON that can stand inside a <script> element whatever its strings hold."""
    return _SCRIPT_UNSAFE_CHARS.sub(lambda m: _SCRIPT_UNSAFE[m[0]], json.dumps(data, ensure_ascii=False))


def everything_json(tables: dict[str, list[dict[str, Any]]]) -> str:
    return json.dumps(tables, ensure_ascii=False, indent=2, default=str) + "\n"


def everything_csv(tables: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """One CSV text per table, by file name (events.csv, ...)."""
    files = {}
    for name, rows in tables.items():
        columns = list(rows[0].keys()) if rows else []
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(v) for v in row.values()])
        files[f"{name}.csv"] = out.getvalue()
    return files


def write_files(files: Mapping[Path, str]) -> None:
    """Write every file whole or leave each as it was: each is written to a temporary file beside
    it and renamed over it only once all are written, so that a full disk or a Ctrl-C never leaves
    a truncated export (or half of a folder's files new)."""
    written: list[tuple[Path, Path]] = []
    target = None
    try:
        for target, text in files.items():
            descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            written.append((Path(name), target))
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(name, _mode_for(target))
        for temporary, target in written:
            os.replace(temporary, target)
    except OSError as exc:
        raise TrackerError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)


def _mode_for(target: Path) -> int:
    """The permissions a plain open() would give: the old file's, or 0666 less the umask
    (a temporary file is created 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


__all__ = [
    "PLOVER",
    "activity_per_month",
    "everything_csv",
    "everything_json",
    "html_page",
    "link_target",
    "script_json",
    "timelinejs",
    "write_files",
]
