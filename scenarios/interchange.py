"""Taking scenarios elsewhere: Moodle XML, GIFT, and a printable handout with a separate answer key.

Each step becomes one multiple-choice question: best = 100 %, acceptable = 50 %, poor and
harmful = 0 %. Per-answer feedback carries the option's feedback and its part explanations.
A branching scenario's steps are exported in file order, each later step with a note.

Authors' text never becomes markup where it lands: Moodle XML and the handout escape it as HTML; GIFT
marks every text [plain] (Moodle shows plain text escaped, with no filters: no tag, link or image).
"""

import html
import re
import xml.etree.ElementTree as ET

from scenarios.model import Option, Scenario, Step
from scenarios.parts import CITATION, DEFINITION, PART_BY_KEY

FRACTION = {"best": "100", "acceptable": "50", "poor": "0", "harmful": "0"}
BRANCH_NOTE = "(In the trainer this step follows only some answers to the step before; here the steps appear in order.)"


def _part_lines(option: Option) -> list[str]:
    return [f"{PART_BY_KEY[key].name} ({effect.verdict}): {effect.reason}" for key, effect in option.effects.touched().items()]


def _question_text(scenario: Scenario, index: int, step: Step) -> str:
    intro = scenario.setting if index == 0 else BRANCH_NOTE
    return f"<p>{html.escape(intro)}</p><p><strong>{html.escape(step.prompt)}</strong></p>"


def _feedback_html(option: Option) -> str:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in _part_lines(option))
    return f"<p>{html.escape(option.rating.capitalize())}: {html.escape(option.feedback)}</p><ul>{items}</ul>"


def _name(text: str) -> str:
    """A question or category name: Moodle strips tags from names on import and shows entities as characters,
    so '<' and '>' are written as entities; a title is then shown as written, never as a tag."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _text(parent: ET.Element, tag: str, value: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, "text").text = value
    return element


def to_moodle_xml(scenarios: list[Scenario], category: str = "Practicum Scenarios") -> str:
    quiz = ET.Element("quiz")
    for scenario in scenarios:
        cat = ET.SubElement(quiz, "question", type="category")
        _text(cat, "category", f"$course$/top/{_name(category)}/{_name(scenario.title)}")
        for index, step in enumerate(scenario.steps):
            question = ET.SubElement(quiz, "question", type="multichoice")
            _text(question, "name", _name(f"{scenario.title}: step {index + 1} of {len(scenario.steps)}"))
            _text(question, "questiontext", _question_text(scenario, index, step), format="html")
            _text(question, "generalfeedback", f"<p>Judged against the definition: {html.escape(DEFINITION)} ({html.escape(CITATION)})</p>", format="html")
            for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("idnumber", f"{scenario.id}/{step.id}"),
                               ("single", "true"), ("shuffleanswers", "true"), ("answernumbering", "abc")):
                ET.SubElement(question, tag).text = value
            for option in step.options:
                answer = _text(question, "answer", html.escape(option.text), fraction=FRACTION[option.rating], format="html")
                _text(answer, "feedback", _feedback_html(option), format="html")
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } : and the backslash) and keep it on one line."""
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


# GIFT's format marks: without one, Moodle reads a question as "Moodle auto-format" (HTML allowed, URLs made
# links). [plain] is Moodle's FORMAT_PLAIN: shown escaped, without filters. Answers and feedback take the
# question's format unless they start with their own mark, so each gets [plain] too: an option that began
# with "[html]" would otherwise choose HTML for itself.
PLAIN = "[plain]"


def to_gift(scenarios: list[Scenario]) -> str:
    blocks = []
    for scenario in scenarios:
        for index, step in enumerate(scenario.steps):
            intro = scenario.setting if index == 0 else BRANCH_NOTE
            name = gift_escape(_name(f"{scenario.title}: step {index + 1}"))
            lines = [f"// {scenario.id}/{step.id}", f"::{name}::{PLAIN}{gift_escape(intro)} {gift_escape(step.prompt)} {{"]
            for option in step.options:
                mark = {"best": "=", "acceptable": "~%50%"}.get(option.rating, "~")
                feedback = gift_escape(f"{option.rating.capitalize()}: {option.feedback} " + " ".join(_part_lines(option)))
                lines.append(f"\t{mark}{PLAIN}{gift_escape(option.text)}#{PLAIN}{feedback}")
            lines.append("}")
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def handout_html(scenarios: list[Scenario], title: str) -> str:
    """Printable scenarios for group supervision, with the answer key starting on a new page."""
    letters = "ABCDEF"
    body = [f"<h1>{html.escape(title)}</h1>", f"<p class='definition'>&ldquo;{html.escape(DEFINITION)}&rdquo; ({html.escape(CITATION)})</p>"]
    for number, scenario in enumerate(scenarios, start=1):
        body.append(f"<section><h2>{number}. {html.escape(scenario.title)}</h2><p>{html.escape(scenario.setting)}</p>")
        for index, step in enumerate(scenario.steps, start=1):
            note = f" <em>{html.escape(BRANCH_NOTE)}</em>" if index > 1 else ""
            body.append(f"<p><strong>Step {index}.</strong> {html.escape(step.prompt)}{note}</p><ol type='A'>")
            body.extend(f"<li>{html.escape(o.text)}</li>" for o in step.options)
            body.append("</ol>")
        if scenario.reflection:
            body.append(f"<p><strong>Reflect:</strong> {html.escape(scenario.reflection)}</p>")
        body.append("</section>")
    body.append("<section class='key'><h1>Answer key</h1>")
    for number, scenario in enumerate(scenarios, start=1):
        body.append(f"<h2>{number}. {html.escape(scenario.title)}</h2>")
        for index, step in enumerate(scenario.steps, start=1):
            body.append(f"<p><strong>Step {index}</strong></p><ul>")
            for letter, option in zip(letters, step.options, strict=False):
                parts = "; ".join(html.escape(line) for line in _part_lines(option))
                body.append(f"<li><strong>{letter}: {option.rating}</strong>. {html.escape(option.feedback)} <small>{parts}</small></li>")
            body.append("</ul>")
    body.append("</section>")
    style = (
        "body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45}"
        "section{break-inside:avoid-page;margin-bottom:1.5em}.key{break-before:page;page-break-before:always}"
        ".definition{font-style:italic}small{color:#444}"
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )
