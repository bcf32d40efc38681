"""Assignment results for supervisors: scores, completion, heatmap, item statistics, agenda, exports.

Input is the plain data records.assignments.results returns (lists of dicts and submissions);
nothing here touches the database or Streamlit.
"""

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from scenarios.parts import PART_BY_KEY, PARTS
from scoring.profile import part_profile

TOO_EASY, TOO_HARD = 0.9, 0.3
CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


@dataclass(frozen=True)
class _Answer:  # the attribute shape scoring.profile reads
    rating: str
    credit: float
    confidence: str | None
    judged: dict


def answers_frame(answers: list[dict]) -> pd.DataFrame:
    """Answers as a frame, keeping per submission only the newest attempt at each scenario
    (an attempt restarted because its scenario was revised replaces the older one)."""
    columns = ["trainee_id", "submission_id", "attempt_id", "scenario_id", "position", "step_id", "option_id", "rating", "credit", "judged", "confidence"]
    frame = pd.DataFrame(answers, columns=columns)
    if frame.empty or frame["scenario_id"].isna().all():
        return frame
    newest = frame.groupby(["submission_id", "scenario_id"])["attempt_id"].transform("max")
    return frame[frame["attempt_id"] == newest]


def submission_scores(answers: pd.DataFrame) -> pd.Series:
    """Score of each submission in percent: the mean over its scenarios of credit per step answered."""
    if answers.empty:
        return pd.Series(dtype=float, name="score")
    per_attempt = answers.groupby(["submission_id", "attempt_id"])["credit"].mean()
    return (per_attempt.groupby(level="submission_id").mean() * 100).rename("score")


def counted_submissions(counts: str, submissions: Iterable, scores: pd.Series) -> dict[int, object]:
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


def score_table(results, now: datetime | None = None) -> pd.DataFrame:
    answers = answers_frame(results.answers)
    scores = submission_scores(answers)
    counted = counted_submissions(results.assignment.counts, results.submissions, scores)
    rows = []
    for person in results.trainees:
        subs = [s for s in results.submissions if s.trainee_id == person["id"]]
        chosen = counted.get(person["id"])
        rows.append(
            {
                "trainee": person["name"],
                "email": person["email"] or "",
                "status": status_of(results.assignment, subs, now),
                "submissions": sum(s.submitted_at is not None for s in subs),
                "score (%)": round(float(scores.get(chosen.id, 0.0)), 1) if chosen else None,
                "submitted (UTC)": chosen.submitted_at if chosen else None,
                "trainee_id": person["id"],
            }
        )
    return pd.DataFrame(rows, columns=["trainee", "email", "status", "submissions", "score (%)", "submitted (UTC)", "trainee_id"])


def counted_answers(results) -> pd.DataFrame:
    answers = answers_frame(results.answers)
    counted = counted_submissions(results.assignment.counts, results.submissions, submission_scores(answers))
    return answers[answers["submission_id"].isin([s.id for s in counted.values()])]


def _as_answers(frame: pd.DataFrame) -> list[_Answer]:
    return [_Answer(r.rating, r.credit, r.confidence, r.judged) for r in frame.itertuples()]


def heatmap_frame(results) -> pd.DataFrame:
    """Trainee x part: the share of answers that upheld the part when it was at stake (counted submissions)."""
    answers = counted_answers(results)
    names = {p["id"]: p["name"] for p in results.trainees}
    rows = []
    for trainee_id, group in answers.groupby("trainee_id"):
        for r in part_profile(_as_answers(group)).itertuples(index=False):
            rows.append({"trainee": names.get(trainee_id, "?"), "part": r.part, "upheld rate": r._6, "at stake": r._2})
    return pd.DataFrame(rows, columns=["trainee", "part", "upheld rate", "at stake"])


def trainee_profile(results, trainee_id: int) -> pd.DataFrame:
    answers = counted_answers(results)
    return part_profile(_as_answers(answers[answers["trainee_id"] == trainee_id]))


