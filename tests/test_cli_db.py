"""`tracker db ...` and `alembic upgrade head` from the repository root."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tracker.cli import app
from tracker.store import migrate

from locations import REPO

runner = CliRunner()


def test_db_current_on_a_new_database_names_it_and_says_empty(db_url: str) -> None:
    result = runner.invoke(app, ["db", "current", "--db", db_url])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("database: ")
    assert lines[1] == "revision: none (empty database; created on first use or by `tracker db upgrade`)"


def test_db_upgrade_then_current_says_head(db_url: str) -> None:
    result = runner.invoke(app, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["db", "current", "--db", db_url])
    assert result.stdout.splitlines()[1] == f"revision: {migrate.head_revision()} (head)"
    history = runner.invoke(app, ["db", "history", "--db", db_url])
    assert history.stdout.splitlines()[-1].startswith(f"* {migrate.head_revision()} (head)")


def test_db_downgrade_to_base_and_back(db_url: str) -> None:
    assert runner.invoke(app, ["db", "upgrade", "--db", db_url]).exit_code == 0
    result = runner.invoke(app, ["db", "downgrade", "base", "--db", db_url])
    assert result.exit_code == 0, result.output
    current = runner.invoke(app, ["db", "current", "--db", db_url])
    assert current.stdout.splitlines()[1].startswith("revision: none")


def test_db_downgrade_unknown_revision_is_one_clean_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", "downgrade", "nosuchrev", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.stderr == "error: unknown revision 'nosuchrev' (see `tracker db history`)\n"


def test_tracker_db_plain_path_means_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "my.db"
    result = runner.invoke(app, ["db", "current", "--db", str(path)])
    assert result.stdout.splitlines()[0] == f"database: sqlite:///{path}"


def test_tracker_db_env_var_selects_the_database(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    result = runner.invoke(app, ["db", "current"], env={"TRACKER_DB": str(path)})
    assert result.stdout.splitlines()[0] == f"database: sqlite:///{path}"


def test_default_database_lives_under_xdg_data_home(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "db", "current"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines()[0] == f"database: sqlite:///{tmp_path / 'tracker' / 'tracker.db'}"


def test_alembic_upgrade_head_from_the_repository_root(tmp_path: Path) -> None:
    path = tmp_path / "alembic.db"
    env = dict(os.environ, TRACKER_DB=str(path))
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"], cwd=REPO, env=env, check=True, capture_output=True
    )
    result = runner.invoke(app, ["db", "current", "--db", str(path)])
    assert result.stdout.splitlines()[1] == f"revision: {migrate.head_revision()} (head)"


def test_db_commands_work_from_another_directory(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.db"
    env = dict(os.environ, TRACKER_DB=str(path))
    subprocess.run(
        [sys.executable, "-m", "tracker", "db", "upgrade"], cwd=tmp_path, env=env, check=True, capture_output=True
    )
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "db", "current"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert out.splitlines()[1] == f"revision: {migrate.head_revision()} (head)"


def test_migration_scripts_ship_with_the_installed_package() -> None:
    import tracker

    package = Path(tracker.__file__).resolve().parent
    found = migrate.migrations_dir()
    if "site-packages" in str(package):  # a normal (non-editable) install, as in CI
        assert found == package / "migrations"
    else:  # a source checkout
        assert found == REPO / "migrations"
    assert (found / "env.py").is_file()
    assert any((found / "versions").glob("*.py"))
