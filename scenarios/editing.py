"""A scenario file opened for editing field by field (the Author page's form), written back as YAML.

The file is held as a ruamel.yaml round-trip document, so what the form does not touch stays as
it was: opening a file and writing it back gives the same bytes, comments are kept, and a changed
field changes only that field's text. Every change is checked exactly as `python -m scenarios
check` checks a file (scenarios.load.load_bytes on the written text), and each problem is placed
at the form field it belongs to.

Steps and options carry keys of their own ("s1", "o4") that never change while the document is
open, whatever the author does to their ids or their order: a form can name its widgets after them.
A field is addressed by a path of those keys: ("title",), ("steps", "s1", "prompt"),
("steps", "s1", "options", "o4", "effects", "relationship").
"""

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Literal

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString, SingleQuotedScalarString

from scenarios.authoring import TEMPLATE
from scenarios.lint import LintReport, lint_step
from scenarios.load import Problem, load_bytes
from scenarios.model import Option, Scenario, Step
from scenarios.parts import PART_KEYS

Path = tuple[str, ...]
Verdict = Literal["upholds", "undermines"]
VERDICTS: tuple[Verdict, ...] = ("upholds", "undermines")



def _length_limit(model: type[Scenario] | type[Step], name: str, bound: str) -> int:
    found: int = next(getattr(m, bound) for m in model.model_fields[name].metadata if hasattr(m, bound))
    return found


MAX_STEPS = _length_limit(Scenario, "steps", "max_length")
MIN_OPTIONS = _length_limit(Step, "options", "min_length")
MAX_OPTIONS = _length_limit(Step, "options", "max_length")

