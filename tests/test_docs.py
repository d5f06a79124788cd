"""Every command has help text with an example; the README documents every command and view."""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.main import get_command

from tracker.cli import app

from locations import REPO


def _commands() -> list[tuple[str, Any]]:
    root = get_command(app)
    found = []

    def walk(prefix: str, command: Any) -> None:
        if hasattr(command, "commands"):  # a group (typer vendors its own click)
            for name, sub in command.commands.items():
                walk(f"{prefix} {name}".strip(), sub)
        else:
            found.append((prefix, command))

    walk("", root)
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_has_help_with_an_example(name: str, command: Any) -> None:
    assert command.help, f"`tracker {name}` has no help"
    assert "Example: tracker" in command.help, f"`tracker {name}` has no example"


def test_readme_names_every_command_and_view() -> None:
    readme = (REPO / "README.md").read_text()
    for name, _ in _commands():
        assert f"tracker {name.split()[0]}" in readme, name
    migrations = "".join(p.read_text() for p in (REPO / "migrations" / "versions").glob("*.py"))
    for view in set(re.findall(r"CREATE VIEW (\w+)", migrations)):
        assert f"`{view}`" in readme, view
