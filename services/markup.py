"""Scenario and user text is shown as written: no markdown, math, HTML or links."""

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")
# Streamlit's markdown turns bare URLs, www. names and e-mail addresses into links after escapes
# are resolved, so escaping cannot stop it; an invisible word joiner inside the pattern does.
_AUTOLINK = re.compile(r"(?i)(?<=https:)(?=//)|(?<=http:)(?=//)|(?<=www)(?=\.)|(?<=@)(?=[-\w])")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Escape text for st.markdown so every character appears literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, text))


PERCENT_FORMAT = "%.1f%%"  # the printf form Streamlit's table columns take, for the same figure as percent()


def percent(score: float) -> str:
    """A score in percent as both trainee and supervisor see it: one decimal, so 12.5 % is never 12 % to one and 13 % to the other."""
    return PERCENT_FORMAT % score


_QUOTES = "\"'“”‘’"


def quoted(text: str) -> str:
    """Text in curly quotes, without doubling the quotes it already stands in (an option that is only speech)."""
    inner = text.strip()
    if len(inner) >= 2 and inner[0] in _QUOTES and inner[-1] in _QUOTES + "…":
        inner = inner[1:-1] if inner[-1] != "…" else inner[1:]
    return f"“{inner}”"


def sentence(text: str) -> str:
    """A message as a sentence: its first letter upper-case and the rest untouched (str.capitalize would
    lower-case a title quoted inside it: "Week 3" would become "week 3")."""
    return text[:1].upper() + text[1:] if text else text
