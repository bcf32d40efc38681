"""The loader: valid files load, and every kind of bad input becomes one clear, placed message."""

import time
from pathlib import Path

import pytest
from malformed import DUPLICATE_OF_LIBRARY, GOOD, MALFORMED, write_malformed

from scenarios import load
from scenarios.load import MAX_FILE_BYTES, MAX_NODES, load_bytes, load_library, parse_yaml
from scenarios.load import library_dir as _library_dir

LIBRARY = _library_dir()


@pytest.fixture(scope="module")
def mixed_library(tmp_path_factory):
    bad = write_malformed(tmp_path_factory.mktemp("bad"))
    return load_library([LIBRARY, bad])


def test_the_example_file_loads_with_its_hash():
    loaded, problems, _ = load_bytes(GOOD.encode(), "gift.yaml")
    assert problems == []
    assert loaded.scenario.id == "gift-from-a-work-trip"
    assert len(loaded.content_hash) == 64


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_each_malformed_file_gets_one_placed_message(mixed_library, name):
    _, line, words = MALFORMED[name]
    problems = [p for p in mixed_library.problems if Path(p.file).name == name]
    assert problems, f"{name} was accepted"
    assert len(problems) == 1, [str(p) for p in problems]
    assert words in problems[0].message
    assert problems[0].line == line, str(problems[0])
    assert str(problems[0]).startswith(f"{problems[0].file}:{line}:")
    assert "Traceback" not in str(problems[0])


def test_bad_files_never_hide_the_good_ones(mixed_library):
    assert set(LIBRARY.glob("*.yaml")) and len(mixed_library.entries) == len(list(LIBRARY.glob("*.yaml")))
    assert mixed_library.entries["gift-from-a-work-trip"].path.endswith("library/gift-from-a-work-trip.yaml")
    assert DUPLICATE_OF_LIBRARY in {Path(f).name for f in mixed_library.problems_by_file()}


def test_a_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    data = f"id: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    _, problems, _ = load_bytes(data, "evil.yaml")
    assert problems and not marker.exists()


def test_an_alias_bomb_is_rejected_at_once():
    data, _, _ = MALFORMED["alias-bomb.yaml"]
    started = time.perf_counter()
    _, problems, _ = load_bytes(data, "bomb.yaml")
    assert problems and "anchors" in problems[0].message
    # Far below a second; the bound is loose so a busy machine cannot make it flaky.
    assert time.perf_counter() - started < 1.0


def test_huge_invalid_input_reports_a_bounded_number_of_problems():
    steps = "\n".join(f"  - id: s{i}\n    prompt: p\n    options: nope" for i in range(3000))
    _, problems, _ = load_bytes(f"id: many\nsteps:\n{steps}\n".encode(), "many.yaml")
    assert 1 <= len(problems) <= 20


def test_missing_field_is_placed_at_its_parent():
    text = GOOD.replace("        feedback: Brief, kind and clear. It keeps the frame without turning a friendly moment into a lecture.\n", "")
    _, problems, _ = load_bytes(text.encode(), "nofeedback.yaml")
    assert [(p.field, p.message) for p in problems] == [("steps[0].options[0].feedback", "required field 'feedback' is missing")]
    assert problems[0].line == 18


@pytest.mark.parametrize(
    "change, field, words",
    [
        (("next: he-insists", "next: offer"), "steps[0].options[0].next", "loop"),
        (("  - id: he-insists", "  - id: offer"), "steps[1].id", "used 2 times"),
        (("id: explain-policy", "id: surprise-me"), "steps[0].options[2].id", "used twice"),
        (("rating: best", "rating: acceptable"), "steps[0].options", "no option is rated 'best'"),
        (("text: Laugh and say, \"Surprise me!\"", "text: 'Smile and say, \"That''s kind of you, Marcus, but I don''t need anything. I hope the trip goes smoothly.\"'"), "steps[0].options[1].text", "same text"),
        (("          relationship:\n            upholds: Warmth", "          relationship:\n            undermines: x\n            upholds: Warmth"), "steps[0].options[0].effects.relationship", "exactly one"),
        (("parts: [for_the_client, relationship]", "parts: [for_the_client, for_the_client]"), "parts", "listed twice"),
        (("parts: [for_the_client, relationship]", "parts: [for_the_client, kindness]"), "parts[1]", "should be one of: professional, personal, relationship, necessary_help, for_the_client"),
    ],
)
def test_cross_checks_name_the_field(change, field, words):
    old, new = change
    assert old in GOOD
    _, problems, _ = load_bytes(GOOD.replace(old, new, 1).encode(), "x.yaml")
    assert any(p.field == field and words in p.message for p in problems), [str(p) for p in problems]


def test_a_dangling_next_lists_each_step_id_once():
    text = GOOD.replace("  - id: he-insists", "  - id: offer", 1).replace("next: he-insists", "next: nowhere", 1)
    _, problems, _ = load_bytes(text.encode(), "x.yaml")
    dangling = next(p.message for p in problems if "no step 'nowhere'" in p.message)
    assert "use one of: offer, or leave" in dangling


