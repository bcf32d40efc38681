"""Reading scenario files safely, with every problem placed at its file, line and field.

YAML is read as a stream of events from libyaml, and values are built here without
recursion. That lets the reader stop at the first alias, explicit tag, duplicate key or
over-deep nesting, before any of them can cost time or memory, and remember where each
value stood so that validation errors can name their line.
"""

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from scenarios import messages
from scenarios.model import (
    Difficulty,
    Effect,
    Effects,
    Kind,
    Location,
    Option,
    Rating,
    Scenario,
    Source,
    Step,
    Twin,
    Venue,
    structural_problems,
)
from scenarios.parts import PART_KEYS

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20
MAX_NODES = 10_000  # keys and values; the largest valid scenario has under 2,000
MAX_ERRORS_PER_FILE = 20
SCENARIO_SUFFIXES = (".yaml", ".yml")
LIBRARY_DIR = Path(__file__).parent / "library"
LIBRARY_DIR_ENV = "PRACTICUM_LIBRARY_DIR"  # another built-in library (the tests use a frozen copy)
EXTRA_DIRS_ENV = "PRACTICUM_EXTRA_SCENARIOS"
AUTHOR_DIR_ENV = "PRACTICUM_AUTHOR_DIR"
DEFAULT_AUTHOR_DIR = Path(__file__).resolve().parent.parent / "data" / "scenarios"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
# Called directly: construct_object would keep every node it builds for the life of the process.
_CONSTRUCTORS = {
    tag: _constructor.yaml_constructors[tag] for tag in (f"tag:yaml.org,2002:{kind}" for kind in ("int", "float", "bool", "null"))
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    path: str
    content_hash: str


@dataclass
class Library:
    entries: dict[str, LoadedScenario] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def scenarios(self) -> list[Scenario]:
        return [entry.scenario for entry in self.entries.values()]

    def get(self, scenario_id: str) -> Scenario | None:
        entry = self.entries.get(scenario_id)
        return entry.scenario if entry else None

    def problems_by_file(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.file, []).append(problem)
        return grouped


Marks = dict[Location, tuple[int, int]]


class _Stop(Exception):
    """A problem that ends the reading of one file."""

    def __init__(self, line: int, column: int, field: str, message: str):
        super().__init__(message)
        self.line, self.column, self.field, self.message = line, column, field, message


def field_name(loc: Location) -> str:
    """('steps', 0, 'options', 2, 'rating') -> 'steps[0].options[2].rating'."""
    name = ""
    if len(loc) > 8:  # only absurdly nested input gets here; keep the line readable
        loc = loc[:8] + ("…",)
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{_shown(part)}" if name else _shown(part))
    return name or "file"


def _shown(text: str, limit: int = 40) -> str:
    """An author's own text, quoted in a message: on one line, with control characters escaped, and short."""
    text = repr(text)[1:-1] if not text.isprintable() else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where(mark: Any, loc: Location) -> tuple[int, int, str]:
    """Line, column (1-based) and field of a libyaml or PyYAML mark (the two have no common type)."""
    if mark is None:
        return 1, 1, field_name(loc)
    return mark.line + 1, mark.column + 1, field_name(loc)


def _scalar(event: yaml.ScalarEvent) -> object:
    if event.style:  # quoted or block scalars are always text; plain ones are '' (libyaml) or None
        return event.value
    tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    construct = _CONSTRUCTORS.get(tag)
    if construct is None:  # dates, '=' and '<<' stay text
        return event.value
    return construct(_constructor, yaml.ScalarNode(tag, event.value))


def parse_yaml(text: str) -> tuple[object, dict[Location, tuple[int, int]]]:
    """Build the document's value and a map from each value's location to its (line, column)."""
    marks: dict[Location, tuple[int, int]] = {}
    stack: list[list[Any]] = []  # frames: [container, location, pending mapping key]
    root: object = None
    documents = 0
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Stop(*_where(event.start_mark, ()), "one scenario per file: found a second YAML document ('---'); move it to its own file")
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent, yaml.CollectionEndEvent)):
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise _Stop(*_where(event.start_mark, ()), f"more than {MAX_NODES:,} keys and values; a scenario never needs that many, so look for a runaway list")
            parent = stack[-1] if stack else None
            loc: Location
            if parent is not None and isinstance(parent[0], dict) and parent[2] is None:
                loc = parent[1]
                if not isinstance(event, yaml.ScalarEvent) or event.anchor is not None or event.tag not in (None, "!"):
                    raise _Stop(*_where(event.start_mark, loc), "mapping keys must be plain words")
                key = event.value
                if key in parent[0]:
                    raise _Stop(*_where(event.start_mark, loc + (key,)), f"duplicate key '{_shown(key)}'; each key may appear once in a mapping")
                marks[loc + (key,)] = _where(event.start_mark, ())[:2]
                parent[2] = key
                parent[0][key] = None
                continue
            if parent is None:
                loc = ()
            elif isinstance(parent[0], list):
                loc = parent[1] + (len(parent[0]),)
            else:
                loc = parent[1] + (parent[2],)
            if isinstance(event, yaml.AliasEvent):
                raise _Stop(*_where(event.start_mark, loc), f"YAML aliases (*{_shown(event.anchor or '')}) are not allowed; write the value out in full")
            if event.anchor is not None:
                raise _Stop(*_where(event.start_mark, loc), f"YAML anchors (&{_shown(event.anchor)}) are not allowed; write each value out in full")
            if event.tag not in (None, "!"):
                raise _Stop(*_where(event.start_mark, loc), f"YAML tags such as '{_shown(event.tag.replace('tag:yaml.org,2002:', '!!'))}' are not allowed; scenario files hold plain text, numbers and lists only")
            marks.setdefault(loc, _where(event.start_mark, ())[:2])
            if isinstance(event, yaml.ScalarEvent):
                try:
                    value = _scalar(event)
                except ValueError:  # Python reads at most 4,300 digits of a decimal number
                    raise _Stop(*_where(event.start_mark, loc), f"a number {len(event.value)} characters long cannot be read; put it in quotes if it is text") from None
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(*_where(event.start_mark, loc), messages.NESTING.format(depth=MAX_DEPTH))
                value = {} if isinstance(event, yaml.MappingStartEvent) else []
            if parent is None:
                root = value
            elif isinstance(parent[0], list):
                parent[0].append(value)
            else:
                parent[0][parent[2]] = value
                parent[2] = None
            if not isinstance(event, yaml.ScalarEvent):
                stack.append([value, loc, None])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark is not None and _char_at(text, mark) == "\t":
            raise _Stop(line, column, "file", messages.TAB) from None
        raise _Stop(line, column, "file", messages.yaml_problem(error.problem, error.context, depth=MAX_DEPTH)) from None
    except yaml.reader.ReaderError as error:
        raise _Stop(*_char_line_col(text, error.position), "file", messages.UNREADABLE_CHARACTER.format(code=error.character)) from None
    except yaml.YAMLError:
        raise _Stop(1, 1, "file", messages.YAML_FALLBACK) from None
    return root, marks


