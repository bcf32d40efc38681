"""Assignment results for supervisors: scores, completion, heatmap, item statistics, agenda, exports.

Input is the plain data records.assignments returns. Bulk figures are computed column-wise
with pandas on the answers' part bit masks (scenarios.parts.part_mask), so a semester of a
department's answers is summarised without reading any JSON.
"""

import io
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

import numpy as np
import pandas as pd

from scenarios.judged import Judged
from scenarios.parts import PARTS
from scoring.profile import AnswerLike, part_profile

TOO_EASY, TOO_HARD = 0.9, 0.3
CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
_INTEGER = {"trainee_id", "submission_id", "attempt_id", "at_stake_mask", "upheld_mask", "undermined_mask"}


def _typed(name: str, values: Sequence[Any]) -> np.ndarray:
    if name in _INTEGER:
        return np.array(values, dtype=np.int64)
    if name == "credit":
        return np.array(values, dtype=np.float64)
    return np.array(values, dtype=object)  # plain objects: far quicker to build than inferred string columns


def answers_frame(columns: Mapping[str, Sequence[Any]]) -> pd.DataFrame:
    """Answers (records.assignments.assignment_answers' columns) as a frame, keeping per submission only the
    newest attempt at each scenario (an attempt restarted because its scenario was revised replaces the older one)."""
    frame = pd.DataFrame({name: _typed(name, values) for name, values in columns.items()}, copy=False)
    if frame.empty:
        return frame
    newest = frame.groupby(["submission_id", "scenario_id"], sort=False)["attempt_id"].transform("max")
    kept: pd.DataFrame = frame[frame["attempt_id"].to_numpy() == newest.to_numpy()]
    return kept


class SubmissionLike(Protocol):
    """What this module reads of records.assignments.Submission."""

    @property
    def id(self) -> int: ...
    @property
    def trainee_id(self) -> int: ...
    @property
    def number(self) -> int: ...
    @property
    def submitted_at(self) -> datetime | None: ...


class AssignmentLike(Protocol):
    """What this module reads of records.assignments.Assignment."""

    @property
    def title(self) -> str: ...
    @property
    def due_at(self) -> datetime | None: ...
    @property
    def closed(self) -> bool: ...
    def overdue(self, now: datetime | None = None) -> bool: ...


SubmissionT = TypeVar("SubmissionT", bound=SubmissionLike)


def counted_submissions(
    counts: str, submissions: Iterable[SubmissionT], scores: Mapping[int, float | tuple[float, float]]
) -> dict[int, SubmissionT]:
    """Per trainee, the handed-in submission that counts: the first, the last, or the best scoring.
    `scores` maps submission id to its score (or to (score, total))."""
    def score(s: SubmissionT) -> float:
        value = scores.get(s.id, 0.0)
        return float(value[0] if isinstance(value, tuple) else value)

    handed_in: dict[int, list[SubmissionT]] = {}
    for s in submissions:
        if s.submitted_at is not None:
            handed_in.setdefault(s.trainee_id, []).append(s)
    chosen: dict[int, SubmissionT] = {}
    for trainee_id, subs in handed_in.items():
        subs.sort(key=lambda s: s.number)
        if counts == "first":
            chosen[trainee_id] = subs[0]
        elif counts == "last":
            chosen[trainee_id] = subs[-1]
        else:
            chosen[trainee_id] = max(subs, key=lambda s: (score(s), -s.number))
    return chosen


def status_of(assignment: AssignmentLike, subs: Sequence[SubmissionLike], now: datetime | None = None) -> str:
    handed_in = [s.submitted_at for s in subs if s.submitted_at is not None]
    if handed_in:
        late = assignment.due_at is not None and min(handed_in) > assignment.due_at
        return "submitted late" if late else "submitted"
    if assignment.closed:
        return "closed"
    if assignment.overdue(now):
        return "overdue"
    return "in progress" if subs else "not started"


def _parts_named(mask: int) -> str:
    return ", ".join(p.name for i, p in enumerate(PARTS) if mask & (1 << i))