def item_statistics(results) -> pd.DataFrame:
    """Per step, after Moodle's quiz statistics, over each trainee's counted submission.

    facility: mean credit (0..1); sd: sample standard deviation of credit;
    discrimination: Pearson correlation between the item's credit and the rest of the test
    (the submission's total credit minus this item), over trainees who met the item.
    """
    answers = counted_answers(results)
    columns = ["scenario_id", "step_id", "prompt", "parts", "answers", "facility", "sd", "discrimination", "flags"]
    if answers.empty:
        return pd.DataFrame(columns=columns)
    totals = answers.groupby("submission_id")["credit"].sum()
    rows = []
    for (scenario_id, step_id), item in answers.groupby(["scenario_id", "step_id"], sort=False):
        credit = item["credit"].astype(float)
        rest = item["submission_id"].map(totals) - credit
        sd = float(credit.std(ddof=1)) if len(credit) > 1 else math.nan
        discrimination = math.nan
        if len(credit) >= 3 and credit.std(ddof=0) > 0 and rest.std(ddof=0) > 0:
            discrimination = float(credit.corr(rest))
        facility = float(credit.mean())
        flags = []
        if facility > TOO_EASY:
            flags.append("too easy")
        if facility < TOO_HARD:
            flags.append("too hard")
        if not math.isnan(discrimination) and discrimination < 0:
            flags.append("discriminates negatively")
        parts = sorted({p for j in item["judged"] for p in j.get("at_stake", [])}, key=lambda k: [p.key for p in PARTS].index(k))
        rows.append(
            {
                "scenario_id": scenario_id,
                "step_id": step_id,
                "prompt": item["judged"].iloc[0].get("prompt", ""),
                "parts": ", ".join(PART_BY_KEY[p].name for p in parts),
                "answers": len(item),
                "facility": facility,
                "sd": sd,
                "discrimination": discrimination,
                "flags": ", ".join(flags),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def option_frequencies(results) -> pd.DataFrame:
    """How often each option was chosen, per step: the distractors that tempt."""
    answers = counted_answers(results)
    if answers.empty:
        return pd.DataFrame(columns=["scenario_id", "step_id", "option", "rating", "chosen", "share"])
    answers = answers.assign(option=answers["judged"].map(lambda j: j.get("option_text", "")))
    table = answers.groupby(["scenario_id", "step_id", "option_id", "option", "rating"], sort=False).size().rename("chosen").reset_index()
    table["share"] = table["chosen"] / table.groupby(["scenario_id", "step_id"])["chosen"].transform("sum")
    return table.drop(columns=["option_id"]).sort_values(["scenario_id", "step_id", "chosen"], ascending=[True, True, False])


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


def agenda_markdown(results, trainee_id: int) -> str:
    """A supervision agenda for one trainee: weakest parts, harmful choices, reflections worth discussing."""
    person = next(p for p in results.trainees if p["id"] == trainee_id)
    answers = counted_answers(results)
    mine = answers[answers["trainee_id"] == trainee_id]
    title = results.assignment.title
    lines = [f"# Supervision agenda: {person['name']}", "", f"Assignment: {title}", ""]
    if mine.empty:
        return "\n".join(lines + ["No submitted answers yet.", ""])
    profile = part_profile(_as_answers(mine))
    met = profile[profile["at stake"] > 0].sort_values(["upheld rate", "undermined"], ascending=[True, False])
    lines += ["## Weakest parts", ""]
    for r in met.head(2).itertuples(index=False):
        lines.append(f"- {r.part}: upheld {r.upheld} of {r._2} times it was at stake; undermined {r.undermined}.")
    harmful = mine[mine["rating"] == "harmful"]
    lines += ["", "## Harmful choices", ""]
    if harmful.empty:
        lines.append("- None.")
    for r in harmful.itertuples(index=False):
        lines.append(f"- {r.scenario_id} / {r.step_id}: chose \u201c{r.judged.get('option_text', r.option_id)}\u201d. {r.judged.get('feedback', '')}")
    missed = mine[mine["rating"] != "best"].groupby("attempt_id").size()
    reflections = [a for a in results.attempts if a["trainee_id"] == trainee_id and a["reflection"] and a["submission_id"] in set(mine["submission_id"])]
    lines += ["", "## Reflections worth discussing", ""]
    if not reflections:
        lines.append("- No written reflections.")
    for a in sorted(reflections, key=lambda a: -int(missed.get(a["id"], 0))):
        why = f" (did not choose the strongest response at {int(missed.get(a['id'], 0))} step(s))" if missed.get(a["id"], 0) else ""
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


def answers_export(results) -> pd.DataFrame:
    """Every answer of the assignment, one row each, with a mark per part."""
    names = {p["id"]: p for p in results.trainees}
    numbers = {s.id: s.number for s in results.submissions}
    rows = []
    for a in results.answers:
        effects = a["judged"].get("effects", {})
        at_stake = set(a["judged"].get("at_stake", []))
        row = {
            "trainee": names[a["trainee_id"]]["name"],
            "email": names[a["trainee_id"]]["email"] or "",
            "assignment": results.assignment.title,
            "submission": numbers.get(a["submission_id"]),
            "scenario": a["scenario_id"],
            "step": a["step_id"],
            "option": a["option_id"],
            "option text": a["judged"].get("option_text", ""),
            "rating": a["rating"],
            "credit": a["credit"],
            "confidence": a["confidence"] or "",
        }
        for part in PARTS:
            verdict = effects.get(part.key, [None])[0]
            row[part.name] = {"upholds": "upheld", "undermines": "undermined"}.get(verdict, "not upheld" if part.key in at_stake else "")
        rows.append(row)
    return pd.DataFrame(rows)