def _char_line_col(text: str, offset: int) -> tuple[int, int]:
    # libyaml counts UTF-8 bytes; PyYAML's pure-Python reader counts characters.
    before = text.encode("utf-8")[:offset].decode("utf-8", "ignore") if _Loader is not yaml.SafeLoader else text[:offset]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _char_at(text: str, mark: Any) -> str:
    lines = text.splitlines()
    line, column = int(mark.line), int(mark.column)
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def decode(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise _Stop(1, 1, "file", f"file is {len(data) // 1024} KB; the limit is {MAX_FILE_BYTES // 1024} KB, so split it or shorten it")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise _Stop(*_line_col(data, offset), "file", "binary data (a NUL byte), not YAML text; save the scenario as plain UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Stop(*_line_col(data, error.start), "file", f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8") from None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


_MODEL_FOR_PARENT: dict[str | None, type[BaseModel]] = {None: Scenario, "steps": Step, "options": Option, "effects": Effects, "twin": Twin, **{key: Effect for key in PART_KEYS}}


_CHOICES: dict[str, tuple[str, ...]] = {
    "difficulty": get_args(Difficulty),
    "rating": get_args(Rating),
    "source": get_args(Source),
    "kind": get_args(Kind),
    "venue": get_args(Venue),
    "parts": PART_KEYS,
}


def _friendly(error: ErrorDetails) -> str:
    loc, kind = error["loc"], error["type"]
    named = [p for p in loc if isinstance(p, str)]
    field = named[-1] if named else "file"
    parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
    return messages.field_problem(
        kind,
        error.get("ctx"),
        error["msg"],
        field=_shown(str(loc[-1])) if loc else field,
        allowed=", ".join(_MODEL_FOR_PARENT.get(parent, Scenario).model_fields),
        choices=", ".join(_CHOICES.get(field, ())),
    )


def _locate(marks: dict[Location, tuple[int, int]], loc: Location) -> tuple[int, int]:
    for end in range(len(loc), -1, -1):
        if loc[:end] in marks:
            return marks[loc[:end]]
    return (1, 1)


def validate(data: object, marks: dict[Location, tuple[int, int]], file: str) -> tuple[Scenario | None, list[Problem]]:
    if data is None:
        return None, [Problem(file, 1, 1, "file", "file is empty; a scenario needs id, title, difficulty, parts, source, setting and steps")]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single {type(data).__name__} value"
        return None, [Problem(file, 1, 1, "file", f"file holds {kind}; a scenario file must be a mapping of fields (id:, title:, ...) at the top level")]
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False, include_input=False)[:MAX_ERRORS_PER_FILE]:
            loc = tuple(item["loc"])
            problems.append(Problem(file, *_locate(marks, loc), field_name(loc), _friendly(item)))
        return None, problems
    found = structural_problems(scenario)
    if found:
        return None, [Problem(file, *_locate(marks, loc), field_name(loc), message) for loc, message in found]
    return scenario, []


