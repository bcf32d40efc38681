"""The scenario file format: pydantic models and the cross-checks a schema cannot express."""

from collections import Counter
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from scenarios.canon import CANON, CANON_IDS
from scenarios.messages import CONTROL_CHARACTER
from scenarios.parts import PART_KEYS, PartKey
from scenarios.text import code_point, first_control

Difficulty = Literal["intro", "intermediate", "advanced"]
Rating = Literal["best", "acceptable", "poor", "harmful"]
Source = Literal["article", "original"]
Kind = Literal["moment", "knowledge"]
Venue = Literal[
    "university_counselling",
    "community_clinic",
    "private_practice",
    "telehealth",
    "group_practice",
    "hospital",
    "school",
    "other",
]

DIFFICULTIES: tuple[Difficulty, ...] = ("intro", "intermediate", "advanced")
RATINGS: tuple[Rating, ...] = ("best", "acceptable", "poor", "harmful")

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=64),
    Field(description="Lower-case words joined by hyphens, e.g. gift-from-a-work-trip."),
]


def _limit(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


def _no_controls(allowed: str) -> AfterValidator:
    """Refuse control and bidirectional characters (YAML lets them in as "\\e" or "\\u202e" escapes, and
    bidirectional ones even raw): trainees would read text reordered or hidden. `allowed`: newline and tab
    in text that may run over several lines."""

    def check(text: str) -> str:
        found = first_control(text, allowed)
        if found is not None:
            raise ValueError(CONTROL_CHARACTER.format(code=code_point(found)))
        return text

    return AfterValidator(check)


# Text fields: stripped, never empty, at most this many characters, no control characters. A title is
# one line (it is a list entry, a heading and a question name elsewhere); other texts may run over several.
Text120 = Annotated[str, _limit(120), _no_controls("")]
Text300 = Annotated[str, _limit(300), _no_controls("\n\t")]
Text400 = Annotated[str, _limit(400), _no_controls("\n\t")]
Text600 = Annotated[str, _limit(600), _no_controls("\n\t")]
Text800 = Annotated[str, _limit(800), _no_controls("\n\t")]
Text2000 = Annotated[str, _limit(2000), _no_controls("\n\t")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Effect(Strict):
    """How one option bears on one part: it either upholds or undermines it, with the reason."""

    upholds: Text400 | None = Field(default=None, description="Why this option upholds the part, in the part's own terms.")
    undermines: Text400 | None = Field(default=None, description="Why this option undermines the part, in the part's own terms.")

    @model_validator(mode="after")
    def _exactly_one(self) -> "Effect":
        if (self.upholds is None) == (self.undermines is None):
            raise ValueError("give exactly one of 'upholds' or 'undermines', with the reason")
        return self

    @property
    def verdict(self) -> Literal["upholds", "undermines"]:
        return "upholds" if self.upholds is not None else "undermines"

    @property
    def reason(self) -> str:
        return self.upholds if self.upholds is not None else self.undermines  # type: ignore[return-value]


class Effects(Strict):
    """The parts an option touches. Leave out the parts it does not bear on."""

    professional: Effect | None = None
    personal: Effect | None = None
    relationship: Effect | None = None
    necessary_help: Effect | None = None
    for_the_client: Effect | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> "Effects":
        if not self.touched():
            raise ValueError("explain at least one part: " + ", ".join(PART_KEYS))
        return self

    def touched(self) -> dict[PartKey, Effect]:
        """The parts this option bears on, in the definition's order."""
        return {key: getattr(self, key) for key in PART_KEYS if getattr(self, key) is not None}


class Option(Strict):
    id: Slug
    text: Text600 = Field(description="What the therapist says or does, as the trainee reads it.")
    rating: Rating = Field(description="best | acceptable | poor | harmful")
    effects: Effects
    feedback: Text600 = Field(description="One or two sentences on why this option is rated as it is.")
    tempting: Text300 | None = Field(
        default=None, description="For an option that is not the best: one line on why a real trainee picks it. Shown with the feedback."
    )
    canon: list[Annotated[str, StringConstraints(pattern=r"^C[0-9]{1,3}$")]] = Field(
        default_factory=list,
        max_length=4,
        description="Practice-canon rulings this option applies, e.g. [C5] (see docs/practice-canon.md).",
    )
    next: Slug | None = Field(
        default=None, description="Id of the step that follows this option; leave out to end the scenario."
    )


class Exemplar(Strict):
    """A response an author wrote in their own words, judged like an option: the offline judge compares what a
    trainee types with these (and with the options) to give feedback on the trainee's own words."""

    text: Text600 = Field(description="What a trainee might say or do, in different words from every option.")
    rating: Rating = Field(description="best | acceptable | poor | harmful")
    effects: Effects
    note: Text300 | None = Field(default=None, description="Optional: one line on why it is rated so, shown with it as a worked example.")


class Twin(Strict):
    """Where the same options, word for word, meet a different client and a different best answer."""

    scenario: Slug = Field(description="Id of the other scenario.")
    step: Slug = Field(description="Id of the step in the other scenario that shows the same options.")


class Step(Strict):
    id: Slug
    prompt: Text800 = Field(description="What happens now and the question put to the trainee.")
    options: list[Option] = Field(min_length=2, max_length=6)
    say_first: bool = Field(
        default=False, description="Ask the trainee to type what they would say before showing the options ('say it first')."
    )
    exemplars: list[Exemplar] = Field(
        default_factory=list,
        max_length=20,
        description="Responses in the author's own words, each rated and judged per part, for feedback on a trainee's typed response.",
    )
    twin: Twin | None = Field(
        default=None,
        description="A step of another scenario with the same options (same ids, same words) where a different option is best.",
    )

    def option(self, option_id: str) -> Option:
        return next(option for option in self.options if option.id == option_id)

    def strongest(self) -> Option:
        return next(option for option in self.options if option.rating == "best")


class Scenario(Strict):
    id: Slug
    title: Text120 = Field(description="A short title trainees see in the list.")
    difficulty: Difficulty
    parts: list[PartKey] = Field(min_length=1, max_length=5, description="The parts this scenario trains.")
    tags: list[Slug] = Field(default_factory=list, max_length=12)
    source: Source = Field(description="article: a moment from the source article; original: written for this project.")
    kind: Kind = Field(default="moment", description="moment: a decision in the room; knowledge: a fact check.")
    venue: Venue | None = Field(default=None, description="Where the session takes place.")
    setting: Text2000 = Field(description="The situation, in 2 to 5 sentences, as the trainee first reads it.")
    steps: list[Step] = Field(min_length=1, max_length=8)
    reflection: Text600 | None = Field(default=None, description="Optional prompt for a written answer at the end.")

    def step(self, step_id: str) -> Step:
        return next(step for step in self.steps if step.id == step_id)

    @property
    def first_step(self) -> Step:
        return self.steps[0]


Location = tuple[str | int, ...]


def structural_problems(scenario: Scenario) -> list[tuple[Location, str]]:
    """Cross-checks the schema cannot express. Each problem names where it is and what to do."""
    problems: list[tuple[Location, str]] = []
    if len(set(scenario.parts)) != len(scenario.parts):
        problems.append((("parts",), "a part is listed twice; list each part once"))
    if len(set(scenario.tags)) != len(scenario.tags):
        problems.append((("tags",), "a tag is listed twice; list each tag once"))

    step_ids = [step.id for step in scenario.steps]
    for step_id, count in Counter(step_ids).items():
        if count > 1:
            where = max(i for i, s in enumerate(step_ids) if s == step_id)
            problems.append((("steps", where, "id"), f"step id '{step_id}' is used {count} times; step ids must be unique"))

    known = set(step_ids)
    for s, step in enumerate(scenario.steps):
        if not any(option.rating == "best" for option in step.options):
            problems.append((("steps", s, "options"), "no option is rated 'best'; mark the strongest response best"))
        seen_ids: set[str] = set()
        seen_texts: set[str] = set()
        for o, option in enumerate(step.options):
            here = ("steps", s, "options", o)
            text = " ".join(option.text.lower().split())
            if option.id in seen_ids:
                problems.append((here + ("id",), f"option id '{option.id}' is used twice in step '{step.id}'"))
            if text in seen_texts:
                problems.append((here + ("text",), "an earlier option in this step has the same text; make each distinct"))
            seen_ids.add(option.id)
            seen_texts.add(text)
            for c, rule in enumerate(option.canon):
                if rule not in CANON_IDS:
                    problems.append(
                        (here + ("canon", c), f"no canon rule '{rule}'; use one of {CANON[0].id}–{CANON[-1].id} (docs/practice-canon.md)")
                    )
            if option.next is not None and option.next not in known:
                problems.append(
                    (here + ("next",), f"no step '{option.next}' in this file; use one of: {', '.join(dict.fromkeys(step_ids))}, or leave 'next' out to end")
                )
        problems.extend(_exemplar_problems(s, step))

    if not problems:
        problems.extend(_graph_problems(scenario))
    return problems


def _words(text: str) -> set[str]:
    return {word.strip(".,;:!?\"'“”‘’()").lower() for word in text.split()} - {""}


def _exemplar_problems(s: int, step: Step) -> list[tuple[Location, str]]:
    """Exemplars teach only if they are new words: one that repeats an option (or another exemplar) adds nothing."""
    problems: list[tuple[Location, str]] = []
    earlier = [(f"option '{option.id}'", _words(option.text)) for option in step.options]
    for e, exemplar in enumerate(step.exemplars):
        words = _words(exemplar.text)
        for name, other in earlier:
            if words and len(words & other) / len(words | other) >= NEAR_COPY:
                problems.append((("steps", s, "exemplars", e, "text"), f"this exemplar is nearly the words of {name}; write it in different words"))
                break
        earlier.append((f"exemplar {e + 1}", words))
    if step.say_first and not step.exemplars:
        problems.append((("steps", s, "say_first"), "'say it first' needs exemplars to judge typed responses against; add at least 4 (best, acceptable, poor, harmful)"))
    return problems


NEAR_COPY = 0.8  # share of words in common (Jaccard) from which an exemplar counts as a copy


def _graph_problems(scenario: Scenario) -> list[tuple[Location, str]]:
    """Every step reachable from the first, and no way back round to a step already taken."""
    index = {step.id: i for i, step in enumerate(scenario.steps)}
    problems: list[tuple[Location, str]] = []

    reached = {scenario.steps[0].id}
    frontier = [scenario.steps[0]]
    while frontier:
        for option in frontier.pop().options:
            if option.next and option.next not in reached:
                reached.add(option.next)
                frontier.append(scenario.step(option.next))
    for step in scenario.steps:
        if step.id not in reached:
            problems.append(
                (("steps", index[step.id], "id"), f"step '{step.id}' cannot be reached from the first step; point an option's 'next' at it or remove it")
            )

    # Iterative depth-first search with colours: grey = on the current path.
    colour: dict[str, str] = {}
    for root in scenario.steps:
        if root.id in colour:
            continue
        stack = [(root.id, iter(root.options))]
        colour[root.id] = "grey"
        while stack:
            step_id, options = stack[-1]
            following = next(options, None)
            if following is None:
                colour[step_id] = "black"
                stack.pop()
                continue
            option = following
            if option.next is None:
                continue
            state = colour.get(option.next)
            if state == "grey":
                o = scenario.step(step_id).options.index(option)
                problems.append(
                    (("steps", index[step_id], "options", o, "next"), f"'next: {option.next}' leads back to an earlier step, making a loop; scenarios must always move forward")
                )
            elif state is None:
                colour[option.next] = "grey"
                stack.append((option.next, iter(scenario.step(option.next).options)))
    return problems


def remaining_steps(scenario: Scenario, step_id: str) -> int:
    """The most steps a trainee can still meet from this one, itself included (the graph has no loops)."""
    memo: dict[str, int] = {}

    def longest(sid: str) -> int:
        if sid not in memo:
            step = scenario.step(sid)
            memo[sid] = 1 + max((longest(o.next) for o in step.options if o.next), default=0)
        return memo[sid]

    return longest(step_id)
