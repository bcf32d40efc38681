"""How far the offline judge agrees with people (and people with each other), from labelled responses.

Cohen's kappa (quadratic weights for the ordinal rating) and confusion matrices come from scikit-learn;
Krippendorff's alpha (ordinal) from the `krippendorff` package, with a bootstrap interval over responses.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.metrics import cohen_kappa_score, confusion_matrix

from scenarios.model import RATINGS, Rating
from scenarios.parts import PART_KEYS, PartKey

VERDICTS = ("undermines", "not at stake", "upholds")  # ordered, so that kappa and alpha can weigh distance
RATING_ORDER: tuple[Rating, ...] = ("harmful", "poor", "acceptable", "best")


class LabelError(ValueError):
    """A line of a labelled file that cannot be read; the message names the line and what to fix."""


@dataclass(frozen=True)
class Labelled:
    scenario: str
    step: str
    text: str
    rating: Rating
    parts: dict[PartKey, str]
    line: int


def read_labelled(path: Path) -> list[Labelled]:
    """Lines {"scenario", "step", "text", "rating", "parts"}; other keys (language, kind) are allowed."""
    found = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as error:
            raise LabelError(f"{path}:{number}: not JSON ({error.msg}); write one object per line") from None
        missing = [key for key in ("scenario", "step", "text", "rating") if key not in row]
        if missing:
            raise LabelError(f"{path}:{number}: missing {', '.join(missing)}")
        if row["rating"] not in RATINGS:
            raise LabelError(f"{path}:{number}: rating '{row['rating']}' is not one of {', '.join(RATINGS)}")
        parts = row.get("parts") or {}
        bad = {k: v for k, v in parts.items() if k not in PART_KEYS or v not in VERDICTS}
        if bad:
            raise LabelError(f"{path}:{number}: parts must map {', '.join(PART_KEYS)} to one of {', '.join(VERDICTS)}; got {bad}")
        found.append(Labelled(row["scenario"], row["step"], row["text"], row["rating"], {k: parts.get(k, "not at stake") for k in PART_KEYS}, number))
    return found


@dataclass(frozen=True)
class Agreement:
    """Agreement on what both raters judged; responses one side could not judge are counted apart."""

    n: int
    rating_kappa: float  # quadratic-weighted
    rating_exact: float
    part_kappa: dict[PartKey, float]
    rating_confusion: list[list[int]]  # rows: people, columns: judge, in RATING_ORDER
    part_confusion: dict[PartKey, list[list[int]]] = field(default_factory=dict)  # rows and columns in VERDICTS
    not_judged: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "responses": self.n + self.not_judged,
            "judged": self.n,
            "not judged": self.not_judged,
            "rating": {
                "quadratic weighted kappa": round(self.rating_kappa, 3),
                "exact agreement": round(self.rating_exact, 3),
                "confusion (rows: people, columns: judge)": {"order": list(RATING_ORDER), "counts": self.rating_confusion},
            },
            "parts": {
                key: {"kappa": round(self.part_kappa[key], 3), "confusion": {"order": list(VERDICTS), "counts": self.part_confusion[key]}}
                for key in PART_KEYS
            },
        }


def _kappa(a: Sequence[str], b: Sequence[str], order: Sequence[str], weights: str | None) -> float:
    if len(set(a) | set(b)) < 2:
        return 1.0 if list(a) == list(b) else 0.0  # kappa is undefined when everyone says one thing
    return float(cohen_kappa_score([order.index(x) for x in a], [order.index(x) for x in b], labels=list(range(len(order))), weights=weights))


def agreement(people: Sequence[Labelled], machine: Sequence[tuple[str | None, Mapping[PartKey, str]]]) -> Agreement:
    """`machine[i]` is the judge's (rating or None when not judged, parts) for `people[i]`."""
    pairs = [(p, m) for p, m in zip(people, machine, strict=True) if m[0] is not None]
    human = [p.rating for p, _ in pairs]
    judged = [str(m[0]) for _, m in pairs]
    rating_kappa = _kappa(human, judged, RATING_ORDER, "quadratic")
    exact = float(np.mean([h == j for h, j in zip(human, judged, strict=True)])) if pairs else 0.0
    confusion = confusion_matrix([RATING_ORDER.index(h) for h in human], [RATING_ORDER.index(j) for j in judged], labels=range(4)).tolist() if pairs else []
    part_kappa, part_confusion = {}, {}
    for key in PART_KEYS:
        a = [p.parts[key] for p, _ in pairs]
        b = [m[1][key] for _, m in pairs]
        part_kappa[key] = _kappa(a, b, VERDICTS, "linear")
        part_confusion[key] = confusion_matrix([VERDICTS.index(x) for x in a], [VERDICTS.index(x) for x in b], labels=range(3)).tolist() if pairs else []
    return Agreement(len(pairs), rating_kappa, exact, part_kappa, confusion, part_confusion, len(people) - len(pairs))


@dataclass(frozen=True)
class Alpha:
    value: float
    low: float
    high: float
    units: int

    @property
    def reading(self) -> str:
        """Krippendorff's usual reading: at least .80 reliable, at least .667 tentative."""
        if np.isnan(self.value):
            return "too few ratings"
        return "reliable" if self.value >= 0.8 else "tentative" if self.value >= 0.667 else "not reliable"


def ordinal_alpha(ratings: Iterable[Sequence[int | None]], *, resamples: int = 1000, seed: int = 7) -> Alpha:
    """Krippendorff's alpha (ordinal) over units (one row per response, one column per rater, None when a
    rater did not rate it), with a 95 % bootstrap interval over responses."""
    import krippendorff

    data = np.array([[np.nan if v is None else v for v in row] for row in ratings], dtype=float)
    usable = data[(~np.isnan(data)).sum(axis=1) >= 2]
    if len(usable) < 2:
        return Alpha(float("nan"), float("nan"), float("nan"), len(usable))

    def alpha_of(rows: np.ndarray) -> float:
        if len(np.unique(rows[~np.isnan(rows)])) < 2:
            return float("nan")
        return float(krippendorff.alpha(reliability_data=rows.T, level_of_measurement="ordinal"))

    value = alpha_of(usable)
    rng = np.random.default_rng(seed)
    draws = [alpha_of(usable[rng.integers(0, len(usable), len(usable))]) for _ in range(resamples)]
    draws = [d for d in draws if not np.isnan(d)]
    low, high = (float(np.percentile(draws, 2.5)), float(np.percentile(draws, 97.5))) if draws else (float("nan"), float("nan"))
    return Alpha(value, low, high, len(usable))
