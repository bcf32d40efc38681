"""Scenario and user text is shown as written: no markdown, math, HTML, links, icons or Streamlit directives."""

from scenarios.text import WORD_JOINER, markdown_literal

__all__ = ["PERCENT_FORMAT", "WORD_JOINER", "count", "percent", "plain", "quoted", "sentence"]


def plain(text: str) -> str:
    """Escape text for st.markdown (and every label or caption that takes Markdown) so every character
    appears literally: see scenarios.text.markdown_literal for what it stops."""
    return markdown_literal(text)


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


def count(n: int, word: str, plural: str | None = None) -> str:
    """'1 scenario', '3 scenarios': no '(s)' on a page people read."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
