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