class Summary:
    """One assignment's figures, derived from an overview, the submissions' scores and the sums over
    the counted submissions' answers (records.assignments.overview / submission_scores / counted_aggregates)."""

    def __init__(self, overview: Any, scores: dict[int, tuple[float, float]], counted: Mapping[int, SubmissionLike], aggregates: Any):
        # overview and aggregates are records.assignments.Overview and Aggregates (read by attribute).
        self.overview, self.scores, self.counted, self.aggregates = overview, scores, counted, aggregates

    def score_table(self, now: datetime | None = None) -> pd.DataFrame:
        by_trainee: dict[int, list[SubmissionLike]] = {}
        for s in self.overview.submissions:
            by_trainee.setdefault(s.trainee_id, []).append(s)
        rows: list[dict[str, Any]] = []
        for person in self.overview.trainees:
            subs = by_trainee.get(person.id, [])
            chosen = self.counted.get(person.id)
            rows.append(
                {
                    "trainee": person.name,
                    "email": person.email or "",
                    "status": status_of(self.overview.assignment, subs, now),
                    "submissions": sum(s.submitted_at is not None for s in subs),
                    "score (%)": round(self.scores.get(chosen.id, (0.0, 0.0))[0], 1) if chosen else None,
                    "submitted (UTC)": f"{chosen.submitted_at:%Y-%m-%d %H:%M}" if chosen and chosen.submitted_at else "",
                    "trainee_id": person.id,
                }
            )
        table = pd.DataFrame(rows, columns=["trainee", "email", "status", "submissions", "score (%)", "submitted (UTC)", "trainee_id"])
        # A trainee with nothing handed in shows empty cells, never the word "None": a float column
        # (NaN is drawn empty in the score bar) and the time as text.
        table["score (%)"] = pd.to_numeric(table["score (%)"], errors="coerce").astype(float)
        return table

    def scores_by_trainee(self) -> dict[int, float]:
        return {t: self.scores.get(s.id, (0.0, 0.0))[0] for t, s in self.counted.items()}

    def heatmap_frame(self) -> pd.DataFrame:
        """Trainee x part: the share of counted answers that upheld the part when it was at stake."""
        names = {p.id: p.name for p in self.overview.trainees}
        rows = self.aggregates.parts
        if not rows:
            return pd.DataFrame(columns=["trainee", "part", "upheld rate", "at stake"])
        trainee, stake, upheld, count = (np.array(col) for col in zip(*rows, strict=True))
        out = []
        for i, part in enumerate(PARTS):
            bit = 1 << i
            at = ((stake & bit) > 0) * count
            up = ((stake & bit) > 0) * ((upheld & bit) > 0) * count
            frame = pd.DataFrame({"trainee_id": trainee, "at": at, "up": up}).groupby("trainee_id").sum()
            for trainee_id, r in frame.iterrows():
                n = int(r["at"])
                out.append({"trainee": names.get(trainee_id, "?"), "part": part.name, "upheld rate": r["up"] / n if n else math.nan, "at stake": n})
        return pd.DataFrame(out, columns=["trainee", "part", "upheld rate", "at stake"]).sort_values(["trainee"], kind="stable").reset_index(drop=True)

    def item_statistics(self) -> pd.DataFrame:
        """Per step, after Moodle's quiz statistics, over each trainee's counted submission.

        facility: mean credit (0..1); sd: sample standard deviation of credit;
        discrimination: Pearson correlation between the step's credit x and the rest of the test
        y = t - x (t: the submission's total credit), over the trainees who met the step.
        """
        columns = ["scenario_id", "step_id", "parts", "answers", "facility", "sd", "discrimination", "flags"]
        if not self.aggregates.items:
            return pd.DataFrame(columns=columns)
        sums = pd.DataFrame(self.aggregates.items, columns=["scenario_id", "step_id", "n", "sx", "sxx", "st", "stt", "stx"])
        n = sums["n"].astype(float)
        sx, sxx, st, stt, stx = (sums[c].astype(float) for c in ("sx", "sxx", "st", "stt", "stx"))
        sy, syy, sxy = st - sx, stt - 2 * stx + sxx, stx - sxx
        var_x = (sxx - sx**2 / n).clip(lower=0)
        var_y = (syy - sy**2 / n).clip(lower=0)
        cov = sxy - sx * sy / n
        tiny = 1e-12
        table = pd.DataFrame(
            {
                "scenario_id": sums["scenario_id"],
                "step_id": sums["step_id"],
                "answers": sums["n"].astype(int),
                "facility": sx / n,
                "sd": pd.Series(np.sqrt(var_x / (n - 1)), index=n.index).where(n > 1),
                "discrimination": (cov / pd.Series(np.sqrt(var_x * var_y), index=n.index)).where((n >= 3) & (var_x > tiny) & (var_y > tiny)),
            }
        )
        masks: dict[tuple[str, str], int] = {}
        for scenario_id, step_id, _option, _rating, mask, _count in self.aggregates.options:
            masks[(scenario_id, step_id)] = masks.get((scenario_id, step_id), 0) | int(mask)
        table["parts"] = [_parts_named(masks.get(key, 0)) for key in zip(table["scenario_id"], table["step_id"], strict=True)]
        flags = []
        for f, d in zip(table["facility"], table["discrimination"], strict=True):
            found = []
            if f > TOO_EASY:
                found.append("too easy")
            if f < TOO_HARD:
                found.append("too hard")
            if not math.isnan(d) and d < 0:
                found.append("discriminates negatively")
            flags.append(", ".join(found))
        table["flags"] = flags
        return table[columns].sort_values(["scenario_id", "step_id"], kind="stable").reset_index(drop=True)

    def option_frequencies(self) -> pd.DataFrame:
        """How often each option was chosen, per step: the distractors that tempt."""
        chosen = pd.DataFrame(self.aggregates.options, columns=["scenario_id", "step_id", "option_id", "rating", "mask", "chosen"])
        table = chosen.groupby(["scenario_id", "step_id", "option_id", "rating"], sort=False)["chosen"].sum().reset_index()
        if table.empty:
            return table.assign(share=pd.Series(dtype=float))
        table["share"] = table["chosen"] / table.groupby(["scenario_id", "step_id"])["chosen"].transform("sum")
        return table.sort_values(["scenario_id", "step_id", "chosen"], ascending=[True, True, False]).reset_index(drop=True)


