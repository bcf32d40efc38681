"""Scenario and user text is shown as written: no markdown, math, HTML or links."""

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plain(text: str) -> str:
    """Escape text for st.markdown so every character appears literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
