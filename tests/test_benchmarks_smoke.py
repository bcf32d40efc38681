"""The benchmark suite in miniature, so it cannot rot: every figure runs on tiny data. No timing is asserted."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_benchmark_suite_runs_end_to_end(tmp_path):
    result = subprocess.run([sys.executable, "benchmarks/run.py", "--smoke"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    table = result.stdout
    for figure in ("1. Load and validate", "2. AppTest rerun", "4a. Save one answer, SQLite", "5a. Dashboard", "7. Python heap per idle session"):
        assert figure in table, figure
    assert "| figure | measured | floor or peer | target | verdict |" in table
    assert "Traceback" not in result.stdout


@pytest.mark.slow
def test_the_text_judge_benchmark_runs_end_to_end():
    result = subprocess.run([sys.executable, "benchmarks/text_judge.py", "--smoke"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "One judgement" in result.stdout and "quadratic-weighted" in result.stdout
