"""Assignment results for supervisors: scores, completion, heatmap, item statistics, agenda, exports.

Input is the plain data records.assignments returns. Bulk figures are computed column-wise
with pandas on the answers' part bit masks (scenarios.parts.part_mask), so a semester of a
department's answers is summarised without reading any JSON.
"""

import io
import math
from datetime import datetime

import numpy as np
import pandas as pd

from scenarios.parts import PARTS
from scoring.profile import part_profile

TOO_EASY, TOO_HARD = 0.9, 0.3
CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
ANSWER_COLUMNS = [
    "trainee_id", "submission_id", "attempt_id", "scenario_id", "step_id", "option_id", "rating", "credit", "confidence",
    "at_stake_mask", "upheld_mask", "undermined_mask",
]


_INTEGER = {"trainee_id", "submission_id", "attempt_id", "at_stake_mask", "upheld_mask", "undermined_mask"}


def columns_of(rows: list[dict]) -> dict[str, tuple]:
    """Answer dicts (as tests and small callers have them) as columns."""
    return {c: tuple(r.get(c, 0 if c.endswith("_mask") else None) for r in rows) for c in ANSWER_COLUMNS}


def _typed(name: str, values) -> np.ndarray:
    if name in _INTEGER:
        return np.array(values, dtype=np.int64)
    if name == "credit":
        return np.array(values, dtype=np.float64)
    return np.array(values, dtype=object)  # plain objects: far quicker to build than inferred string columns


def answers_frame(columns: dict[str, tuple]) -> pd.DataFrame:
    """Answers as a frame, keeping per submission only the newest attempt at each scenario
    (an attempt restarted because its scenario was revised replaces the older one)."""
    frame = pd.DataFrame({name: _typed(name, columns.get(name, ())) for name in ANSWER_COLUMNS}, copy=False)
    if frame.empty:
        return frame
    newest = frame.groupby(["submission_id", "scenario_id"], sort=False)["attempt_id"].transform("max")
    return frame[frame["attempt_id"].to_numpy() == newest.to_numpy()]


def submission_scores(answers: pd.DataFrame) -> pd.Series:
    """Score of each submission in percent: the mean over its scenarios of credit per step answered."""
    if answers.empty:
        return pd.Series(dtype=float, name="score")
    per_attempt = answers.groupby(["submission_id", "attempt_id"], sort=False)["credit"].mean()
    return (per_attempt.groupby(level="submission_id").mean() * 100).rename("score")


def counted_submissions(counts: str, submissions, scores: pd.Series) -> dict[int, object]:
    """Per trainee, the handed-in submission that counts: the first, the last, or the best scoring."""
    handed_in: dict[int, list] = {}
    for s in submissions:
        if s.submitted_at is not None:
            handed_in.setdefault(s.trainee_id, []).append(s)
    chosen = {}
    for trainee_id, subs in handed_in.items():
        subs.sort(key=lambda s: s.number)
        if counts == "first":
            chosen[trainee_id] = subs[0]
        elif counts == "last":
            chosen[trainee_id] = subs[-1]
        else:
            chosen[trainee_id] = max(subs, key=lambda s: (scores.get(s.id, 0.0), -s.number))
    return chosen


def status_of(assignment, subs: list, now: datetime | None = None) -> str:
    submitted = [s for s in subs if s.submitted_at is not None]
    if submitted:
        late = assignment.due_at is not None and min(s.submitted_at for s in submitted) > assignment.due_at
        return "submitted late" if late else "submitted"
    if assignment.overdue(now):
        return "overdue"
    return "in progress" if subs else "not started"


