"""The built-in library: every file valid, editor-ready, in its own words, and covering the definition."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scenarios.coverage import MIN_PER_CELL, measure
from scenarios.load import LIBRARY_DIR, load_library
from scenarios.parts import DEFINITION

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "source" / "000_4c1a2afba893f0c7.txt"
FILES = sorted(LIBRARY_DIR.glob("*.yaml"))
SCHEMA_LINE = "# yaml-language-server: $schema=../../scenario.schema.json"
LIBRARY = load_library([LIBRARY_DIR])


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def test_every_file_is_valid():
    assert LIBRARY.problems == [], "\n".join(map(str, LIBRARY.problems))
    assert len(LIBRARY.entries) == len(FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_starts_with_the_schema_line_and_is_named_after_its_id(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    assert LIBRARY.get(path.stem) is not None, f"{path.name}: the id inside should be {path.stem}"


def test_coverage_meets_every_target():
    coverage = measure(LIBRARY.scenarios)
    assert coverage.shortfalls() == []
    assert min(coverage.cells.values()) >= MIN_PER_CELL


def test_coverage_command_prints_the_matrix_and_passes():
    env = {k: v for k, v in os.environ.items() if k != "PRACTICUM_LIBRARY_DIR"}  # the real library, not the tests' frozen copy
    result = subprocess.run([sys.executable, "-m", "scenarios", "coverage"], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stdout
    for label in ("professional", "for_the_client", "intro", "advanced", "decision steps", "branching", "knowledge items", "best option is the longest", "median length", "position of the best option"):
        assert label in result.stdout


def test_coverage_command_fails_when_a_cell_is_short(tmp_path):
    (tmp_path / "one.yaml").write_bytes((LIBRARY_DIR / "gift-from-a-work-trip.yaml").read_bytes())
    result = subprocess.run([sys.executable, "-m", "scenarios", "coverage", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "under target" in result.stdout


def test_nothing_is_copied_from_the_article_but_its_definition():
    """No run of eight words from the article appears in any scenario, except the quoted definition."""
    if not ARTICLE.exists():
        # The article lives beside the repository (shared/), not in it. CI always has it, so
        # there a missing article is a failure; a bare clone elsewhere skips with the reason.
        assert not os.environ.get("CI"), f"source article missing at {ARTICLE}"
        pytest.skip(f"source article not found at {ARTICLE} (it lives in ../shared/source beside the repository)")
    article = words(ARTICLE.read_text(encoding="utf-8"))
    allowed = " ".join(words(DEFINITION))
    shingles = {" ".join(article[i : i + 8]) for i in range(len(article) - 7)}
    shingles = {s for s in shingles if s not in allowed}
    for path in FILES:
        text = " ".join(words(path.read_text(encoding="utf-8")))
        copied = [s for s in shingles if s in text]
        assert not copied, f"{path.name} copies the article: {copied[:3]}"


def test_item_writing_lint_passes_on_the_library():
    """No option gives itself away: every limit of `python -m scenarios lint` holds library-wide, with no errors."""
    from scenarios.lint import lint

    report = lint(LIBRARY.scenarios)
    assert report.errors == [], "\n".join(map(str, report.errors[:10]))
    assert report.library_failures() == []
    print("\n" + report.summary())


def test_practice_canon_doc_is_current():
    from scenarios.canon_doc import canon_markdown

    committed = (ROOT / "docs" / "practice-canon.md").read_text(encoding="utf-8")
    assert committed == canon_markdown(LIBRARY.scenarios), "run: python -m scenarios canon > docs/practice-canon.md"