def part_rollup(items: pd.DataFrame) -> pd.DataFrame:
    """Item statistics averaged over the steps at which each part was at stake."""
    rows = []
    for part in PARTS:
        mine = items[items["parts"].str.contains(part.name, regex=False)] if not items.empty else items
        rows.append(
            {
                "part": part.name,
                "steps": len(mine),
                "mean facility": float(mine["facility"].mean()) if len(mine) else math.nan,
                "mean discrimination": float(mine["discrimination"].mean()) if len(mine) else math.nan,
            }
        )
    return pd.DataFrame(rows)


class Detail(AnswerLike, Protocol):
    """What this module reads of records.assignments.AnswerDetail."""

    @property
    def submission_id(self) -> int: ...
    @property
    def scenario_id(self) -> str: ...
    @property
    def attempt_id(self) -> int: ...
    @property
    def step_id(self) -> str: ...
    @property
    def option_id(self) -> str: ...
    @property
    def scenario_title(self) -> str: ...


DetailT = TypeVar("DetailT", bound=Detail)


def counted_detail(summary: "Summary", detail: list[DetailT]) -> list[DetailT]:
    """One trainee's full answers (records.assignments.trainee_answers), limited to the counted
    submission and, in it, the newest attempt at each scenario."""
    counted = {s.id for s in summary.counted.values()}
    newest: dict[tuple[int, str], int] = {}
    for row in detail:
        if row.submission_id in counted:
            key = (row.submission_id, row.scenario_id)
            newest[key] = max(newest.get(key, 0), row.attempt_id)
    return [r for r in detail if newest.get((r.submission_id, r.scenario_id)) == r.attempt_id]