# Layouts tried, in order, when a file is opened: (mapping indent, sequence indent, sequence dash offset).
# The library uses the first two. Lines no layout reproduces are kept from the file by _merge.
_LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4))
_TOP_LEVEL_DASH = re.compile(r"^- ", re.MULTILINE)  # a list written flush with its key: the dash-offset-0 layouts first
_FIELD_ORDER = {
    "scenario": tuple(Scenario.model_fields),
    "step": tuple(Step.model_fields),
    "option": tuple(Option.model_fields),
    "effects": PART_KEYS,
}
_SCENARIO_FIELDS = frozenset(Scenario.model_fields) - {"steps"}
_STEP_FIELDS = frozenset({"id", "prompt"})
_OPTION_FIELDS = frozenset({"id", "text", "rating", "effects", "feedback", "tempting", "canon", "next"})
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_resolver = yaml.resolver.Resolver()
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CannotOpen(ValueError):
    """The file is not a valid scenario, so the form cannot show it: its problems say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class FieldProblem:
    """A problem of the document, placed at the form field it belongs to (() when it belongs to none)."""

    path: Path
    line: int
    message: str
    advice: bool = False  # an item-writing finding that does not stop saving


@dataclass
class Checked:
    scenario: Scenario | None  # the valid scenario, or None while there are problems
    problems: list[FieldProblem] = field(default_factory=list)
    advice: list[FieldProblem] = field(default_factory=list)


def _yaml(layout: tuple[int, int, int]) -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 1_000_000  # never fold a long line: authors' lines stay as they wrote them
    handler.indent(mapping=layout[0], sequence=layout[1], offset=layout[2])
    return handler


class ScenarioDocument:
    """One scenario file open in the form. Change it only through its methods."""

    def __init__(self, data: bytes, name: str = "scenario.yaml"):
        loaded, problems, _ = load_bytes(data, name)
        if loaded is None:
            raise CannotOpen(problems)
        text = data.decode("utf-8-sig")
        self._bom = data.startswith(b"\xef\xbb\xbf")
        self._crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        self._final_newline = text.endswith("\n")
        self.name = name
        self._original = text
        # The layout whose writing differs least from the file; what still differs (lines an author
        # wrapped by hand, say) is kept from the file by _merge unless the field itself is changed.
        likely = sorted(_LAYOUTS, key=lambda layout: (layout[2] == 0) != bool(_TOP_LEVEL_DASH.search(text)))
        self._layout = likely[0]
        self.root = _yaml(self._layout).load(text)
        self._base = self._dump()
        if self._base != text:
            self._layout = min(likely, key=lambda layout: _differing_lines(text, _yaml(layout)))
            self.root = _yaml(self._layout).load(text)
            self._base = self._dump()
        self.layout_kept = self._base == text  # ruamel alone writes the file back as it was
        self._counter = 0
        self.step_keys: list[str] = []
        self._option_keys: dict[str, list[str]] = {}
        for step in self._steps():
            key = self._new_key("s")
            self.step_keys.append(key)
            self._option_keys[key] = [self._new_key("o") for _ in step["options"]]
        self.version = 0  # bumped on every change
        self._checked: tuple[int, Checked] | None = None
        self._text: tuple[int, str] | None = None

    # Opening ------------------------------------------------------------------------------------

    @classmethod
    def from_template(cls) -> "ScenarioDocument":
        return cls(TEMPLATE.read_bytes(), "template.yaml")

    @classmethod
    def copy_of(cls, data: bytes, name: str, taken: Iterable[str]) -> "ScenarioDocument":
        """A copy of a scenario file under a new id ('<id>-copy', or '-copy-2' and on when that is taken)."""
        document = cls(data, name)
        used = set(taken)
        base, number = str(document.value(("id",))), 1

        def named(suffix: str) -> str:  # within the 64 characters an id may have
            return base[: 64 - len(suffix)].rstrip("-") + suffix

        candidate = named("-copy")
        while candidate in used:
            number += 1
            candidate = named(f"-copy-{number}")
        document.set(("id",), candidate)
        return document

    # Writing ------------------------------------------------------------------------------------

    def _dump(self) -> str:
        out = io.StringIO()
        _yaml(self._layout).dump(self.root, out)
        return out.getvalue()

    def text(self) -> str:
        """The file as it would be saved (line endings as the file had them)."""
        if self._text is None or self._text[0] != self.version:
            self._text = (self.version, self._write())
        return self._text[1]

    def _write(self) -> str:
        edited = self._base if self.version == 0 else self._dump()  # unchanged, it writes out as it did on opening
        text = _merge(self._original, self._base, edited)
        if not self._final_newline:
            text = text.rstrip("\n")
        return text.replace("\n", "\r\n") if self._crlf else text

    def data(self) -> bytes:
        return ("\ufeff" if self._bom else "").encode("utf-8") + self.text().encode("utf-8")

    @property
    def file_name(self) -> str:
        return f"{self.value(('id',)) or 'scenario'}.yaml"

    # Reading ------------------------------------------------------------------------------------

    def _steps(self) -> CommentedSeq:
        steps = self.root.get("steps")
        assert isinstance(steps, CommentedSeq)
        return steps

    def options_of(self, step_key: str) -> list[str]:
        return list(self._option_keys[step_key])

    def step_ids(self) -> list[str]:
        return [str(step.get("id", "")) for step in self._steps()]

    def _container(self, path: Path) -> tuple[CommentedMap, str, str]:
        """The mapping that holds the field at `path`, the field's name, and which kind of mapping it is."""
        if path[0] != "steps":
            return self.root, path[0], "scenario"
        step = self._steps()[self.step_keys.index(path[1])]
        if path[2] != "options":
            return step, path[2], "step"
        option = step["options"][self._option_keys[path[1]].index(path[3])]
        if path[4] == "effects" and len(path) > 5:
            return option.setdefault("effects", CommentedMap()), path[5], "effects"
        return option, path[4], "option"

    def value(self, path: Path) -> Any:
        """A field's value as a form shows it: text without the block scalar's final newline, lists as lists."""
        holder, name, _ = self._container(path)
        found = holder.get(name)
        if isinstance(found, CommentedSeq):
            return [str(item) for item in found]
        if isinstance(found, str):
            return str(found).removesuffix("\n") if isinstance(found, (LiteralScalarString, FoldedScalarString)) else str(found)
        return found

    def effects(self, step_key: str, option_key: str) -> dict[str, tuple[Verdict, str]]:
        """The parts an option touches: part -> (upholds | undermines, reason), in the definition's order."""
        holder, _, _ = self._container(("steps", step_key, "options", option_key, "effects", PART_KEYS[0]))
        found: dict[str, tuple[Verdict, str]] = {}
        for part in PART_KEYS:
            effect = holder.get(part)
            if isinstance(effect, dict):
                verdict: Verdict = "undermines" if "undermines" in effect and "upholds" not in effect else "upholds"
                found[part] = (verdict, str(effect.get(verdict) or ""))
        return found

    # Changing fields ----------------------------------------------------------------------------

    def set(self, path: Path, value: str | list[str] | None) -> None:
        """Set a field. None, or empty text in an optional field, removes the field; a step's new id is
        followed by every `next` that named the old one."""
        holder, name, kind = self._container(path)
        old = holder.get(name)
        if isinstance(value, list):
            if value == self.value(path):
                return
            if isinstance(old, CommentedSeq):
                del old[:]
                old.extend(value)
            else:
                seq = CommentedSeq(value)
                seq.fa.set_flow_style()
                self._put(holder, name, seq, kind)
        elif value is None:
            if name not in holder:
                return
            _remove(holder, name)
        else:
            if name in holder and value == self.value(path):
                return
            self._put(holder, name, _styled(old, value), kind)
            if kind == "step" and name == "id" and isinstance(old, str) and old != value:
                self._follow_rename(str(old), value)
        self._changed()

    def set_effect(self, step_key: str, option_key: str, part: str, verdict: Verdict | None, reason: str = "") -> None:
        """Say how an option bears on a part (verdict None: it does not)."""
        holder, _, _ = self._container(("steps", step_key, "options", option_key, "effects", part))
        if verdict is None:
            if part in holder:
                _remove(holder, part)
                self._changed()
            return
        current = self.effects(step_key, option_key).get(part)
        if current == (verdict, reason):
            return
        effect = holder.get(part)
        if isinstance(effect, CommentedMap):
            other = "undermines" if verdict == "upholds" else "upholds"
            old_reason = effect.get(verdict, effect.get(other))
            if other in effect:
                position = list(effect).index(other)
                _remove(effect, other)
                effect.insert(position, verdict, _styled(old_reason, reason))
            else:
                effect[verdict] = _styled(old_reason, reason)
        else:
            fresh = CommentedMap()
            fresh[verdict] = reason
            self._put(holder, part, fresh, "effects")
        self._changed()

    def _put(self, holder: CommentedMap, name: str, value: Any, kind: str) -> None:
        if name in holder:
            holder[name] = value
            return
        order = _FIELD_ORDER[kind]
        rank = order.index(name) if name in order else len(order)
        position = sum(1 for key in holder if key in order and order.index(key) < rank)
        holder.insert(position, name, value)

    def _follow_rename(self, old: str, new: str) -> None:
        for step in self._steps():
            for option in step["options"]:
                if option.get("next") == old:
                    option["next"] = _styled(option["next"], new)

    # Steps and options --------------------------------------------------------------------------

    def add_step(self) -> str:
        """A new, empty step at the end, with two empty options; returns its key."""
        ids = set(self.step_ids())
        step = CommentedMap()
        step["id"] = _free("step", ids)
        step["prompt"] = ""
        step["options"] = CommentedSeq()
        key = self._new_key("s")
        self._steps().append(step)
        self.step_keys.append(key)
        self._option_keys[key] = []
        for rating in ("best", "poor"):
            self.add_option(key, rating)
        self._changed()
        return key

    def remove_step(self, step_key: str) -> list[str]:
        """Remove a step; options that led to it now end the scenario. Returns those options' ids."""
        index = self.step_keys.index(step_key)
        removed_id = self._steps()[index].get("id")
        _delete_item(self._steps(), index)
        self.step_keys.pop(index)
        del self._option_keys[step_key]
        ended = []
        for step in self._steps():
            for option in step["options"]:
                if removed_id is not None and option.get("next") == removed_id:
                    _remove(option, "next")
                    ended.append(str(option.get("id")))
        self._changed()
        return ended

    def move_step(self, step_key: str, by: int) -> None:
        index = self.step_keys.index(step_key)
        _move_item(self._steps(), index, by)
        _move_key(self.step_keys, index, by)
        self._changed()

    def add_option(self, step_key: str, rating: str = "poor") -> str:
        options = self._steps()[self.step_keys.index(step_key)]["options"]
        option = CommentedMap()
        option["id"] = _free("option", {str(o.get("id")) for o in options})
        option["text"] = ""
        option["rating"] = rating
        option["effects"] = CommentedMap()
        option["feedback"] = ""
        key = self._new_key("o")
        options.append(option)
        self._option_keys[step_key].append(key)
        self._changed()
        return key

    def remove_option(self, step_key: str, option_key: str) -> None:
        options = self._steps()[self.step_keys.index(step_key)]["options"]
        index = self._option_keys[step_key].index(option_key)
        _delete_item(options, index)
        self._option_keys[step_key].pop(index)
        self._changed()

    def move_option(self, step_key: str, option_key: str, by: int) -> None:
        options = self._steps()[self.step_keys.index(step_key)]["options"]
        index = self._option_keys[step_key].index(option_key)
        _move_item(options, index, by)
        _move_key(self._option_keys[step_key], index, by)
        self._changed()

    def _new_key(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter}"

    def _changed(self) -> None:
        self.version += 1

    # Checking -----------------------------------------------------------------------------------

    def check(self) -> Checked:
        """The document checked as `python -m scenarios check` checks a file, problems placed at their fields;
        for a valid scenario, the item-writing checks of each step as advice."""
        if self._checked is not None and self._checked[0] == self.version:
            return self._checked[1]
        loaded, problems, _ = load_bytes(self.data(), self.file_name)
        checked = Checked(loaded.scenario if loaded else None, [self.place(p) for p in problems])
        if loaded is not None:
            checked.advice = self._advice(loaded.scenario)
        self._checked = (self.version, checked)
        return checked

    def place(self, problem: Problem) -> FieldProblem:
        return FieldProblem(self.slot(location(problem.field)), problem.line, problem.message)

    def slot(self, loc: tuple[str | int, ...]) -> Path:
        """The form field a location (as the loader names it) belongs to: the field itself, else the step
        or option that holds it, else () for the scenario as a whole."""
        if not loc:
            return ()
        head = loc[0]
        if head != "steps":
            return (head,) if isinstance(head, str) and head in _SCENARIO_FIELDS else ()
        if len(loc) < 2 or not isinstance(loc[1], int) or loc[1] >= len(self.step_keys):
            return ("steps",)
        step = ("steps", self.step_keys[loc[1]])
        rest = loc[2:]
        if not rest or rest[0] != "options":
            return step + (rest[0],) if rest and rest[0] in _STEP_FIELDS else step
        options = self._option_keys[step[1]]
        if len(rest) < 2 or not isinstance(rest[1], int) or rest[1] >= len(options):
            return step + ("options",)
        option = step + ("options", options[rest[1]])
        tail = rest[2:]
        if not tail or tail[0] not in _OPTION_FIELDS:
            return option
        if tail[0] == "effects" and len(tail) > 1 and tail[1] in PART_KEYS:
            return option + ("effects", str(tail[1]))
        return option + (str(tail[0]),)

    def _advice(self, scenario: Scenario) -> list[FieldProblem]:
        report = LintReport()
        for step in scenario.steps:
            lint_step(scenario, step, report)
        found = []
        for finding in report.findings:
            s = next(i for i, step in enumerate(scenario.steps) if step.id == finding.step)
            loc: tuple[str | int, ...] = ("steps", s)
            if finding.option is not None:
                loc += ("options", next(i for i, o in enumerate(scenario.steps[s].options) if o.id == finding.option))
                if finding.rule == "tempting":
                    loc += ("tempting",)
            elif finding.rule == "lead-in":
                loc += ("prompt",)
            found.append(FieldProblem(self.slot(loc), 0, finding.message, advice=True))
        return found


