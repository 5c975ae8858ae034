"""The domain and the fast subcommands never import Textual.

Checked in a fresh interpreter each time: in this test process other tests
may already have imported Textual, which would hide (or fake) a violation.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Prints the Textual modules loaded, one a line; nothing means none.
REPORT = """
import sys
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("\\n".join(loaded))
"""


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code) + REPORT],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def test_journal_package_and_cli_modules_do_not_import_textual():
    proc = run_python(
        """
        import importlib, pkgutil, sys
        import journal, tui, tui.cli, tui.commands
        names = []
        for package in (journal, tui.commands):
            for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                importlib.import_module(info.name)
                names.append(info.name)
        assert "journal.store" in names and "journal.storage" in names, names
        print("imported", len(names), file=sys.stderr)
        """
    )
    assert proc.stdout.strip() == "", f"Textual was imported: {proc.stdout}"


def test_add_path_and_backups_run_without_textual(tmp_path):
    journal = tmp_path / "journal.json"
    proc = run_python(
        f"""
        import io, sys
        from tui.cli import main
        for argv in (["add", "--who", "Ana", "--when", "yesterday 18:30", "hello"], ["path"], ["backups"],
                     ["add", "--when", "blah", "x"]):
            code = main(["--journal", {str(journal)!r}, *argv], out=io.StringIO(), err=io.StringIO())
            assert code == (2 if "blah" in argv else 0), (argv, code)
        """,
        NETJOURNAL_NOW="2026-11-27T15:00:00+01:00",
    )
    assert proc.stdout.strip() == "", f"Textual was imported: {proc.stdout}"
    assert journal.exists()


def test_app_with_an_unreadable_journal_fails_before_importing_textual(tmp_path):
    journal = tmp_path / "journal.json"
    journal.write_bytes(b"{not json")
    proc = run_python(
        f"""
        import io
        from tui.cli import main
        err = io.StringIO()
        assert main(["--journal", {str(journal)!r}], out=io.StringIO(), err=err) == 2
        assert "not valid JSON" in err.getvalue()
        """
    )
    assert proc.stdout.strip() == "", f"Textual was imported: {proc.stdout}"
    assert journal.read_bytes() == b"{not json"


def test_the_check_itself_sees_textual():
    # Guards against a REPORT that could never find anything.
    proc = run_python("import textual.app")
    assert "textual.app" in proc.stdout.split()
