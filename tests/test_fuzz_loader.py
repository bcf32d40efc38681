"""Fuzzing the scenario loader: random YAML and mutated library files must never crash it.

Every case ends as a valid scenario or as clear problems placed in the file, within a second.
The normal run tries a few hundred cases with a fixed seed; the full run (docs/fuzzing.md) sets
the total and draws fresh random cases:

    PRACTICUM_FUZZ_CASES=10000 python -m pytest tests/test_fuzz_loader.py
"""

import copy
import hashlib
import os
import re
import time
from dataclasses import dataclass, field

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenarios.load import LIBRARY_DIR as LIBRARY
from scenarios.load import load_bytes
from scenarios.model import DIFFICULTIES, RATINGS, Effect, Option, Scenario, Step
from scenarios.parts import PART_KEYS

CASES_ENV = "PRACTICUM_FUZZ_CASES"
FULL_RUN = bool(os.environ.get(CASES_ENV))
TOTAL_CASES = int(os.environ.get(CASES_ENV) or 400)
SLOW_CASE_SECONDS = 1.0
FILE = "fuzz.yaml"

LIBRARY_FILES = {path.name: path.read_bytes() for path in sorted(LIBRARY.glob("*.yaml"))}
LIBRARY_TREES = {name: yaml.safe_load(data) for name, data in LIBRARY_FILES.items()}
RANDOM_CASES = TOTAL_CASES // 2
CASES_PER_FILE = -(-(TOTAL_CASES - RANDOM_CASES) // len(LIBRARY_FILES))

fuzz_settings = settings(
    max_examples=RANDOM_CASES,
    deadline=SLOW_CASE_SECONDS * 1000,
    derandomize=not FULL_RUN,  # CI sees the same cases every run; the full run explores
    database=None,  # no example database; .hypothesis/ keeps only a self-ignoring cache
    suppress_health_check=list(HealthCheck),
)


@dataclass
class Figures:
    cases: dict[str, int] = field(default_factory=lambda: {"random YAML": 0, "mutations": 0})
    files_mutated: set[str] = field(default_factory=set)
    uncaught: int = 0
    valid: int = 0
    invalid: int = 0
    slowest: float = 0.0
    slowest_case: str = ""
    seconds: float = 0.0

    def summary(self) -> str:
        total = sum(self.cases.values())
        return (
            f"fuzz: {total} cases (random YAML {self.cases['random YAML']}, mutations {self.cases['mutations']}"
            f" of {len(self.files_mutated)}/{len(LIBRARY_FILES)} library files): {self.uncaught} uncaught,"
            f" {self.valid} valid, {self.invalid} clear errors, slowest {self.slowest * 1000:.0f} ms ({self.slowest_case}),"
            f" wall {self.seconds:.0f} s"
        )


FIGURES = Figures()


class _SummaryPlugin:
    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.write_sep("-", "scenario loader fuzzing")
        terminalreporter.write_line(FIGURES.summary())


@pytest.fixture(scope="module", autouse=True)
def print_figures(request):
    """Show the figures in every pytest run's closing summary, with or without -s."""
    request.config.pluginmanager.register(_SummaryPlugin(), "fuzz-loader-figures")
    started = time.perf_counter()
    yield
    FIGURES.seconds = time.perf_counter() - started


# --- the oracle ----------------------------------------------------------------------------

# Signs that a message is a leaked exception or internal detail rather than a sentence for authors.
UNCLEAR = re.compile(r"Traceback|tag:yaml\.org|\"<[a-z ]+>\"|object at 0x|\b[A-Z]\w*(Error|Exception)\b|\bposition \d|pattern '")
LONGEST_MESSAGE = 1000
LONGEST_FIELD = 400


def load_and_check(data: bytes, kind: str) -> bool:
    """Load one case and check the oracle. Returns whether the case loaded as valid."""
    FIGURES.cases[kind] += 1
    started = time.perf_counter()
    try:
        loaded, problems, _ = load_bytes(data, FILE)
    except Exception:
        FIGURES.uncaught += 1
        raise
    elapsed = time.perf_counter() - started
    if elapsed > FIGURES.slowest:
        FIGURES.slowest, FIGURES.slowest_case = elapsed, f"{kind}, {len(data):,} bytes"
    assert elapsed < SLOW_CASE_SECONDS, f"took {elapsed:.2f} s"
    if loaded is not None:
        FIGURES.valid += 1
        assert problems == []
        assert loaded.content_hash == hashlib.sha256(data).hexdigest()
        return True
    FIGURES.invalid += 1
    assert problems, "rejected without a reason"
    last_line = len(data.decode("utf-8", "replace").splitlines()) + 1
    for problem in problems:
        shown = str(problem)
        assert problem.file == FILE, shown
        assert 1 <= problem.line <= last_line and problem.column >= 1, shown
        assert problem.field and len(problem.field) <= LONGEST_FIELD and problem.field.isprintable(), shown
        assert problem.message.strip() and len(problem.message) <= LONGEST_MESSAGE and problem.message.isprintable(), shown
        assert not UNCLEAR.search(problem.message), shown
    return False


# --- random YAML ---------------------------------------------------------------------------

FIELD_NAMES = sorted({*Scenario.model_fields, *Step.model_fields, *Option.model_fields, *Effect.model_fields, *PART_KEYS, "effects"})
WORDS = [*FIELD_NAMES, *RATINGS, *DIFFICULTIES, "article", "original", "moment", "knowledge", "he-insists", "offer"]

odd_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
keys = st.sampled_from(FIELD_NAMES) | odd_text
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**300), max_value=10**300),
    st.floats(),
    st.sampled_from(WORDS),
    odd_text,
)
trees = st.recursive(scalars, lambda inner: st.lists(inner, max_size=6) | st.dictionaries(keys, inner, max_size=8), max_leaves=60)