def test_unreachable_step_is_reported():
    text = GOOD.replace("        next: he-insists\n", "") + "\n"
    _, problems, _ = load_bytes(text.encode(), "x.yaml")
    assert [p.field for p in problems] == ["steps[1].id"] and "cannot be reached" in problems[0].message


def test_an_option_must_explain_a_part():
    give_in = GOOD.index("      - id: give-in")
    start = GOOD.index("        effects:", give_in)
    end = GOOD.index("        feedback:", start)
    text = GOOD[:start] + "        effects: {}\n" + GOOD[end:]
    _, problems, _ = load_bytes(text.encode(), "x.yaml")
    assert [p.field for p in problems] == ["steps[1].options[1].effects"]
    assert "explain at least one part" in problems[0].message


def test_scalars_resolve_like_yaml_and_positions_are_kept():
    value, marks = parse_yaml("a: 1\nb: [true, null, '2', x]\nc:\n  d: 2024-01-01\n")
    assert value == {"a": 1, "b": [True, None, "2", "x"], "c": {"d": "2024-01-01"}}
    assert marks[("b", 3)] == (2, 22) and marks[("c", "d")] == (4, 3)


def test_a_second_document_is_rejected():
    _, problems, _ = load_bytes(GOOD.encode() + b"---\nid: two\n", "two.yaml")
    assert "one scenario per file" in problems[0].message


def test_a_byte_order_mark_is_accepted():
    loaded, problems, _ = load_bytes(b"\xef\xbb\xbf" + GOOD.encode(), "bom.yaml")
    assert loaded is not None and problems == []


def test_an_unreadable_path_is_reported(tmp_path):
    library = load_library([tmp_path / "missing.yaml"])
    assert library.problems[0].message.startswith("cannot be read")


# Regressions found while fuzzing the loader (tests/test_fuzz_loader.py, docs/fuzzing.md).


def test_a_number_too_long_for_python_is_a_placed_problem():
    _, problems, _ = load_bytes(b"id: x\ntitle: " + b"7" * 5000 + b"\n", "x.yaml")
    assert [(p.line, p.column, p.field) for p in problems] == [(2, 8, "title")]
    assert "5000 characters long" in problems[0].message and "quotes" in problems[0].message


def test_a_control_character_is_placed_on_its_line_in_one_sentence():
    _, problems, _ = load_bytes("id: x\ntitle: café\x01\n".encode(), "x.yaml")
    assert [(p.line, p.column, p.field) for p in problems] == [(2, 12, "file")]
    assert problems[0].message == "character U+0001 cannot be used in YAML; delete it"


def test_equals_and_merge_signs_as_values_are_plain_text():
    value, _ = parse_yaml("title: =\ntags: [<<, =]\n")
    assert value == {"title": "=", "tags": ["<<", "="]}
    text = GOOD.replace("title: A souvenir from the islands", "title: =", 1)
    loaded, problems, _ = load_bytes(text.encode(), "x.yaml")
    assert problems == [] and loaded.scenario.title == "="


def test_a_file_of_countless_tiny_values_is_stopped_early():
    data = b"tags: [" + b"1, " * (MAX_FILE_BYTES // 3 - 10) + b"]\n"
    started = time.perf_counter()
    _, problems, _ = load_bytes(data, "x.yaml")
    assert [p.line for p in problems] == [1] and f"more than {MAX_NODES:,} keys and values" in problems[0].message
    assert time.perf_counter() - started < 0.5  # about 50 ms; over 700 ms before the limit


def test_numbers_read_are_not_kept_by_the_shared_constructor():
    parse_yaml("tags: [1, 2.5, true, null]\n")
    assert not load._constructor.constructed_objects


def test_a_bad_id_is_explained_without_a_regular_expression():
    _, problems, _ = load_bytes(GOOD.replace("id: gift-from-a-work-trip", "id: Gift_From_A_Trip", 1).encode(), "x.yaml")
    assert [p.field for p in problems] == ["id"]
    assert "lower-case letters and digits" in problems[0].message and "^[" not in problems[0].message


@pytest.mark.parametrize(
    "data, field, words",
    [
        (GOOD.replace("tags: [gifts", "x" * 1000 + ": 1\ntags: [gifts", 1).encode(), "x" * 39 + "…", "unknown field 'xxx"),
        (b'"a\\nb": 1\n"a\\nb": 2\n', "a\\nb", "duplicate key 'a\\nb'"),
        (b"id: &" + b"a" * 5000 + b" x\n", "id", "anchors (&aaa"),
    ],
    ids=["long-unknown-key", "key-with-a-line-break", "long-anchor"],
)
def test_an_authors_long_or_odd_text_is_quoted_short_and_on_one_line(data, field, words):
    _, problems, _ = load_bytes(data, "x.yaml")
    problem = next(p for p in problems if p.field == field)
    assert words in problem.message and len(problem.message) < 200 and "\n" not in str(problem)


def test_yaml_messages_that_quote_braces_are_shown_whole():
    """Found by the fuzzer: a message quoting YAML's own '{' was run through str.format and crashed the loader."""
    _, problems, _ = load_bytes(b"{0", "x.yaml")
    assert len(problems) == 1 and "{" in problems[0].message and "}" in problems[0].message
