"""Links that can be shown only once (personal links, invitations), in a window that stays until the
supervisor says they have them.

Only the links' hashes are stored, so a link missed is a link lost. Shown in the page, it appeared
below the fold after "Add trainee" and vanished at the next click anywhere (a fresh-eyes walk, issue 15);
a dialog is in view wherever the page was scrolled, and does not close by Escape or a click outside.
"""

from dataclasses import dataclass

import streamlit as st

from services.markup import plain
from views.parts.state import supervision


@dataclass(frozen=True)
class OneTimeLinks:
    headline: str  # what happened, e.g. "Dee Delta added"; already plain text for Markdown
    rows: tuple[tuple[str, str], ...]  # (who, link)
    download: bytes | None = None  # the links as CSV, when there are trainees' links
    file_name: str = "links.csv"
    what: str = "links"  # "links" or "link", as the sentence needs


def hold(links: OneTimeLinks) -> None:
    """Keep the links for the dialog; it opens on this and every later run until dismissed."""
    supervision().one_time = links


def show_held() -> None:
    """Open the dialog if links are waiting. Call it on every page that can make them."""
    held = supervision().one_time
    if held is not None:
        (_one if len(held.rows) == 1 else _several)()


def _body() -> None:
    links = supervision().one_time
    if links is None:
        return
    st.success(f"{links.headline}.")
    how = "Copy or download" if links.download is not None else "Copy"
    st.markdown(
        f"{how} the {links.what} before you close this window: {'it is' if links.what == 'link' else 'they are'} "
        "shown only once. (You can always make new ones; the old ones then stop working.)"
    )
    if len(links.rows) == 1:
        who, link = links.rows[0]
        st.markdown(f"**{plain(who)}**")
        st.code(link, language=None, wrap_lines=True)
    else:  # as text with a copy button (reported: a table's cells could not be selected and copied)
        st.code("\n".join(f"{who}: {link}" for who, link in links.rows), language=None, wrap_lines=True)
    if links.download is not None:
        st.download_button(
            "Download these links (CSV)", links.download, file_name=links.file_name, key="one_time_download",
            on_click="ignore",  # no rerun: the window stays after downloading
        )  # fmt: skip
    if st.button(f"Done, I have the {links.what}", type="primary", key="one_time_done"):
        supervision().one_time = None
        st.rerun()


_one = st.dialog("Copy this now", width="large", dismissible=False)(_body)
_several = st.dialog("Copy these now", width="large", dismissible=False)(_body)