def _differing_lines(text: str, handler: YAML) -> int:
    out = io.StringIO()
    handler.dump(handler.load(text), out)
    matcher = SequenceMatcher(None, text.splitlines(), out.getvalue().splitlines(), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def _merge(original: str, base: str, edited: str) -> str:
    """The change from `base` (ruamel's writing of `original`) to `edited`, made to `original` itself.

    Lines where ruamel writes the file differently (a long text an author wrapped by hand) are kept as
    the author wrote them unless the change reaches into them; then that whole stretch is written anew.
    Whatever the result, it must read as the same data as `edited`, or `edited` itself is returned.
    """
    if base == original or base == edited:
        return original if base == edited else edited
    old, ours, new = original.splitlines(keepends=True), base.splitlines(keepends=True), edited.splitlines(keepends=True)
    # Atoms: each line the two writings share, and each stretch where they differ, as (ours range, old range).
    atoms: list[tuple[int, int, int, int]] = []
    for tag, b1, b2, o1, o2 in SequenceMatcher(None, ours, old, autojunk=False).get_opcodes():
        if tag == "equal":
            atoms.extend((b1 + k, b1 + k + 1, o1 + k, o1 + k + 1) for k in range(b2 - b1))
        else:
            atoms.append((b1, b2, o1, o2))
    cuts = sorted({0, len(ours)} | {b1 for b1, b2, _, _ in atoms if b2 > b1})

    # Each change, widened to cuts between atoms; changes whose widened ranges overlap become one region.
    regions: list[list[int]] = []  # [ours start, ours end, new start, new end]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ours, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start = max(c for c in cuts if c <= i1)
        end = min(c for c in cuts if c >= i2)
        region = [start, end, j1 - (i1 - start), j2 + (end - i2)]
        if regions and start < regions[-1][1]:
            regions[-1][1], regions[-1][3] = end, region[3]
        else:
            regions.append(region)

    def old_start(x: int) -> int:
        return next((o1 for b1, b2, o1, _ in atoms if b1 == x and b2 > b1), len(old))

    def old_end(x: int) -> int:
        return next((o2 for b1, b2, _, o2 in reversed(atoms) if b2 == x and b2 > b1), 0)

    merged: list[str] = []
    at = 0
    for start, end, j1, j2 in regions:
        o1 = old_start(start)
        merged += old[at:o1] + new[j1:j2]
        at = old_end(end) if end > start else o1
    merged += old[at:]
    result = "".join(merged)
    try:
        same = yaml.load(result, Loader=_Loader) == yaml.load(edited, Loader=_Loader)
    except yaml.YAMLError:
        same = False
    return result if same else edited


def location(field_name: str) -> tuple[str | int, ...]:
    """'steps[1].options[2].rating' -> ('steps', 1, 'options', 2, 'rating'); 'file' -> ()."""
    if field_name == "file":
        return ()
    return tuple(int(index) if index else name for name, index in _TOKEN.findall(field_name))


def _styled(old: object, new: str) -> str:
    """New text in the style the old value was written in (block, quoted, plain), or a style that keeps it text."""
    styled: str = new
    if "\n" in new or isinstance(old, LiteralScalarString):
        styled = LiteralScalarString(new.rstrip("\n") + "\n")
    elif isinstance(old, FoldedScalarString):
        styled = FoldedScalarString(new + "\n")
    elif isinstance(old, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        styled = type(old)(new)
    # ruamel writes YAML 1.2, where 'yes', 'off' or '0o7' are plain text; the loader reads YAML 1.1, where they are not.
    elif new and _resolver.resolve(yaml.ScalarNode, new, (True, False)) != "tag:yaml.org,2002:str":  # type: ignore[no-untyped-call]
        styled = SingleQuotedScalarString(new)
    return styled


def _free(prefix: str, taken: set[str]) -> str:
    number = 1
    while f"{prefix}-{number}" in taken:
        number += 1
    return f"{prefix}-{number}"


def _remove(holder: CommentedMap, name: str) -> None:
    """Remove a key, keeping the full-line comments that followed it (they introduce what comes next)."""
    comment = holder.ca.items.get(name)
    keys = list(holder)
    index = keys.index(name)
    kept = None
    if comment and len(comment) > 2 and comment[2] is not None:
        lines = comment[2].value.split("\n", 1)
        if len(lines) > 1 and lines[1].strip():
            kept = lines[1]
    del holder[name]
    if kept is None or index == 0:
        return
    before = keys[index - 1]
    if isinstance(holder[before], (CommentedMap, CommentedSeq)):
        return  # the comment would have to move into the nested value; rare enough to let go
    previous = holder.ca.items.setdefault(before, [None, None, None, None])
    if previous[2] is None:
        holder.yaml_add_eol_comment("#", before)  # makes the token; its text is replaced next
        previous = holder.ca.items[before]
        previous[2].value = "\n" + kept
    else:
        previous[2].value = previous[2].value.rstrip("\n") + "\n" + kept


def _delete_item(seq: CommentedSeq, index: int) -> None:
    del seq[index]  # ruamel moves the comments of the items after it


def _move_item(seq: CommentedSeq, index: int, by: int) -> None:
    target = index + by
    if not 0 <= target < len(seq) or by == 0:
        return
    own_comment = seq.ca.items.get(index)
    item = seq[index]
    del seq[index]
    seq.insert(target, item)
    if own_comment is not None:
        seq.ca.items[target] = own_comment


def _move_key(keys: list[str], index: int, by: int) -> None:
    target = index + by
    if 0 <= target < len(keys) and by:
        keys.insert(target, keys.pop(index))