dump_styles = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, None, True]),
        "allow_unicode": st.booleans(),
        "width": st.sampled_from([80, 12, 10**6]),
        "explicit_start": st.booleans(),
        "canonical": st.sampled_from([False] * 5 + [True]),  # canonical style tags every node
    }
)


@st.composite
def dumped(draw, values=trees) -> str:
    """A value written by PyYAML in one of its styles."""
    return yaml.safe_dump(draw(values), sort_keys=False, **draw(dump_styles))


@st.composite
def deep_nesting(draw) -> str:
    depth = draw(st.integers(1, 60))
    value: object = draw(scalars)
    for _ in range(depth):
        value = [value] if draw(st.booleans()) else {draw(keys): value}
    return draw(dumped(st.just(value)))


FRAGMENTS = [
    "a: &a [1, 2]", "b: *a", "*a", "&x", "- &anchor value", "<<: *a", "<<: {id: merged}",
    "id: !!python/object/apply:os.system ['true']", "data: !!binary aGVsbG8=", "x: !custom 1", "!!map {a: 1}",
    "tags: !!set {a, b}", "id: !<tag:yaml.org,2002:str> x", "%YAML 1.1", "%TAG ! tag:example.com,2000:",
    "? [complex, key]\n: value", "? a\n: b", "id: one\nid: two", "\tid: tab", "id:\tx", "steps:\n\t- id: s",
    "---", "...", "- a\n- b", "- - - -", ":", "- :", "'unterminated", '"bad \\q escape"', '"\\ud800"', "{a: 1", "[1, 2",
    "key: |\n  block\n text", "key: >-\n  folded", "key: |9\n x", "id: 0x1F", "id: 0o17", "id: 0b101", "id: 1_000",
    "id: 1:30:00", "id: 190:20:30.15", "id: 2024-01-01", "id: 2001-12-14t21:59:43.10-05:00", "id: .nan", "id: -.inf",
    "id: ~", "id: yes", "id: ", "# comment", "\ufeffid: bom", "id: x\r\ntitle: y", "id: x\rtitle: y",
    "id: a\x85title: b", "id: a\u2028b", "id: a\x01b", "id: a\x7fb", "id: \ufffe", "steps: []", "steps: {}",
    "steps:\n  - id: s\n    prompt: p\n    options: []", "options:\n  - rating: best\n    effects: {}",
    "parts: [professional, professional]", "next: nowhere", "title: =", "tags: [<<, =]",
]  # fmt: skip