class Summary:
    """One assignment's results, with the shared work (scores, counted submissions) done once."""

    def __init__(self, results):
        self.results = results
        self.answers = answers_frame(results.answers)
        self.scores = submission_scores(self.answers)
        self.counted = counted_submissions(results.assignment.counts, results.submissions, self.scores)
        counted_ids = np.array([s.id for s in self.counted.values()], dtype=np.int64)
        self.counted_answers = self.answers[self.answers["submission_id"].isin(counted_ids)]

    def score_table(self, now: datetime | None = None) -> pd.DataFrame:
        by_trainee: dict[int, list] = {}
        for s in self.results.submissions:
            by_trainee.setdefault(s.trainee_id, []).append(s)
        rows = []
        for person in self.results.trainees:
            subs = by_trainee.get(person["id"], [])
            chosen = self.counted.get(person["id"])
            rows.append(
                {
                    "trainee": person["name"],
                    "email": person["email"] or "",
                    "status": status_of(self.results.assignment, subs, now),
                    "submissions": sum(s.submitted_at is not None for s in subs),
                    "score (%)": round(float(self.scores.get(chosen.id, 0.0)), 1) if chosen else None,
                    "submitted (UTC)": chosen.submitted_at if chosen else None,
                    "trainee_id": person["id"],
                }
            )
        return pd.DataFrame(rows, columns=["trainee", "email", "status", "submissions", "score (%)", "submitted (UTC)", "trainee_id"])

    def heatmap_frame(self) -> pd.DataFrame:
        """Trainee x part: the share of counted answers that upheld the part when it was at stake."""
        answers = self.counted_answers
        names = {p["id"]: p["name"] for p in self.results.trainees}
        if answers.empty:
            return pd.DataFrame(columns=["trainee", "part", "upheld rate", "at stake"])
        stake, upheld = answers["at_stake_mask"].to_numpy(), answers["upheld_mask"].to_numpy()
        columns = {}
        for i, part in enumerate(PARTS):
            bit = 1 << i
            at = (stake & bit) > 0
            columns[(part.name, "at stake")] = at
            columns[(part.name, "upheld")] = at & ((upheld & bit) > 0)
        counts = pd.DataFrame(columns, index=answers.index).groupby(answers["trainee_id"]).sum()
        rows = []
        for trainee_id, row in counts.iterrows():
            for part in PARTS:
                n, up = int(row[(part.name, "at stake")]), int(row[(part.name, "upheld")])
                rows.append({"trainee": names.get(trainee_id, "?"), "part": part.name, "upheld rate": up / n if n else math.nan, "at stake": n})
        return pd.DataFrame(rows, columns=["trainee", "part", "upheld rate", "at stake"])

    def item_statistics(self) -> pd.DataFrame:
        """Per step, after Moodle's quiz statistics, over each trainee's counted submission.

        facility: mean credit (0..1); sd: sample standard deviation of credit;
        discrimination: Pearson correlation between the step's credit and the rest of the test
        (the submission's total credit minus this step), over trainees who met the step.
        """
        answers = self.counted_answers
        columns = ["scenario_id", "step_id", "parts", "answers", "facility", "sd", "discrimination", "flags"]
        if answers.empty:
            return pd.DataFrame(columns=columns)
        x = answers["credit"].astype(float)
        y = answers["submission_id"].map(answers.groupby("submission_id")["credit"].sum()) - x
        work = pd.DataFrame({"scenario_id": answers["scenario_id"], "step_id": answers["step_id"], "x": x, "y": y, "xx": x * x, "yy": y * y, "xy": x * y})
        sums = work.groupby(["scenario_id", "step_id"], sort=False).agg(n=("x", "size"), sx=("x", "sum"), sy=("y", "sum"), sxx=("xx", "sum"), syy=("yy", "sum"), sxy=("xy", "sum"))
        n = sums["n"].astype(float)
        facility = sums["sx"] / n
        var_x = (sums["sxx"] - sums["sx"] ** 2 / n).clip(lower=0)
        var_y = (sums["syy"] - sums["sy"] ** 2 / n).clip(lower=0)
        cov = sums["sxy"] - sums["sx"] * sums["sy"] / n
        sd = np.sqrt(var_x / (n - 1)).where(n > 1)
        tiny = 1e-12
        discrimination = (cov / np.sqrt(var_x * var_y)).where((n >= 3) & (var_x > tiny) & (var_y > tiny))
        stake = answers.groupby(["scenario_id", "step_id"], sort=False)["at_stake_mask"].agg(np.bitwise_or.reduce)
        table = pd.DataFrame({"answers": sums["n"], "facility": facility, "sd": sd, "discrimination": discrimination}).reset_index()
        table["parts"] = [", ".join(p.name for i, p in enumerate(PARTS) if int(m) & (1 << i)) for m in stake.to_numpy()]
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
        return table[columns]

    def option_frequencies(self) -> pd.DataFrame:
        """How often each option was chosen, per step: the distractors that tempt."""
        answers = self.counted_answers
        if answers.empty:
            return pd.DataFrame(columns=["scenario_id", "step_id", "option_id", "rating", "chosen", "share"])
        table = answers.groupby(["scenario_id", "step_id", "option_id", "rating"], sort=False).size().rename("chosen").reset_index()
        table["share"] = table["chosen"] / table.groupby(["scenario_id", "step_id"])["chosen"].transform("sum")
        return table.sort_values(["scenario_id", "step_id", "chosen"], ascending=[True, True, False])

    def scores_by_trainee(self) -> dict[int, float | None]:
        return {t: float(self.scores.get(s.id, 0.0)) for t, s in self.counted.items()}


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


class _Answer:  # the attribute shape scoring.profile reads
    def __init__(self, row: dict):
        self.rating, self.credit, self.confidence, self.judged = row["rating"], row["credit"], row["confidence"], row["judged"]


