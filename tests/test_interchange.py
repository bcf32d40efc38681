"""Moodle XML, GIFT and the handout: well-formed, complete, and escaped."""

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from scenarios.interchange import BRANCH_NOTE, gift_escape, handout_html, to_gift, to_moodle_xml
from scenarios.load import load_bytes, load_library

ROOT = Path(__file__).resolve().parent.parent
LIB = load_library()
THREE = [LIB.get(i) for i in ("gift-from-a-work-trip", "do-you-have-kids", "knowledge-twin-hallmarks")]


def test_moodle_xml_of_three_scenarios_parses_and_carries_every_option_and_feedback():
    quiz = ET.fromstring(to_moodle_xml(THREE))
    questions = quiz.findall("question[@type='multichoice']")
    assert len(questions) == sum(len(s.steps) for s in THREE)
    assert len(quiz.findall("question[@type='category']")) == 3
    by_id = {q.findtext("idnumber"): q for q in questions}
    for scenario in THREE:
        for index, step in enumerate(scenario.steps):
            question = by_id[f"{scenario.id}/{step.id}"]
            text = html.unescape(question.findtext("questiontext/text"))
            assert step.prompt.strip() in text
            assert (scenario.setting.strip().split("\n")[0] in text) if index == 0 else (BRANCH_NOTE in text)
            answers = question.findall("answer")
            assert len(answers) == len(step.options)
            for option, answer in zip(step.options, answers, strict=True):
                assert html.unescape(answer.findtext("text")) == option.text
                assert answer.get("fraction") == {"best": "100", "acceptable": "50"}.get(option.rating, "0")
                feedback = html.unescape(answer.findtext("feedback/text"))
                assert option.feedback in feedback
                for effect in option.effects.touched().values():
                    assert effect.reason in feedback
            assert question.findtext("single") == "true"


SPECIAL = """# yaml-language-server: $schema=../../scenario.schema.json
id: special-characters
title: "Braces {and} colons: all ~ here = #1"
difficulty: intro
parts: [professional]
source: original
setting: "A client writes {x} ~ y = z # w: and a backslash \\\\ too."
steps:
  - id: only
    prompt: "What now: {say} ~ it?"
    options:
      - id: aa
        text: "Say = it {kindly}"
        rating: best
        effects: {professional: {upholds: "Holds ~ the frame: #1"}}
        feedback: "Good {one}."
      - id: bb
        text: "Say ~ nothing"
        rating: poor
        effects: {professional: {undermines: "Leaves = gaps"}}
        feedback: "Weak: no."
"""


def test_gift_escapes_its_special_characters():
    assert gift_escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    loaded, problems, _ = load_bytes(SPECIAL.encode(), "special.yaml")
    assert not problems, problems
    gift = to_gift([loaded.scenario])
    body = gift.split("\n", 1)[1]  # past the // comment line
    unescaped = re.sub(r"\\.", "", body)
    # Left after removing escapes: only the question's own braces and the answer marks.
    assert unescaped.count("{") == 1 and unescaped.count("}") == 1
    assert re.findall(r"^\t([=~])", body, re.M) == ["=", "~"]
    assert unescaped.count("#") == 2, "one feedback separator per answer"
    assert "::" in unescaped and unescaped.count(":") == 4, "only the title's :: pair is unescaped"


def test_gift_marks_acceptable_as_half_credit():
    gift = to_gift([LIB.get("gift-from-a-work-trip")])
    assert gift.count("\t~%50%") == sum(o.rating == "acceptable" for s in LIB.get("gift-from-a-work-trip").steps for o in s.options)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.open = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br"):
            self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.open and self.open[-1][0] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_handout_puts_the_answer_key_on_its_own_page():
    page = handout_html(THREE, "Week 3 <group>")
    collector = _Collector()
    collector.feed(page)
    assert collector.open == []
    text = "".join(collector.text)
    questions, key = text.split("Answer key", 1)
    assert "Week 3 <group>" in questions and "best" not in questions.split("Week 3 <group>", 1)[1][:50]
    assert "page-break-before:always" in page and "class='key'" in page
    for scenario in THREE:
        assert scenario.title in questions and scenario.title in key


def test_export_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "scenarios", "export", "moodle", *(s.id for s in THREE)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and ET.fromstring(result.stdout).tag == "quiz"
