"""jrnl 4.6 as the storage benchmark's comparison for `netjournal add` (issue 13).

jrnl keeps a journal as one plain-text file and rewrites it whole (to a temp
file renamed over it, without fsync) when an entry is added. Its journal is
built here from the same demo encounters, in jrnl's own format: one entry per
encounter, "[YYYY-MM-DD HH:MM] title" then the body and a blank line.
It runs with a config file of its own in a temp folder (XDG_CONFIG_HOME and
--config-file): encryption off, no editor, no colours.

jrnl pins python-dateutil<3 and rich 15.0.x, which would replace
netjournal's own in the project's virtualenv and change what is measured; so
`make bench` installs it into a virtualenv of its own (.venv-jrnl, see the
Makefile). NETJOURNAL_BENCH_JRNL names another jrnl executable.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import ROOT

WANTED = "4.6"
CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '{tagsymbols}'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v{version}
"""


def find() -> tuple[Path | None, str]:
    """The jrnl executable and its version, or None and why not."""
    candidates = [os.environ.get("NETJOURNAL_BENCH_JRNL"), ROOT / ".venv-jrnl" / "bin" / "jrnl", shutil.which("jrnl")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            path = Path(candidate)
            try:
                out = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=60)
            except (OSError, subprocess.TimeoutExpired) as exc:
                return None, f"{path} --version failed: {exc}"
            first = (out.stdout or out.stderr).strip().splitlines()[:1]
            version = first[0].removeprefix("jrnl").strip().lstrip("v") if first else "?"
            if not version.startswith(WANTED):
                return None, f"{path} is jrnl {version}, not {WANTED}"
            return path, version
    return None, "jrnl is not installed (make bench installs it into .venv-jrnl; NETJOURNAL_BENCH_JRNL names another)"


@dataclass
class Jrnl:
    executable: Path
    folder: Path
    # jrnl's default; "@" alone leaves the notes' #topics as plain words (see benchmarks/run.py's note).
    tagsymbols: str = "#@"

    @property
    def journal(self) -> Path:
        return self.folder / "journal.txt"

    @property
    def config(self) -> Path:
        return self.folder / "config" / "jrnl.yaml"

    def build(self, encounters, names_of) -> int:
        """Write the plain-text journal of `encounters` (oldest first) and the config; its size in bytes."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.config.parent.mkdir(parents=True, exist_ok=True)
        parts = []
        for encounter in sorted(encounters, key=lambda e: e.when):
            who = ", ".join(names_of(encounter.people)) or "someone"
            where = f" at {encounter.place}" if encounter.place else ""
            body = [encounter.notes]
            for label, text in (("Learned", encounter.learned), ("Gave", encounter.gave), ("Asked", encounter.asked)):
                if text:
                    body.append(f"{label}: {text}")
            if encounter.follow_up and encounter.follow_up.text:
                due = f" (due {encounter.follow_up.due})" if encounter.follow_up.due else ""
                body.append(f"Follow-up: {encounter.follow_up.text}{due}")
            parts.append(f"[{encounter.when:%Y-%m-%d %H:%M}] Talked with {who}{where}.\n" + "\n".join(body) + "\n\n")
        text = "".join(parts)
        self.journal.write_text(text, encoding="utf-8")
        self.config.write_text(CONFIG.format(journal=self.journal, version=WANTED, tagsymbols=self.tagsymbols), encoding="utf-8")
        return len(text.encode())

    def command(self, text: str) -> list[str]:
        return [str(self.executable), "--config-file", str(self.config), text]

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base)
        env["XDG_CONFIG_HOME"] = str(self.folder / "config")
        env["XDG_DATA_HOME"] = str(self.folder / "data")
        env["NO_COLOR"] = "1"
        env.pop("PYTHONPATH", None)  # its own virtualenv, nothing of ours
        env.pop("PYTHONPYCACHEPREFIX", None)
        return env
