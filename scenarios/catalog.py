"""Finding scenarios: the filters and search the practice page offers."""

import random
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball stemmers

from scenarios.model import DIFFICULTIES, Scenario

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_local = threading.local()  # a Stemmer object may not be shared between threads, and each page run is one


def _stemmer() -> Stemmer.Stemmer:
    if not hasattr(_local, "stemmer"):
        _local.stemmer = Stemmer.Stemmer("english")
    return _local.stemmer


def stems(text: str) -> list[str]:
    """Word stems, so that 'narcissist' finds 'narcissistic' and 'gifts' finds 'gift'."""
    found: list[str] = _stemmer().stemWords(_WORD.findall(text.lower()))
    return found


@lru_cache(maxsize=2048)
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stems(text))


# A search reads at most this much of what was typed. The search box has the same limit, but a page's
# widgets can be bypassed (a crafted websocket message), so the search itself holds to it: a guest's
# megabytes of "search" would otherwise cost every rerun seconds, for everyone on the server.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]
    cut: bool  # the text typed was longer than a search reads; only `words` were searched for

    @property
    def notice(self) -> str | None:
        """What to tell the person searching when their text was cut, or None."""
        if not self.cut:
            return None
        return (
            f"A search reads at most {MAX_QUERY_WORDS} words and {MAX_QUERY_CHARS} characters; "
            f"the rest of yours was left out. Searched for: {' '.join(self.words)}"
        )


def search_query(text: str) -> Query:
    """The words a search uses: at most MAX_QUERY_WORDS, from the first MAX_QUERY_CHARS characters."""
    text = text.strip()
    head = text[:MAX_QUERY_CHARS]
    words = head.lower().split()
    return Query(tuple(words[:MAX_QUERY_WORDS]), cut=len(text) > MAX_QUERY_CHARS or len(words) > MAX_QUERY_WORDS)


def searchable_text(scenario: Scenario) -> str:
    pieces = [scenario.id, scenario.title, scenario.setting, " ".join(scenario.tags), scenario.reflection or ""]
    for step in scenario.steps:
        pieces.append(step.prompt)
        pieces.extend(option.text for option in step.options)
    return " ".join(pieces).lower()


def matches(scenario: Scenario, words: Iterable[str]) -> bool:
    """Every word searched is in the scenario as a word, in any of its forms (the same stem), or as the
    start of one, so a half-typed word already finds. A word is not found inside another word ("hr" is
    not in "three"); a word with a hyphen or other mark ("gift-from-a-work-trip") is looked for as written."""
    text = searchable_text(scenario)
    known = _stems_of(text)
    for word in words:
        if not word.isalnum():
            if word not in text:
                return False
            continue
        wanted = stems(word)
        if not wanted or not all(any(stem.startswith(w) for stem in known) for w in wanted):
            return False
    return True


def filter_scenarios(
    scenarios: Iterable[Scenario],
    parts: Iterable[str] = (),
    difficulties: Iterable[str] = (),
    tags: Iterable[str] = (),
    text: str = "",
    exclude: Iterable[str] = (),
) -> list[Scenario]:
    """Scenarios training any chosen part, at any chosen difficulty, with any chosen tag, containing every word
    searched (of the words `search_query` reads from `text`)."""
    parts, difficulties, tags, exclude = set(parts), set(difficulties), set(tags), set(exclude)
    words = search_query(text).words
    chosen = [
        s
        for s in scenarios
        if (not parts or parts & set(s.parts))
        and (not difficulties or s.difficulty in difficulties)
        and (not tags or tags & set(s.tags))
        and s.id not in exclude
        and (not words or matches(s, words))
    ]
    return sorted(chosen, key=lambda s: (DIFFICULTIES.index(s.difficulty), s.title.lower()))


def all_tags(scenarios: Iterable[Scenario]) -> list[str]:
    return sorted({tag for s in scenarios for tag in s.tags})


def random_for_part(scenarios: Iterable[Scenario], part: str, avoid: Iterable[str] = (), rng: random.Random | None = None) -> Scenario | None:
    """A random scenario training `part`, preferring ones not in `avoid` (e.g. already tried)."""
    pool = [s for s in scenarios if part in s.parts]
    fresh = [s for s in pool if s.id not in set(avoid)]
    choices = fresh or pool
    return (rng or random).choice(choices) if choices else None


def next_after(current_id: str, order: list[str]) -> str | None:
    """The scenario after `current_id` in a list, wrapping round; the first if it is not in the list."""
    if not order:
        return None
    if current_id not in order:
        return order[0]
    return order[(order.index(current_id) + 1) % len(order)]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


# Openers that set the trainee's scene rather than the client's: a card's one line says more when it
# starts with the client ("Priya, 34, ..."), so such a sentence is skipped when another follows.
_SCENE_OPENERS = ("You are ", "You're ", "It is ", "It's ", "You work ", "You have been ")
_ABBREVIATIONS = re.compile(r"\b(Dr|Mrs|Mr|Ms|Mx|St|Prof|a\.m|p\.m|e\.g|i\.e|vs)\.$")


def sentences(text: str) -> list[str]:
    """The text's sentences, not split after 'Dr.', 'Mrs.', 'p.m.' and the like."""
    pieces = _SENTENCE_END.split(" ".join(text.split()))
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREVIATIONS.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return [m for m in merged if m]


def teaser(scenario: Scenario, limit: int = 140) -> str:
    """The one line a scenario card shows: the setting's first sentence about the client, cut at a word if long."""
    found = sentences(scenario.setting) or [scenario.setting]
    about_client = [s for s in found if not s.startswith(_SCENE_OPENERS)]
    first = (about_client or found)[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"