def load_file(path: Path | str, display: str | None = None) -> tuple[LoadedScenario | None, list[Problem], Marks]:
    """Read one scenario file. Returns the scenario (or None), its problems and its location marks."""
    path = Path(path)
    file = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(file, 1, 1, "file", f"cannot be read: {error.strerror or error}")], {}
    return load_bytes(data, file)


def load_bytes(data: bytes, file: str) -> tuple[LoadedScenario | None, list[Problem], Marks]:
    try:
        value, marks = parse_yaml(decode(data))
    except _Stop as stop:
        return None, [Problem(file, stop.line, stop.column, stop.field, stop.message)], {}
    scenario, problems = validate(value, marks, file)
    if scenario is None:
        return None, problems, marks
    return LoadedScenario(scenario, file, hashlib.sha256(data).hexdigest()), [], marks


def scenario_files(paths: list[Path]) -> list[Path]:
    """Files named directly, and every .yaml/.yml file under folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in SCENARIO_SUFFIXES and p.is_file()))
        else:
            found.append(path)
    return found


def author_dir() -> Path:
    """Where scenarios written in the app are saved: PRACTICUM_AUTHOR_DIR, else data/scenarios."""
    return Path(os.environ.get(AUTHOR_DIR_ENV) or DEFAULT_AUTHOR_DIR)


def default_paths() -> list[Path]:
    """The built-in library, the authors' folder (if it exists), then any folders in PRACTICUM_EXTRA_SCENARIOS."""
    extra = [Path(p) for p in os.environ.get(EXTRA_DIRS_ENV, "").split(os.pathsep) if p.strip()]
    own = [author_dir()] if author_dir().is_dir() else []
    return [library_dir(), *own, *extra]


def library_dir() -> Path:
    """The built-in library: scenarios/library, unless PRACTICUM_LIBRARY_DIR names another folder."""
    chosen = os.environ.get(LIBRARY_DIR_ENV, "").strip()
    return Path(chosen) if chosen else LIBRARY_DIR


def library_signature(paths: list[Path] | None = None) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of every scenario file: changes whenever a file does."""
    signature = []
    for path in scenario_files(paths or default_paths()):
        try:
            stat = path.stat()
            signature.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            signature.append((str(path), -1, -1))
    return tuple(signature)


def load_library(paths: list[Path] | None = None) -> Library:
    """Load every scenario file; a bad file is reported and never hides the good ones."""
    library = Library()
    for path in scenario_files(paths or default_paths()):
        display = _display(path)
        loaded, problems, marks = load_file(path, display)
        library.problems.extend(problems)
        if loaded is None:
            continue
        taken = library.entries.get(loaded.scenario.id)
        if taken is not None:
            line, column = marks.get(("id",), (1, 1))
            library.problems.append(
                Problem(display, line, column, "id", f"id '{loaded.scenario.id}' is already used by {taken.path}; scenario ids must be unique across the library")
            )
            continue
        library.entries[loaded.scenario.id] = loaded
    return library


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
