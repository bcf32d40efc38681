"""Text from authors, trainees and supervisors: which characters it may hold, and how it is written where
another program reads it (Markdown, a terminal) so that it shows as written and does nothing there.

It sits in `scenarios/`, the bottom room, because every room needs it: the scenario model, `records`
(names and titles), `scoring` (the agenda's Markdown) and `services.markup` (what pages draw).
"""

import re
import unicodedata

# Bidirectional marks, embeddings, overrides and isolates: invisible, and they reorder the text around
# them ("Trojan Source"): a name can be made to read as another. Plus the Arabic letter mark.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# The sentence a person reads when a field holds one: `field` names it ("the name", "a cohort's title").
CONTROL_CHARACTER = (
    "{field} contains an invisible control character ({code}); retype it without copying it from elsewhere"
)


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def is_control(character: str, allowed: str = "") -> bool:
    """A C0 or C1 control character (Unicode category Cc, including DEL) or a bidirectional control."""
    return character not in allowed and (unicodedata.category(character) == "Cc" or character in BIDI_CONTROLS)


def first_control(text: str, allowed: str = "") -> str | None:
    """The first control character in `text` not in `allowed` (e.g. "\\n\\t" for text of several lines), or None."""
    return next((ch for ch in text if is_control(ch, allowed)), None)


def control_problem(field: str, text: str, allowed: str = "") -> str | None:
    """What to tell the person who typed `text` into `field`, or None when it holds no control character."""
    found = first_control(text, allowed)
    return None if found is None else CONTROL_CHARACTER.format(field=field, code=code_point(found))


def refuse_controls(field: str, text: str, allowed: str = "") -> str:
    """`text` unchanged, or ValueError with the sentence of `control_problem`."""
    problem = control_problem(field, text, allowed)
    if problem:
        raise ValueError(problem)
    return text


def escape_controls(text: str) -> str:
    r"""Every control character, newline and tab included, shown as a visible escape (\x1b, \n, \u202e): stored
    text for a terminal, where no name may move the cursor, recolour, retitle or clear the screen or reorder a
    line, and a refused value shown back to the person who must find what was wrong with it."""
    return "".join(_visible_escape(ch) if is_control(ch) else ch for ch in text)


def _visible_escape(character: str) -> str:
    code = ord(character)
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")
# Renderers turn bare URLs, www. names and e-mail addresses into links after escapes are resolved (GFM's
# autolinks in Streamlit and on GitHub), so escaping cannot stop them; an invisible word joiner inside does.
# Streamlit also finds :material/name:, :streamlit: and emoji codes such as :+1: in text after escapes are
# resolved (and rewrites ":material/" before parsing), so a joiner goes after a colon that opens ":name:".
# Only there: "javascript:alert" or "10:30" keep no hidden character. (:red[...] and the other directives
# are parsed from the source, where the escaped colon already stops them.)
_BREAK = re.compile(r"(?i)(?<=https:)(?=//)|(?<=http:)(?=//)|(?<=www)(?=\.)|(?<=@)(?=[-\w])|(?<=:)(?=[\w+\-/]+:)")
WORD_JOINER = "\u2060"


# What a Markdown file needs escaped (CommonMark with GitHub's extensions), fewer than Streamlit does: a
# '.', '-', ':' or '(' mid-sentence starts nothing there, and escaping them filled the agenda with backslashes.
_FILE_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~&])")
_FILE_LINE_START = re.compile(r"(?m)^(\s*)([#>+=-])")
_FILE_NUMBERED = re.compile(r"(?m)^(\s*\d+)([.)])")  # "2. x" starts a list: the mark is escaped, not the digit


def markdown_file_literal(text: str) -> str:
    """Text for a Markdown file (an editor's preview, GitHub, a notes app) shown literally: no emphasis, link,
    image, raw HTML, entity, table cell, heading, quote or list, and no bare address an autolinker would take."""
    escaped = _FILE_SPECIAL.sub(r"\\\1", _BREAK.sub(WORD_JOINER, text))
    escaped = _FILE_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)
    return _FILE_NUMBERED.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)


def markdown_literal(text: str) -> str:
    """Text for a Markdown renderer (Streamlit's, or whatever opens a .md file) that shows every character
    literally: no emphasis, heading, list, link, image, raw HTML, entity, math, Streamlit directive
    (:red[...], :small[...]), icon (:material/verified:, :streamlit:) or emoji code."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _BREAK.sub(WORD_JOINER, text))
