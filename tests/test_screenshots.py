"""The README's pictures exist, and the script that makes them still runs and matches them."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_screenshot_the_readme_references_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    referenced = set(re.findall(r"\(?(screenshots/[\w.-]+\.svg)\)?", readme))
    assert {"screenshots/agenda.svg", "screenshots/timeline.svg", "screenshots/review.svg"} <= referenced
    missing = sorted(path for path in referenced if not (ROOT / path).is_file())
    assert missing == []


PICTURES = ["agenda.svg", "encounter.svg", "group.svg", "opinion.svg", "people.svg", "profile.svg", "quick-add.svg",
            "reach.svg", "review.svg", "timeline.svg", "visibility.svg"]


# One language per test, so that two test workers take them at once. `make
# screenshots` runs the script without --lang: both languages, the pt-BR app's
# pictures (of the Brazilian demo, for README.pt-BR.md, issue 19) in screenshots/pt-BR.
@pytest.mark.parametrize(("language", "folder"), [("en", ""), ("pt-BR", "pt-BR")])
def test_the_script_runs_and_gives_the_committed_pictures(tmp_path, language, folder):
    """Regenerate with `make screenshots` when the interface changes."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.screenshots", "--lang", language, "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in tmp_path.glob("*.svg"))
    assert made == PICTURES
    committed_folder = ROOT / "screenshots" / folder
    for name in made:
        picture = (tmp_path / name).read_text(encoding="utf-8")
        assert picture == (committed_folder / name).read_text(encoding="utf-8"), f"{committed_folder / name} is out of date"


def test_every_screenshot_the_portuguese_readme_references_exists():
    readme = (ROOT / "README.pt-BR.md").read_text(encoding="utf-8")
    referenced = set(re.findall(r"\(?(screenshots/pt-BR/[\w.-]+\.svg)\)?", readme))
    assert {"screenshots/pt-BR/agenda.svg", "screenshots/pt-BR/timeline.svg", "screenshots/pt-BR/review.svg"} <= referenced
    assert sorted(path for path in referenced if not (ROOT / path).is_file()) == []
    # Linked from the first lines of the English README.
    assert "README.pt-BR.md" in "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:5])