@st.composite
def fragments(draw) -> str:
    pieces = draw(
        st.lists(
            st.sampled_from(FRAGMENTS)
            | odd_text
            | st.integers(4000, 6000).map(lambda n: "id: " + "7" * n)  # past Python's int-from-text limit
            | st.integers(40, 5000).map(lambda n: f"{'x' * n}: {'y' * n}"),
            min_size=1,
            max_size=12,
        )
    )
    indents = draw(st.lists(st.integers(0, 6), min_size=len(pieces), max_size=len(pieces)))
    separator = draw(st.sampled_from(["\n", "\r\n", "\r", " ", ""]))
    return separator.join(" " * indent + piece for indent, piece in zip(indents, pieces, strict=True))


@st.composite
def long_line(draw) -> str:
    """One line near or past the 256 KB limit."""
    length = draw(st.integers(0, 300_000))
    return draw(st.sampled_from(["title: ", "id: ", "", "- "])) + draw(st.sampled_from(["x", "é", "[", "{", " "])) * length


@st.composite
def many_values(draw) -> str:
    """Up to and past 256 KB of tiny values: the most work per byte for the reader."""
    item = draw(st.sampled_from(["1", "a", "~", "1.5e3", "{}", "[]", "{a: 1}", "[[[[a]]]]"]))
    count = draw(st.integers(1, 60_000))
    return "tags:\n" + f"- {item}\n" * count if draw(st.booleans()) else "tags: [" + f"{item}, " * count + "]"


def encoded(text: str, bom: bool) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


random_yaml = st.one_of(
    st.builds(encoded, dumped() | deep_nesting() | fragments() | long_line() | many_values() | st.text(max_size=2000), st.booleans()),
    st.binary(max_size=2000),
)


@pytest.mark.slow
@fuzz_settings
@given(random_yaml)
def test_random_yaml_is_either_valid_or_clearly_wrong(data):
    load_and_check(data, "random YAML")


# --- mutations of every library file -------------------------------------------------------

NEW_VALUES = [
    "123", "-1", "1e400", "true", "null", "~", "[a, b]", "{x: 1}", "[]", "{}", "''", '"\\u2028"', "|", ">", "-", "- x",
    "best", "harmful", "excellent", "intro", "professional", "kindness", "Capital-Slug", "a", "x" * 2001, "7" * 5000,
    "&a x", "*a", "=", "<<", "!!str x", "!!python/name:os.system", "'it''s'", '"quoted: colon"', "a: b", "# only a comment",
]  # fmt: skip
KEY_LINE = re.compile(rb"^(\s*(?:- )?)([A-Za-z_]+):( ?)(.*)$")


def _line(draw, lines: list[bytes]) -> int:
    return draw(st.integers(0, len(lines) - 1))


def _key_lines(lines: list[bytes], names: tuple[bytes, ...] = ()) -> list[int]:
    return [i for i, line in enumerate(lines) if (m := KEY_LINE.match(line)) and (not names or m.group(2) in names)]


def delete_line(draw, lines):
    del lines[_line(draw, lines)]


def duplicate_line(draw, lines):
    i = _line(draw, lines)
    lines.insert(i, lines[i])


def swap_lines(draw, lines):
    i, j = _line(draw, lines), _line(draw, lines)
    lines[i], lines[j] = lines[j], lines[i]


def move_line(draw, lines):
    lines.insert(_line(draw, lines), lines.pop(_line(draw, lines)))


def reindent(draw, lines):
    i = _line(draw, lines)
    body = lines[i].lstrip(b" ")
    indent = len(lines[i]) - len(body) + draw(st.integers(-4, 4))
    lines[i] = draw(st.sampled_from([b" ", b"\t"])) * max(indent, 0) + body


