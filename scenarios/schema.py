"""The JSON Schema that editors use to complete and check scenario files."""

import json
from pathlib import Path

from scenarios.model import Scenario

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "scenario.schema.json"


def schema_text() -> str:
    schema = Scenario.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "scenario.schema.json",
        "title": "Practicum Scenarios scenario file",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
