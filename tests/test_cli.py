"""python -m scenarios: the author's command line, run as an author would run it."""

import json
import subprocess
import sys
from pathlib import Path

from malformed import MALFORMED, write_malformed

from scenarios.schema import SCHEMA_PATH, schema_text

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scenarios", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_check_passes_on_the_library():
    result = run("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "valid scenario(s), 0 file(s) with problems" in result.stderr


def test_check_fails_with_one_line_per_malformed_file(tmp_path):
    folder = write_malformed(tmp_path / "bad")
    result = run("check", "scenarios/library", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(MALFORMED)
    for line in lines:
        file, line_no, column, field, message = line.split(":", 4)
        assert Path(file).name in MALFORMED and line_no.isdigit() and column.isdigit()
        assert field and message.strip()
    assert "Traceback" not in result.stdout + result.stderr


def test_check_accepts_single_files_and_reports_bad_usage(tmp_path):
    good = ROOT / "scenarios" / "library" / "gift-from-a-work-trip.yaml"
    assert run("check", str(good)).returncode == 0
    missing = run("check", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    assert run("frobnicate").returncode == 2


def test_committed_schema_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "scenario.schema.json is stale: run `python -m scenarios schema > scenario.schema.json`"
    )


def test_schema_command_prints_the_schema_editors_use():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert result.returncode == 0
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"id", "title", "difficulty", "parts", "source", "setting", "steps"}
    option = schema["$defs"]["Option"]
    assert option["additionalProperties"] is False
    assert set(option["properties"]["rating"]["enum"]) == {"best", "acceptable", "poor", "harmful"}
