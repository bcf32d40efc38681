"""A populated app for the trust tests: two supervisors, two cohorts, three trainees, and hostile text
in every place where a scenario author, a roster or a supervisor can put words on someone's screen."""

import base64
from dataclasses import dataclass
from pathlib import Path

import yaml

from records.assignments import create_assignment
from records.cohorts import add_members, create_cohort
from records.roster import check_row
from records.supervisors import add_supervisor

PASSWORD = "correct horse battery"
LONG_WORD = "Unbroken" * 250  # 2,000 characters without a space: must wrap, not widen the page
ENCODED_PAGE = base64.b64encode(b"<script>alert('data-url')</script>").decode()
PAYLOADS = {
    "script": "<script>alert('script-tag')</script>",
    "img": "<img src=x onerror=alert('img-onerror')>",
    "javascript_link": "[open me](javascript:alert('js-link'))",
    "raw_javascript_link": "<a href=\"javascript:alert('a-tag')\">click</a>",
    "data_link": f"[see this](data:text/html;base64,{ENCODED_PAGE})",
    "outside_image": "![pixel](https://tracker.example/pixel.png)",
}
ALL_PAYLOADS = " ".join(PAYLOADS.values())
HOSTILE_SCENARIO_ID = "hostile-text-check"
HOSTILE_TITLE = "<script>alert('title')</script> ![t](https://tracker.example/t.png)"
HOSTILE_COHORT = "<img src=x onerror=alert('cohort')> [c](javascript:alert('cohort'))"
HOSTILE_ASSIGNMENT = "<script>alert('assignment')</script> [a](data:text/html;base64,PHA+)"
HOSTILE_TRAINEE = "<img src=x onerror=alert('name')> Rosa [r](javascript:alert(1))"
LONG_TRAINEE = "Maximiliana-" + "Wolfeschlegelsteinhausen" * 7  # 180 characters, one word


def _effect(verdict: str, text: str) -> dict:
    return {"relationship": {verdict: text}}


def hostile_scenario() -> dict:
    """A valid scenario whose every text field carries markup that must be shown, not run."""
    return {
        "id": HOSTILE_SCENARIO_ID,
        "title": HOSTILE_TITLE,
        "difficulty": "intro",
        "parts": ["relationship"],
        "tags": ["hostile-text"],
        "source": "original",
        "venue": "other",
        "setting": f"{ALL_PAYLOADS} {LONG_WORD[:1600]}",
        "steps": [
            {
                "id": "first",
                "prompt": f"{PAYLOADS['img']} {PAYLOADS['outside_image']} What do you say?",
                "options": [
                    {
                        "id": "best-one",
                        "text": f"Best {PAYLOADS['javascript_link']} {PAYLOADS['script']}",
                        "rating": "best",
                        "effects": _effect("upholds", f"{PAYLOADS['raw_javascript_link']} {PAYLOADS['outside_image']}"),
                        "feedback": f"{PAYLOADS['data_link']} {PAYLOADS['img']}",
                    },
                    {
                        "id": "poor-one",
                        "text": f"Poor {PAYLOADS['data_link']} {PAYLOADS['raw_javascript_link']}",
                        "rating": "poor",
                        "effects": _effect("undermines", f"{PAYLOADS['script']} {LONG_WORD[:300]}"),
                        "feedback": f"{PAYLOADS['outside_image']} {PAYLOADS['javascript_link']}",
                    },
                ],
            }
        ],
        "reflection": f"Reflect: {PAYLOADS['script']} {PAYLOADS['outside_image']}",
    }


@dataclass
class World:
    database_url: str
    scenario_dir: Path
    sup_a: str
    sup_b: str
    hostile_token: str
    long_token: str
    ben_token: str

    @property
    def server_env(self) -> dict[str, str]:
        return {"PRACTICUM_EXTRA_SCENARIOS": str(self.scenario_dir)}


def build_world(engine, folder: Path) -> World:
    scenario_dir = folder / "extra-scenarios"
    scenario_dir.mkdir()
    (scenario_dir / f"{HOSTILE_SCENARIO_ID}.yaml").write_text(yaml.safe_dump(hostile_scenario(), sort_keys=False, width=10_000), encoding="utf-8")
    alpha = add_supervisor(engine, "Dr. Alpha", "alpha@example.edu", PASSWORD)
    beta = add_supervisor(engine, "Dr. Beta", "beta@example.edu", PASSWORD)
    cohort_a = create_cohort(engine, alpha.id, HOSTILE_COHORT)
    cohort_b = create_cohort(engine, beta.id, "Cohort Beta")
    (_, hostile_token), (_, long_token) = add_members(engine, alpha.id, cohort_a.id, [
        check_row(1, HOSTILE_TRAINEE, "rosa@alpha.edu", "A1", set()),
        check_row(2, LONG_TRAINEE, "max@alpha.edu", "A2", set()),
    ])
    ((_, ben_token),) = add_members(engine, beta.id, cohort_b.id, [check_row(1, "Ben Betason", "ben@beta.edu", "B1", set())])
    create_assignment(engine, alpha.id, cohort_a.id, title=HOSTILE_ASSIGNMENT, scenario_ids=[HOSTILE_SCENARIO_ID],
                      mode="practice", attempts_allowed=None, reflection_required=True)
    create_assignment(engine, beta.id, cohort_b.id, title="Beta practice", scenario_ids=["do-you-have-kids"])
    return World(engine.url.render_as_string(hide_password=False), scenario_dir, "alpha@example.edu", "beta@example.edu",
                 hostile_token, long_token, ben_token)
