"""Check benchmarks/text-judge/devset.jsonl: every line parses, keys and values are allowed, and every
(scenario, step) is a scenario's step in the library. Run from the repository root:

    python benchmarks/text-judge/check_devset.py
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scenarios.load import load_library  # noqa: E402
from scenarios.parts import PART_KEYS  # noqa: E402

DEVSET = Path(__file__).resolve().parent / "devset.jsonl"
REQUIRED = {"scenario", "step", "text", "rating", "parts"}
OPTIONAL = {"language", "kind"}
RATINGS = {"best", "acceptable", "poor", "harmful"}
MARKS = {"upholds", "undermines", "not at stake"}
KINDS = {"strong", "half", "poor", "harmful", "keywords", "off-topic", "typos", "short", "other-language"}
LANGUAGES = {"es", "de", "fr", "pt"}


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def check(path: Path = DEVSET) -> list[str]:
    errors: list[str] = []
    library = load_library()
    if library.problems:
        errors.append(f"library has {len(library.problems)} problem(s)")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"{where}: not JSON ({error})")
            continue
        if not isinstance(row, dict):
            errors.append(f"{where}: not an object")
            continue
        keys = set(row)
        if not REQUIRED <= keys or not keys <= REQUIRED | OPTIONAL:
            errors.append(f"{where}: keys {sorted(keys)}")
            continue
        if not isinstance(row["text"], str) or not row["text"].strip():
            errors.append(f"{where}: empty text")
        if row["rating"] not in RATINGS:
            errors.append(f"{where}: rating {row['rating']!r}")
        parts = row["parts"]
        if not isinstance(parts, dict) or set(parts) != set(PART_KEYS):
            errors.append(f"{where}: parts keys {sorted(parts) if isinstance(parts, dict) else parts!r}")
        elif any(value not in MARKS for value in parts.values()):
            errors.append(f"{where}: parts values {sorted(set(parts.values()))}")
        else:
            values = set(parts.values())
            if row["rating"] == "harmful" and "undermines" not in values:
                errors.append(f"{where}: harmful but undermines no part")
            if row["rating"] == "best" and ("upholds" not in values or "undermines" in values):
                errors.append(f"{where}: best must uphold a part and undermine none")
        if "kind" in row and row["kind"] not in KINDS:
            errors.append(f"{where}: kind {row['kind']!r}")
        if ("language" in row) != (row.get("kind") == "other-language"):
            errors.append(f"{where}: language goes with kind other-language")
        if "language" in row and row["language"] not in LANGUAGES:
            errors.append(f"{where}: language {row['language']!r}")
        if row.get("kind") == "keywords" and (row["rating"] != "poor" or set(parts.values()) != {"not at stake"}):
            errors.append(f"{where}: a keyword-stuffed response is poor with every part not at stake")
        scenario = library.get(row["scenario"])
        if scenario is None:
            errors.append(f"{where}: no scenario {row['scenario']!r}")
            continue
        steps = {step.id: step for step in scenario.steps}
        step = steps.get(row["step"])
        if step is None:
            errors.append(f"{where}: {row['scenario']} has no step {row['step']!r}")
            continue
        for option in step.options:
            mine = words(row["text"])
            if len(mine) >= 6 and len(mine & words(option.text)) / len(mine) >= 0.8:
                errors.append(f"{where}: shares 80 % of its words with option {option.id}")
        rows.append(row)
    texts = Counter(row["text"] for row in rows)
    errors += [f"duplicate text: {text[:60]!r}" for text, count in texts.items() if count > 1]
    print(f"{len(rows)} rows, {len({(r['scenario'], r['step']) for r in rows})} steps")
    print("by rating:", dict(sorted(Counter(r["rating"] for r in rows).items())))
    print("by kind:  ", dict(sorted(Counter(r.get("kind", "-") for r in rows).items())))
    print("languages:", dict(sorted(Counter(r["language"] for r in rows if "language" in r).items())))
    return errors


if __name__ == "__main__":
    problems = check()
    for problem in problems:
        print("ERROR", problem)
    print("OK" if not problems else f"{len(problems)} error(s)")
    sys.exit(1 if problems else 0)
