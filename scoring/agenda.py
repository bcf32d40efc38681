"""A supervision agenda for one trainee: weakest parts, harmful choices, reflections worth discussing.

Built once as data, then written three ways: on the dashboard (escaped there), as a Markdown file and as a
printable HTML page, in both of which every piece of trainee, supervisor or scenario text is escaped: the
file may be opened anywhere (an editor's preview, GitHub, a notes app), and no text in it may become a link,
an image that calls a remote server, or HTML."""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import pandas as pd

from scenarios.text import markdown_file_literal
from scoring.results import Detail, Summary, counted_detail, trainee_profile


@dataclass(frozen=True)
class HarmfulChoice:
    scenario: str
    prompt: str
    chose: str
    feedback: str


@dataclass(frozen=True)
class ReflectionToDiscuss:
    scenario: str
    missed: int  # steps in that scenario where the strongest response was not chosen
    text: str


@dataclass(frozen=True)
class Agenda:
    trainee: str
    assignment: str
    answered: bool
    weakest: tuple[str, ...]
    harmful: tuple[HarmfulChoice, ...]
    reflections: tuple[ReflectionToDiscuss, ...]


def weakest_first(profile: pd.DataFrame) -> pd.DataFrame:
    """The parts met at least once, weakest first, by a rate pulled towards one half by one imagined answer each
    way (Laplace's rule): one answer missed (0 of 1) does not outrank a part upheld once in six."""
    met = profile[profile["at stake"] > 0]
    steady = (met["upheld"] + 1) / (met["at stake"] + 2)
    return met.assign(steady=steady).sort_values(["steady", "undermined"], ascending=[True, False], kind="stable").drop(columns="steady")


def agenda_of(summary: Summary, trainee_id: int, detail: Sequence[Detail]) -> Agenda:
    overview = summary.overview
    person = overview.person(trainee_id)
    mine = counted_detail(summary, list(detail))
    if not mine:
        return Agenda(person.name, overview.assignment.title, False, (), (), ())
    profile = trainee_profile(mine)
    met = weakest_first(profile)
    weakest = tuple(
        f"{weak['part']}: upheld {weak['upheld']} of {weak['at stake']} times it was at stake; undermined {weak['undermined']}."
        for weak in met.head(2).to_dict("records")
    )
    harmful = tuple(
        HarmfulChoice(r.scenario_title, r.judged.prompt, r.judged.said(r.option_id), r.judged.feedback) for r in mine if r.rating == "harmful"
    )
    missed: dict[int, int] = {}
    for r in mine:
        if r.rating != "best":
            missed[r.attempt_id] = missed.get(r.attempt_id, 0) + 1
    kept = {r.attempt_id for r in mine}
    reflections = tuple(
        ReflectionToDiscuss(a.scenario_title, missed.get(a.id, 0), a.reflection)
        for a in sorted((a for a in overview.reflections if a.id in kept), key=lambda a: -missed.get(a.id, 0))
    )
    return Agenda(person.name, overview.assignment.title, True, weakest, harmful, reflections)


def missed_note(item: ReflectionToDiscuss) -> str:
    return f" (did not choose the strongest response at {item.missed} step(s))" if item.missed else ""


def agenda_markdown(agenda: Agenda) -> str:
    """The agenda as a Markdown file: its own headings, lists and sentences as they are, and every text from a
    person (names, titles, scenario text, reflections) escaped by markdown_file_literal, so it shows as written."""
    m = markdown_file_literal
    lines = [f"# Supervision agenda: {m(agenda.trainee)}", "", f"Assignment: {m(agenda.assignment)}", ""]
    if not agenda.answered:
        return "\n".join(lines + ["No submitted answers yet.", ""])
    lines += ["## Weakest parts", ""] + [f"- {line}" for line in agenda.weakest]
    lines += ["", "## Harmful choices", ""]
    lines += [f"- {m(h.scenario)}: {m(h.prompt)} Chose \u201c{m(h.chose)}\u201d. {m(h.feedback)}" for h in agenda.harmful] or ["- None."]
    lines += ["", "## Reflections worth discussing", ""]
    for item in agenda.reflections:
        quoted = "\n".join(f"  > {m(line)}" for line in item.text.splitlines())
        lines.append(f"- {m(item.scenario)}{missed_note(item)}:\n{quoted}")
    if not agenda.reflections:
        lines.append("- No written reflections.")
    return "\n".join(lines) + "\n"


_PRINT_STYLE = """
body{font-family:Georgia,"Times New Roman",serif;color:#111;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #999}
blockquote{margin:.4rem 0 .8rem 1rem;padding-left:.8rem;border-left:3px solid #999;white-space:pre-wrap}
.notes{border:1px solid #999;min-height:6rem;margin-top:.4rem} @media print{a{color:#111}}
"""


def agenda_html(agenda: Agenda) -> str:
    """A printable page (open it and print): every text from trainees or scenarios is escaped."""
    e = escape
    body = [f"<h1>Supervision agenda: {e(agenda.trainee)}</h1>", f"<p>Assignment: {e(agenda.assignment)}</p>"]
    if not agenda.answered:
        body.append("<p>No submitted answers yet.</p>")
    else:
        body += ["<h2>Weakest parts</h2>", "<ul>" + "".join(f"<li>{e(line)}</li>" for line in agenda.weakest) + "</ul>"]
        body.append("<h2>Harmful choices</h2>")
        if agenda.harmful:
            body.append(
                "<ul>" + "".join(f"<li><strong>{e(h.scenario)}</strong>: {e(h.prompt)} Chose “{e(h.chose)}”. {e(h.feedback)}</li>" for h in agenda.harmful) + "</ul>"
            )
        else:
            body.append("<p>None.</p>")
        body.append("<h2>Reflections worth discussing</h2>")
        for item in agenda.reflections:
            body.append(f"<p><strong>{e(item.scenario)}</strong>{e(missed_note(item))}:</p><blockquote>{e(item.text)}</blockquote>")
        if not agenda.reflections:
            body.append("<p>No written reflections.</p>")
    body.append('<h2>Notes from the session</h2><div class="notes"></div>')
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Supervision agenda: {e(agenda.trainee)}</title><style>{_PRINT_STYLE}</style></head>"
        "<body><main>" + "\n".join(body) + "</main></body></html>\n"
    )