def replace_value(draw, lines):
    if found := _key_lines(lines):
        i = draw(st.sampled_from(found))
        start, key, _, _ = KEY_LINE.match(lines[i]).groups()
        lines[i] = start + key + b": " + draw(st.sampled_from(NEW_VALUES) | odd_text).encode()


def rename_key(draw, lines):
    if found := _key_lines(lines):
        i = draw(st.sampled_from(found))
        start, key, space, value = KEY_LINE.match(lines[i]).groups()
        new_key = draw(st.sampled_from([*FIELD_NAMES, "option", "Rating", "nxt", "title "]) | st.just(key.decode().upper()))
        lines[i] = start + new_key.encode() + b":" + space + value


def drop_field(draw, lines):
    required = (b"id", b"title", b"difficulty", b"parts", b"source", b"setting", b"steps", b"prompt", b"options", b"text",
                b"rating", b"effects", b"feedback")  # fmt: skip
    if found := _key_lines(lines, required):
        i = draw(st.sampled_from(found))
        indent = len(lines[i]) - len(lines[i].lstrip(b" -"))
        end = i + 1
        while draw(st.booleans()) and end < len(lines) and len(lines[end]) - len(lines[end].lstrip(b" ")) > indent:
            end += 1  # usually take the field's block with it
        if lines[i].lstrip(b" ").startswith(b"- "):  # keep the list item open
            lines[i:end] = [lines[i][: lines[i].index(b"-") + 2] + b"x: 1"]
        else:
            del lines[i:end]


def change_rating(draw, lines):
    if found := _key_lines(lines, (b"rating",)):
        for i in draw(st.lists(st.sampled_from(found), min_size=1, max_size=4)):
            lines[i] = lines[i].split(b":")[0] + b": " + draw(st.sampled_from(RATINGS)).encode()


def change_next(draw, lines):
    step_ids = [KEY_LINE.match(lines[i]).group(4) for i in _key_lines(lines, (b"id",)) if lines[i].startswith(b"  - id:")]
    if found := _key_lines(lines, (b"next",)):
        i = draw(st.sampled_from(found))
        lines[i] = lines[i].split(b":")[0] + b": " + draw(st.sampled_from([*step_ids, b"nowhere", b""]))


def insert_fragment(draw, lines):
    lines.insert(_line(draw, lines), draw(st.sampled_from(FRAGMENTS)).encode())


LINE_MUTATIONS = [delete_line, duplicate_line, swap_lines, move_line, reindent, replace_value, rename_key, drop_field,
                  change_rating, change_next, insert_fragment]  # fmt: skip


def insert_bytes(draw, data):
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]


def overwrite_byte(draw, data):
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]


def delete_bytes(draw, data):
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + data[at + draw(st.integers(1, 200)) :]


def truncate(draw, data):
    return data[: draw(st.integers(0, len(data)))]


def change_line_ends(draw, data):
    return data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\n", b" \n", b"\x85"])))


def add_bom(draw, data):
    return b"\xef\xbb\xbf" + data


BYTE_MUTATIONS = [insert_bytes, overwrite_byte, delete_bytes, truncate, change_line_ends, add_bom]


def _nodes(tree):
    """Every (container, key) pair in a parsed file."""
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for key, value in items:
        yield tree, key
        yield from _nodes(value)