def counted_detail(summary: Summary, detail: list[dict]) -> list[dict]:
    """One trainee's full answers (records.assignments.trainee_answers), limited to the counted submission and newest attempts."""
    kept = set(summary.counted_answers["attempt_id"].tolist())
    return [row for row in detail if row["attempt_id"] in kept]


def trainee_profile(detail: list[dict]) -> pd.DataFrame:
    return part_profile([_Answer(row) for row in detail])


def agenda_markdown(summary: Summary, trainee_id: int, detail: list[dict]) -> str:
    """A supervision agenda for one trainee: weakest parts, harmful choices, reflections worth discussing."""
    results = summary.results
    person = next(p for p in results.trainees if p["id"] == trainee_id)
    mine = counted_detail(summary, detail)
    lines = [f"# Supervision agenda: {person['name']}", "", f"Assignment: {results.assignment.title}", ""]
    if not mine:
        return "\n".join(lines + ["No submitted answers yet.", ""])
    profile = trainee_profile(mine)
    met = profile[profile["at stake"] > 0].sort_values(["upheld rate", "undermined"], ascending=[True, False], kind="stable")
    lines += ["## Weakest parts", ""]
    for r in met.head(2).to_dict("records"):
        lines.append(f"- {r['part']}: upheld {r['upheld']} of {r['at stake']} times it was at stake; undermined {r['undermined']}.")
    lines += ["", "## Harmful choices", ""]
    harmful = [r for r in mine if r["rating"] == "harmful"]
    if not harmful:
        lines.append("- None.")
    for r in harmful:
        lines.append(f"- {r['scenario_id']} / {r['step_id']}: chose \u201c{r['judged'].get('option_text', r['option_id'])}\u201d. {r['judged'].get('feedback', '')}")
    missed: dict[int, int] = {}
    for r in mine:
        if r["rating"] != "best":
            missed[r["attempt_id"]] = missed.get(r["attempt_id"], 0) + 1
    kept = {r["attempt_id"] for r in mine}
    reflections = [a for a in results.reflections if a["id"] in kept]
    lines += ["", "## Reflections worth discussing", ""]
    if not reflections:
        lines.append("- No written reflections.")
    for a in sorted(reflections, key=lambda a: -missed.get(a["id"], 0)):
        why = f" (did not choose the strongest response at {missed[a['id']]} step(s))" if missed.get(a["id"]) else ""
        quoted = "\n".join(f"  > {line}" for line in a["reflection"].splitlines())
        lines.append(f"- {a['scenario_title']}{why}:\n{quoted}")
    return "\n".join(lines) + "\n"


def canvas_gradebook(section: str, people: list[dict], scores_by_assignment: dict[str, dict[int, float | None]]) -> pd.DataFrame:
    """Canvas's gradebook import layout: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment."""
    rows = [{"Student": "    Points Possible", "ID": "", "SIS User ID": "", "SIS Login ID": "", "Section": "", **{t: 100 for t in scores_by_assignment}}]
    for person in people:
        row = {"Student": person["name"], "ID": "", "SIS User ID": person.get("sis_id") or "", "SIS Login ID": person.get("email") or "", "Section": section}
        for title, scores in scores_by_assignment.items():
            value = scores.get(person["id"])
            row[title] = "" if value is None else round(value, 1)
        rows.append(row)
    return pd.DataFrame(rows, columns=CANVAS_FIXED + list(scores_by_assignment))


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "Gradebook") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def answers_export(summary: Summary) -> pd.DataFrame:
    """Every answer of the assignment, one row each, with a mark per part."""
    results = summary.results
    frame = pd.DataFrame({name: _typed(name, results.answers.get(name, ())) for name in ANSWER_COLUMNS}, copy=False)
    people = {p["id"]: p for p in results.trainees}
    numbers = {s.id: s.number for s in results.submissions}
    out = pd.DataFrame(
        {
            "trainee": frame["trainee_id"].map(lambda t: people[t]["name"]),
            "email": frame["trainee_id"].map(lambda t: people[t]["email"] or ""),
            "assignment": results.assignment.title,
            "submission": frame["submission_id"].map(numbers),
            "scenario": frame["scenario_id"],
            "step": frame["step_id"],
            "option": frame["option_id"],
            "rating": frame["rating"],
            "credit": frame["credit"],
            "confidence": frame["confidence"].fillna(""),
        }
    )
    stake, up, down = (frame[c].to_numpy(dtype=np.int64) for c in ("at_stake_mask", "upheld_mask", "undermined_mask"))
    for i, part in enumerate(PARTS):
        bit = 1 << i
        out[part.name] = np.select([(up & bit) > 0, (down & bit) > 0, (stake & bit) > 0], ["upheld", "undermined", "not upheld"], default="")
    return out
