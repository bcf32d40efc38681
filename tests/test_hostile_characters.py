"""Issue 21, finding 9: names, titles and scenario text that carry Streamlit directives, icons, control or
bidirectional characters are shown as written, refused at input with a plain reason, and kept off terminals."""

import re
from html import unescape

import pytest
from apptest_helpers import app_engine, open_as
from markdown_it import MarkdownIt
from sqlalchemy import insert

from records.assignments import create_assignment
from records.cohorts import create_cohort
from records.roster import check_row, parse_roster
from records.supervisors import add_supervisor
from records.trainees import add_trainee
from scenarios.load import load_bytes
from services.markup import WORD_JOINER, plain

# What Streamlit's Markdown (1.67, StreamlitMarkdown.js) does that a backslash escape does not stop:
# it rewrites ":material/" in the source before parsing, then finds icons, its logo and emoji codes in
# text after escapes are resolved; colour, badge, small and other directives are parsed from the source.
ICON = re.compile(r":material_(\w+):")
LOGO = re.compile(r":streamlit:")
EMOJI = re.compile(r":[\w+-][\w_+-]*:")
DIRECTIVE = re.compile(r"(?<!\\):[a-z][a-z0-9-]*\[")

HOSTILE = [
    ":material/verified: Ana Lima",
    "Ana :streamlit:",
    ":red[URGENT] :blue-background[note] :small[tiny] :green-badge[Verified] :shimmer[x] :color[c]{foreground=\"red\"}",
    "Great :+1: :100: at 10:30",
    "**bold** [click](javascript:alert(1)) ![x](https://evil.example/p.png) <img src=x> &lt;b&gt; $x^2$ https://evil.example",
]


def streamlit_would_find(escaped: str) -> list[str]:
    source = escaped.replace(":material/", ":material_")
    text = re.sub(r"\\(.)", r"\1", source)  # the text nodes once escapes are resolved
    found = [m.group(0) for pattern in (ICON, LOGO, EMOJI) for m in pattern.finditer(text)]
    return found + [m.group(0) for m in DIRECTIVE.finditer(source)]


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_shows_no_directive_icon_emoji_or_markup(text):
    escaped = plain(text)
    assert streamlit_would_find(escaped) == [], escaped
    html = MarkdownIt("commonmark").render(escaped)
    assert re.findall(r"<(?!/?p>)[a-z/]", html) == [], html  # one paragraph of text, no other tag
    shown = unescape(re.sub(r"<[^>]+>", "", html))
    assert shown.strip().replace(WORD_JOINER, "") == text, "every character is shown as written"


def test_a_name_with_an_icon_directive_is_shown_as_written_in_the_sidebar():
    _, token = add_trainee(app_engine(), ":material/verified: Ana Lima")
    at = open_as(token, "views/pages/practice.py")
    (said,) = [m.value for m in at.sidebar.markdown if "Signed in by personal link" in m.value]
    assert streamlit_would_find(said) == [], said


INVISIBLE = ["Ana\u202eamiL", "Ana\x1b[2JLima", "Ana\u2066Lima", "Ana\u200fLima", "Ana\x00Lima", "Ana\x9bLima", "Ana\x7fLima"]


@pytest.mark.parametrize("name", INVISIBLE)
def test_names_and_titles_with_control_or_bidi_characters_are_refused_with_the_reason(name):
    engine = app_engine()
    code = re.escape(f"U+{ord(next(ch for ch in name if not ch.isalpha() and ch not in '[2J')):04X}")
    with pytest.raises(ValueError, match=rf"the name contains an invisible control character \({code}\); retype it"):
        add_trainee(engine, name)
    with pytest.raises(ValueError, match=rf"the name contains an invisible control character \({code}\)"):
        add_supervisor(engine, name, "someone-new@example.edu", "correct horse battery")
    supervisor = add_supervisor(engine, "Dr. Rivera", f"rivera-{ord(name[3])}@example.edu", "correct horse battery")
    with pytest.raises(ValueError, match=rf"the title contains an invisible control character \({code}\)"):
        create_cohort(engine, supervisor.id, name)
    cohort = create_cohort(engine, supervisor.id, "Practicum II")
    with pytest.raises(ValueError, match=rf"the title contains an invisible control character \({code}\)"):
        create_assignment(engine, supervisor.id, cohort.id, title=name, scenario_ids=["gift-from-a-work-trip"])


def test_a_roster_row_with_a_control_character_is_rejected_with_its_reason_and_shown_visibly():
    data = "name,email,id\nAna\u202eamiL,ana@uni.edu,1\nBen Ode,ben@uni.edu\x1b[31m,2\nCara Cole,cara@uni.edu,3\n".encode()
    preview = parse_roster(data)
    assert preview.error is None and [r.name for r in preview.accepted] == ["Cara Cole"]
    ana, ben = preview.rows[0], preview.rows[1]
    assert ana.reason == "name contains an invisible control character (U+202E); retype it without copying it from elsewhere"
    assert ana.name == "Ana\\u202eamiL", "the preview shows the hidden character as an escape"
    assert ben.reason is not None and ben.reason.startswith("email contains an invisible control character (U+001B)")
    assert check_row(1, "Dana Diaz", "dana@uni.edu", "4", set()).accepted


def test_a_scenario_text_with_a_control_or_bidi_character_is_refused_where_it_is():
    good = open("tests/fixtures/gift-example.yaml", encoding="utf-8").read()
    for sneaky, code in (('"\\u202eA souvenir"', "U+202E"), ('"A \\e[2J souvenir"', "U+001B")):
        title_line = next(line for line in good.splitlines() if line.startswith("title:"))
        loaded, problems, _ = load_bytes(good.replace(title_line, f"title: {sneaky}", 1).encode(), "sneaky.yaml")
        assert loaded is None and [p.field for p in problems] == ["title"], problems
        assert f"invisible control character ({code})" in problems[0].message and "delete it" in problems[0].message
    loaded, problems, _ = load_bytes(good.encode(), "good.yaml")
    assert loaded is not None and not problems, "newlines in a long text are still fine"


def test_the_command_line_never_prints_a_control_character_of_a_stored_name(tmp_path, monkeypatch, capsys):
    from records.__main__ import main
    from records.db import make_engine
    from records.migrate import migrate
    from records.tables import trainees

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PRACTICUM_DATABASE_URL", url)
    engine = make_engine(url)
    migrate(engine)
    with engine.begin() as connection:  # stored before names were checked, or written straight into the database
        connection.execute(insert(trainees).values(name="Eve\x1b]0;owned\x07\x1b[2J\u202eevE\nroot", token_hash="x" * 64, created_at=__import__("datetime").datetime.now()))
    engine.dispose()
    assert main(["list-trainees"]) == 0
    out = capsys.readouterr().out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), repr(out)
    assert out.count("\n") == 1 and "Eve\\x1b]0;owned\\x07\\x1b[2J\\u202eevE\\nroot\tactive" in out
