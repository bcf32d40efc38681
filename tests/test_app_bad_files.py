"""A broken scenario file never takes the app down: trainees get the rest, authors get the reasons."""

import pytest
from apptest_helpers import open_app, start_scenario, texts
from malformed import MALFORMED, write_malformed

from scenarios.load import EXTRA_DIRS_ENV


@pytest.fixture
def broken_library(tmp_path, monkeypatch):
    # The library cache is keyed on the files' signature, so adding a folder is noticed by itself.
    monkeypatch.setenv(EXTRA_DIRS_ENV, str(write_malformed(tmp_path / "authors")))
    yield


def test_practice_still_works_and_names_the_broken_files(broken_library):
    at = open_app("views/pages/practice.py")
    assert not at.exception
    assert f"{len(MALFORMED)} scenario files could not be loaded" in texts(at)
    at = start_scenario(at, "gift-from-a-work-trip")
    assert at.title[0].value == "A souvenir from the islands"


def test_scenario_files_page_lists_each_problem_with_its_line(broken_library):
    at = open_app("views/pages/scenario_files.py")
    assert not at.exception
    shown = "\n".join(block.value for block in at.code)
    for name, (_, line, words) in MALFORMED.items():
        assert f"{name}:{line}:" in shown and words in shown, name
    assert "Traceback" not in shown


def test_the_files_page_never_shows_the_servers_folders(broken_library, tmp_path):
    """Anyone may open this page: it names a file by its folder's role and its name, not by a server path."""
    at = open_app("views/pages/scenario_files.py")
    table = at.dataframe[0].value
    everything = texts(at) + "\n".join(block.value for block in at.code) + table.to_csv()
    assert str(tmp_path) not in everything and "/scenarios/" not in everything
    assert f"extra/{next(iter(MALFORMED))}" in everything
    assert set(table["file"].str.split("/").str[0]) <= {"built-in", "authored", "extra"}