def _dicts_in(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _steps(tree) -> list[dict]:
    return _dicts_in(tree.get("steps"))


def _options(tree) -> list[dict]:
    return [option for step in _steps(tree) for option in _dicts_in(step.get("options"))]


def tree_delete(draw, tree):
    container, key = draw(st.sampled_from(list(_nodes(tree))))
    del container[key]


def tree_rename(draw, tree):
    dicts = [(c, k) for c, k in _nodes(tree) if isinstance(c, dict)]
    container, key = draw(st.sampled_from(dicts))
    container[draw(keys)] = container.pop(key)


def tree_wrong_type(draw, tree):
    container, key = draw(st.sampled_from(list(_nodes(tree))))
    container[key] = draw(trees)


def tree_duplicate_item(draw, tree):
    lists = [(c, k) for c, k in _nodes(tree) if isinstance(c, list)]
    if lists:
        container, key = draw(st.sampled_from(lists))
        container.insert(key, copy.deepcopy(container[key]))


def tree_unknown_field(draw, tree):
    dicts = [c for c, _ in _nodes(tree) if isinstance(c, dict)]
    draw(st.sampled_from(dicts))[draw(keys)] = draw(scalars)


def tree_retarget_next(draw, tree):
    step_ids = [step.get("id") for step in _steps(tree)]
    if options := _options(tree):
        draw(st.sampled_from(options))["next"] = draw(st.sampled_from([*step_ids, "nowhere", None, 3]))


def tree_duplicate_id(draw, tree):
    for group in (_steps(tree), *[_dicts_in(step.get("options")) for step in _steps(tree)]):
        if len(group) > 1 and draw(st.booleans()):
            group[1]["id"] = group[0].get("id")


def tree_ratings(draw, tree):
    for option in _options(tree):
        if draw(st.booleans()):
            option["rating"] = draw(st.sampled_from(RATINGS))


def tree_effects(draw, tree):
    if options := _options(tree):
        option = draw(st.sampled_from(options))
        option["effects"] = draw(st.sampled_from([{}, {"kindness": {"upholds": "x"}}, {"personal": {"upholds": "x", "undermines": "y"}},
                                                  {"personal": {}}, {"personal": "upholds"}]))  # fmt: skip


def tree_shuffle(draw, tree):
    lists = [c[k] for c, k in _nodes(tree) if isinstance(c[k], list) and c[k]]
    if lists:
        items = draw(st.sampled_from(lists))
        items[:] = draw(st.permutations(items))


def tree_too_long(draw, tree):
    if texts := [(c, k) for c, k in _nodes(tree) if isinstance(c[k], str)]:
        container, key = draw(st.sampled_from(texts))
        container[key] = container[key] * draw(st.integers(2, 200))


TREE_MUTATIONS = [tree_delete, tree_rename, tree_wrong_type, tree_duplicate_item, tree_unknown_field, tree_retarget_next,
                  tree_duplicate_id, tree_ratings, tree_effects, tree_shuffle, tree_too_long]  # fmt: skip


@st.composite
def mutated(draw, name: str, offset: int) -> tuple[bytes, bool]:
    """A library file after one to four text mutations, or its parsed tree after zero to three changes, dumped again.

    Returns the bytes and whether they must still load (a tree re-dumped with no changes).
    Each file starts the list of mutations at its own offset, so that the seeded normal run,
    which replays the same choices for every file, still tries different mutations on each.
    """

    def pick(mutations):
        return mutations[(draw(st.integers(0, len(mutations) - 1)) + offset) % len(mutations)]

    if draw(st.booleans()):
        tree = copy.deepcopy(LIBRARY_TREES[name])
        changes = draw(st.integers(0, 3))
        for _ in range(changes):
            if not isinstance(tree, dict) or not tree:
                break
            pick(TREE_MUTATIONS)(draw, tree)
        style = draw(dump_styles)
        return yaml.safe_dump(tree, sort_keys=False, **style).encode(), changes == 0 and not style["canonical"]
    data = LIBRARY_FILES[name]
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 3)) and data:
            lines = data.split(b"\n")
            pick(LINE_MUTATIONS)(draw, lines)
            data = b"\n".join(lines)
        elif data:
            data = pick(BYTE_MUTATIONS)(draw, data)
    return data, False


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LIBRARY_FILES))
@settings(fuzz_settings, max_examples=CASES_PER_FILE)
@given(data=st.data())
def test_mutated_library_files_are_either_valid_or_clearly_wrong(name, data):
    case, must_load = data.draw(mutated(name, sorted(LIBRARY_FILES).index(name)), label="mutated file")
    FIGURES.files_mutated.add(name)
    loaded = load_and_check(case, "mutations")
    assert loaded or not must_load, "a library file written out again in another YAML style no longer loads"
