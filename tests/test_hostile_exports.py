"""Issue 21, finding 8: HTML, links and remote images written by an author or a trainee stay text in the
GIFT export, the Moodle XML question names, and the supervision agenda (Markdown and HTML)."""

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from scenarios.interchange import to_gift, to_moodle_xml
from scenarios.load import load_bytes
from scenarios.text import WORD_JOINER
from scoring.agenda import Agenda, HarmfulChoice, ReflectionToDiscuss, agenda_html, agenda_markdown

PAYLOAD = (
    "Before <img src=https://evil.example/x.png> and <script>alert(1)</script> then "
    "[click](javascript:alert(1)) and ![x](https://evil.example/p.png) and <a href=https://evil.example>here</a> "
    "https://evil.example/bare &lt;b&gt; :material/verified: after"
)
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "gift-example.yaml"


def hostile_scenario():
    scenario, problems, _ = load_bytes(FIXTURE.read_bytes(), "gift-example.yaml")
    assert scenario and not problems
    steps = [
        step.model_copy(
            update={
                "prompt": PAYLOAD,
                # An option that starts with a GIFT format mark must not choose HTML for itself.
                "options": [o.model_copy(update={"text": "[html]" + PAYLOAD, "feedback": PAYLOAD}) for o in step.options],
            }
        )
        for step in scenario.scenario.steps
    ]
    return scenario.scenario.model_copy(update={"title": "<img src=https://evil.example/t.png>Title", "setting": PAYLOAD, "steps": steps})


# ---- GIFT, read as Moodle's importer reads it (question/format/gift/format.php, multichoice questions)

_ESCAPES = {"\\:": "&&058;", "\\#": "&&035;", "\\=": "&&061;", "\\{": "&&123;", "\\}": "&&125;", "\\~": "&&126;", "\\n": "&&010"}
_PLACED = {"&&058;": ":", "&&035;": "#", "&&061;": "=", "&&123;": "{", "&&125;": "}", "&&126;": "~", "&&010": "\n"}
FORMATS = {"moodle", "html", "plain", "markdown"}


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for placeholder, character in _PLACED.items():
        text = text.replace(placeholder, character)
    return text


def _with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        named = text[1 : text.index("]")]
        if named in FORMATS:
            fmt, text = named, text[text.index("]") + 1 :]
    return fmt, _post(text).strip()


def moodle_reads(gift: str) -> list[dict]:
    questions = []
    for block in gift.strip().split("\n\n"):
        text = _pre("\n".join(line for line in block.split("\n") if not line.strip().startswith("//")).strip())
        assert text.startswith("::")
        text = text[2:]
        name, text = _post(text[: text.index("::")]), text[text.index("::") + 2 :].strip()
        start, finish = text.index("{"), text.index("}")
        fmt, question = _with_format(text[:start].strip())
        parts = [("question", fmt, question)]
        answers = text[start + 1 : finish].strip().replace("=", "~=").split("~")
        for answer in (a.strip() for a in answers if a.strip()):
            answer = answer[1:] if answer.startswith("=") else re.sub(r"^%-*[0-9]{1,2}\.?[0-9]*%", "", answer)
            said, _, feedback = answer.partition("#")
            parts += [("answer", *_with_format(said.strip(), fmt)), ("feedback", *_with_format(feedback.strip(), fmt))]
        questions.append({"name": name, "parts": parts})
    return questions


def moodle_shows(text: str, fmt: str) -> str:
    """What reaches the page: FORMAT_PLAIN is escaped (s()); the other formats keep tags, links and images."""
    return html.escape(text) if fmt == "plain" else text


def test_gift_imports_as_plain_text_that_shows_the_authors_characters():
    questions = moodle_reads(to_gift([hostile_scenario()]))
    assert questions
    for question in questions:
        for kind, fmt, text in question["parts"]:
            shown = moodle_shows(text, fmt)
            assert not re.search(r"<(img|script|a)\b", shown, re.I), (kind, fmt, shown[:120])
            assert fmt == "plain", (kind, text[:60])
            if kind == "answer":
                assert text == "[html]" + PAYLOAD, "the author's characters, as written"
            elif kind == "question":
                assert PAYLOAD in text
        assert "<" not in question["name"] and "&lt;img src=https://evil.example/t.png&gt;Title" in question["name"], "Moodle strips tags from names"


def test_moodle_xml_names_carry_no_tag():
    quiz = ET.fromstring(to_moodle_xml([hostile_scenario()]))
    names = [q.findtext("name/text") for q in quiz.findall("question[@type='multichoice']")]
    names += [q.findtext("category/text") for q in quiz.findall("question[@type='category']")]
    assert names and all("<" not in name and "&lt;img" in name for name in names), names


# ---- the supervision agenda

HOSTILE_AGENDA = Agenda(
    trainee="<img src=https://evil.example/n.png>Eve [me](https://evil.example)",
    assignment="![t](https://evil.example/t.png) <script>alert(1)</script>",
    answered=True,
    weakest=("Professional: upheld 0 of 1 times it was at stake; undermined 1.",),
    harmful=(HarmfulChoice(PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD),),
    reflections=(ReflectionToDiscuss(PAYLOAD, 1, PAYLOAD + "\n# not a heading\n<div onclick=x>raw</div>\n\n- [x](javascript:alert(1))"),),
)


def test_agenda_markdown_renders_no_link_image_or_html():
    markdown = agenda_markdown(HOSTILE_AGENDA)
    for preset in ("commonmark", "gfm-like"):
        try:
            page = MarkdownIt(preset).render(markdown)
        except ModuleNotFoundError:  # gfm-like finds bare URLs with linkify-it-py, when installed
            continue
        assert not re.search(r"<(a|img|script|div)\b", page, re.I), page
        assert page.count("<h1>") == 1 and "<h2>Harmful choices</h2>" in page, "the agenda's own structure stays"
        text = html.unescape(re.sub(r"<[^>]+>", "", page)).replace(WORD_JOINER, "")
        assert "<img src=https://evil.example/n.png>Eve [me](https://evil.example)" in text, "shown as written"
        assert "<div onclick=x>raw</div>" in text and "# not a heading" in text
    assert not re.search(r"https?://|www\.", markdown), "no bare address for a viewer's autolinker either"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_agenda_html_has_only_its_own_tags():
    page = agenda_html(HOSTILE_AGENDA)
    parser = _Tags()
    parser.feed(page)
    assert {tag for tag, _ in parser.tags} <= {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "ul", "li", "strong", "blockquote", "div"}
    assert [attrs for tag, attrs in parser.tags if tag == "div"] == [[("class", "notes")]], "the notes box only"
    assert "&lt;img src=https://evil.example/n.png&gt;Eve" in page


def test_the_agenda_file_escapes_only_what_a_markdown_file_needs():
    """Reported: the Markdown agenda read 'Week 3\\: gifts' and 'sold\\-out': every '.', '-' and ':' escaped."""
    from scenarios.text import markdown_file_literal

    assert markdown_file_literal("Week 3: sold-out tickets (Mrs. Pellegrino).") == "Week 3: sold-out tickets (Mrs. Pellegrino)."
    page = MarkdownIt("commonmark").render(markdown_file_literal("# not a heading\n- not a list\n2. not numbered\n*not em* <b>x</b>"))
    assert "<h1>" not in page and "<li>" not in page and "<em>" not in page and "<b>" not in page
