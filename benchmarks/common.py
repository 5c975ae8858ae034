"""What both harnesses share: the demo journals, the frozen clock, the children's environment."""
from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-27T15:00:00+01:00"  # a Friday: the week under review has five days of encounters
SEED = 7
TTY_SIZE = (30, 100)  # rows, columns


def size_label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def parse_sizes(text: str) -> list[int]:
    """"1000,10000" -> [1000, 10000]; ValueError on anything else."""
    sizes = sorted({int(s.replace("_", "")) for s in text.split(",") if s.strip()})
    if not sizes or min(sizes) < 1:
        raise ValueError(text)
    return sizes


def child_env(pycache: Path | None, **extra: str) -> dict[str, str]:
    """The environment of a measured child: the frozen clock, cached .pyc files, a terminal."""
    env = dict(os.environ)
    env["NETJOURNAL_NOW"] = NOW
    # The default settings (a file that does not exist), whatever the user's own.
    env["NETJOURNAL_SETTINGS"] = str(Path(__file__).resolve().parent / "no-such-folder" / "settings.toml")
    # An installed netjournal runs from .pyc files. With PYTHONDONTWRITEBYTECODE
    # set (as in some dev shells) every child would compile the project's
    # sources again, about 100 ms of app start; a private cache, filled by
    # each measurement's warm-up, avoids that without writing into the repo.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pycache is not None:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.setdefault("TERM", "xterm-256color")
    # The project itself, wherever the harness runs from (a worktree shadows an editable install).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def demo_journal(workdir: Path, size: int) -> Path:
    """The demo journal of `size` encounters in `workdir`, built once per run."""
    from journal.demo import build_demo

    path = workdir / f"demo-{size}" / "journal.json"
    if not path.exists():
        build_demo(path, encounters=size, seed=SEED, now=datetime.fromisoformat(NOW), force=True, verify=False)
    return path


def copy_journal(journal: Path, folder: Path) -> Path:
    """A fresh copy of the journal in `folder` (its backups/ and lock removed), so a save never changes the original."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    target = folder / "journal.json"
    shutil.copyfile(journal, target)
    return target


def python() -> str:
    return sys.executable