def trainee_profile(detail: Sequence[AnswerLike]) -> pd.DataFrame:
    return part_profile(detail)


class PersonLike(Protocol):
    """What the gradebook reads of records.assignments.Person."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str | None: ...
    @property
    def sis_id(self) -> str | None: ...


def canvas_gradebook(section: str, people: Sequence[PersonLike], scores_by_assignment: dict[str, dict[int, float | None]]) -> pd.DataFrame:
    """Canvas's gradebook import layout: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment."""
    rows: list[dict[str, Any]] = [{"Student": "    Points Possible", "ID": "", "SIS User ID": "", "SIS Login ID": "", "Section": "", **{t: 100 for t in scores_by_assignment}}]
    for person in people:
        row: dict[str, Any] = {"Student": person.name, "ID": "", "SIS User ID": person.sis_id or "", "SIS Login ID": person.email or "", "Section": section}
        for title, scores in scores_by_assignment.items():
            value = scores.get(person.id)
            row[title] = "" if value is None else round(value, 1)
        rows.append(row)
    return pd.DataFrame(rows, columns=CANVAS_FIXED + list(scores_by_assignment))


# A spreadsheet reads a cell that starts with one of these as a formula; a trainee's name or
# reflection must never run as one on the supervisor's machine.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defused(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def defuse_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which text that a spreadsheet would run as a formula starts with an apostrophe (OWASP's advice for CSV)."""
    safe = frame.rename(columns=_defused)
    for column in safe.select_dtypes(include=["object", "string"]).columns:
        safe[column] = safe[column].map(_defused)
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return defuse_formulas(frame).to_csv(index=False).encode("utf-8")


MAX_XLSX_WIDTH = 60  # characters; longer text wraps in the cell instead of making one column a screen wide


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "Gradebook") -> bytes:
    """An XLSX in which every text cell is text: openpyxl would store text starting with '=' as a formula."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
        worksheet = writer.sheets[sheet[:31]]
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
        worksheet.freeze_panes = "A2"  # the header row stays in view while scrolling
        for column in worksheet.columns:
            longest = max((len(str(cell.value)) for cell in column if cell.value is not None), default=0)
            worksheet.column_dimensions[column[0].column_letter].width = min(MAX_XLSX_WIDTH, max(8, longest + 2))
    return buffer.getvalue()


def answers_export(overview: Any, columns: Mapping[str, Sequence[Any]]) -> pd.DataFrame:
    """Every answer of the assignment (records.assignments.assignment_answers), one row each, with a mark per part."""
    frame = pd.DataFrame({name: _typed(name, values) for name, values in columns.items()}, copy=False)
    people = {p.id: p for p in overview.trainees}
    numbers = {s.id: s.number for s in overview.submissions}
    judged = [Judged.from_stored(value) for value in frame["judged"]] if "judged" in frame else []
    out = pd.DataFrame(
        {
            "trainee": frame["trainee_id"].map(lambda t: people[t].name),
            "email": frame["trainee_id"].map(lambda t: people[t].email or ""),
            "assignment": overview.assignment.title,
            "submission": frame["submission_id"].map(numbers),
            "scenario": frame["scenario_title"],
            "step": [j.prompt for j in judged],
            "chose": [j.said(option) for j, option in zip(judged, frame["option_id"], strict=True)],
            "rating": frame["rating"],
            "credit": frame["credit"],
            "confidence": frame["confidence"].fillna(""),
            "answered (UTC)": [f"{moment:%Y-%m-%d %H:%M}" if moment is not None else "" for moment in frame["answered_at"]],
            "reflection": frame["reflection"].fillna(""),
        }
    )
    stake, up, down = (frame[c].to_numpy(dtype=np.int64) for c in ("at_stake_mask", "upheld_mask", "undermined_mask"))
    for i, part in enumerate(PARTS):
        bit = 1 << i
        out[part.name] = np.select([(up & bit) > 0, (down & bit) > 0, (stake & bit) > 0], ["upheld", "undermined", "missed"], default="not at stake")
    return out
