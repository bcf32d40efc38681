import os
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# Tests never touch a real database: the app under test (AppTest, in this process) gets a
# throwaway SQLite file, whatever PRACTICUM_DATABASE_URL the shell has.
_TEST_DB_DIR = tempfile.mkdtemp(prefix="practicum-tests-")
os.environ["PRACTICUM_DATABASE_URL"] = f"sqlite:///{_TEST_DB_DIR}/app.db"
os.environ["PRACTICUM_AUTHOR_DIR"] = f"{_TEST_DB_DIR}/authored"
# The app under test serves a frozen copy of the library, so rewriting a scenario's content never
# breaks a test of the app; tests/test_library.py and the lint test check the real library.
os.environ["PRACTICUM_LIBRARY_DIR"] = str(ROOT / "tests" / "fixtures" / "library")


def _follow_the_page_a_run_ends_on() -> None:
    """AppTest keeps asking for the page an explicit at.switch_page() named, even after the script itself
    moved on with st.switch_page (My assignments -> Assignment). A browser stays where the run ended: so
    does AppTest here, after each run."""
    from streamlit.testing.v1 import AppTest

    original = AppTest._run

    def run_then_stay(self, *args, **kwargs):
        finished = original(self, *args, **kwargs)
        self._page_hash = ""
        return finished

    AppTest._run = run_then_stay


_follow_the_page_a_run_ends_on()


@pytest.fixture(autouse=True)
def no_assessment_left_open():
    """Guests never see the scenarios of an open assessment, and every AppTest shares one database:
    so each test closes the assessments it opened, and a later guest sees the whole library."""
    yield
    path = _TEST_DB_DIR + "/app.db"
    if not os.path.exists(path):
        return
    with sqlite3.connect(path) as db:
        migrated = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'assignments'").fetchone()
        if migrated:  # before any AppTest opened the database it has no tables, and nothing to close
            db.execute("UPDATE assignments SET due_at = '2000-01-01 00:00:00' WHERE mode = 'assessment'")


@pytest.fixture
def media(monkeypatch):
    """The media file managers of AppTest's runs, so a download can be fetched as the browser would."""
    import streamlit.testing.v1.app_test as app_test_module
    from streamlit.runtime.media_file_manager import MediaFileManager

    made = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return made
