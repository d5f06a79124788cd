"""The README's session is what a real load of seeds/ prints.

Every `$ tracker ...` line of the README runs through the CLI, in order, on a fresh SQLite database,
from a folder where `seeds/` is the repository's seeds. The lines shown under a command are its
output (stdout and stderr, as a terminal shows them), compared exactly, with two ways to elide:
a line `...` stands for the rest of the output, and a line ending in `...` for the rest of that
line. A command shown without output must succeed. On a difference the failure prints the block
to paste into the README.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

from locations import REPO, SEEDS

README = REPO / "README.md"
COMMAND = re.compile(r"^    \$ (tracker .*)$")
ELIDED = "..."


@dataclass
class Shown:
    """A command of the README and the output lines it shows (indexes into the README's lines)."""

    command: str
    line: int
    output: range


def shown_commands(lines: list[str]) -> list[Shown]:
    found = []
    for i, line in enumerate(lines):
        match = COMMAND.match(line)
        if not match:
            continue
        end = i + 1
        while (
            end < len(lines) and lines[end].startswith("    ") and lines[end].strip() and not COMMAND.match(lines[end])
        ):
            end += 1
        found.append(Shown(match.group(1), i, range(i + 1, end)))
    return found


def matches(shown: list[str], actual: list[str]) -> bool:
    for i, line in enumerate(shown):
        if line == ELIDED:
            return True
        if i >= len(actual):
            return False
        if line.endswith(ELIDED) and actual[i].startswith(line.removesuffix(ELIDED)):
            continue
        if line != actual[i]:
            return False
    return len(shown) == len(actual)


def as_shown(shown: list[str], actual: list[str]) -> list[str]:
    """The actual output, elided where the README elides it."""
    if matches(shown, actual):
        return shown
    if ELIDED in shown:
        return [*actual[: shown.index(ELIDED)], ELIDED]
    return actual


def pasteable(readme: list[str], commands: list[Shown], corrected: dict[int, list[str]]) -> tuple[int, int, str]:
    """(first line, last line, counted from 1) of the README's session and the text to put there."""
    first, last = commands[0].line, commands[-1].output.stop
    block, i = [], first
    while i < last:
        command = next((c for c in commands if c.output.start == i and i in corrected), None)
        if command is None:
            block.append(readme[i])
            i += 1
            continue
        block += ["    " + line if line else "" for line in corrected[i]]
        i = command.output.stop
    return first + 1, last, "\n".join(block)


def test_elision_of_lines_and_of_the_rest() -> None:
    assert matches(["a", "b"], ["a", "b"])
    assert not matches(["a", "b"], ["a", "b", "c"])
    assert not matches(["a", "b", "c"], ["a", "b"])
    assert matches(["a", "..."], ["a", "b", "c"])
    assert not matches(["x", "..."], ["a", "b"])
    assert matches(["error: one, ..."], ["error: one, two, three"])
    assert not matches(["error: two, ..."], ["error: one, two, three"])
    assert as_shown(["a", "x", "..."], ["a", "b", "c"]) == ["a", "b", "..."]
    assert as_shown(["a", "x"], ["a", "b", "c"]) == ["a", "b", "c"]


def test_the_block_to_paste_replaces_only_wrong_outputs() -> None:
    readme = ["intro", "    $ tracker a", "    old", "    old", "", "    $ tracker b", "    kept", "", "after"]
    commands = shown_commands(readme)
    assert [(c.command, c.line, c.output) for c in commands] == [
        ("tracker a", 1, range(2, 4)),
        ("tracker b", 5, range(6, 7)),
    ]
    assert pasteable(readme, commands, {2: ["new"]}) == (2, 7, "    $ tracker a\n    new\n\n    $ tracker b\n    kept")


def test_readme_session_is_what_the_seeds_give(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = README.read_text(encoding="utf-8").splitlines()
    commands = shown_commands(readme)
    assert any(c.command == "tracker load seeds/" for c in commands), "the README shows no `tracker load seeds/`"
    (tmp_path / "seeds").symlink_to(SEEDS)
    monkeypatch.chdir(tmp_path)  # `-o` files land here
    runner = CliRunner(env={"TRACKER_DB": f"sqlite:///{tmp_path / 'tracker.db'}", "NO_COLOR": "1"})
    wrong: list[str] = []
    corrected: dict[int, list[str]] = {}  # first output line -> the lines to show instead
    for command in commands:
        result = runner.invoke(app, shlex.split(command.command, comments=True)[1:])
        shown = [readme[i].removeprefix("    ") for i in command.output]
        if not shown:
            if result.exit_code != 0:
                wrong.append(f"`{command.command}` failed: {result.output.strip()}")
            continue
        actual = [line.rstrip() for line in result.output.splitlines()]
        if not matches(shown, actual):
            wrong.append(f"`{command.command}`")
            corrected[command.output.start] = as_shown(shown, actual)
    if wrong:
        first, last, block = pasteable(readme, commands, corrected)
        pytest.fail(
            "the README's session differs from a load of seeds/ at: "
            + "; ".join(wrong)
            + f"\nreplace README.md lines {first}-{last} with:\n\n{block}\n",
            pytrace=False,
        )
