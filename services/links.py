"""Personal links as supervisors hand them out."""

import os
import re
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from records.trainees import BASE_URL_ENV, app_root, personal_link
from scoring.results import to_csv_bytes


def link_base(page_url: str | None, page_path: str) -> str | None:
    """Where links should point: PRACTICUM_BASE_URL if set, else the address the supervisor's browser used
    for this page (st.context.url) without the page's own path; None when neither is known."""
    configured = os.environ.get(BASE_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    if not page_url:
        return None
    parts = urlsplit(page_url)
    path = parts.path.rstrip("/")
    if path.endswith("/" + page_path):
        path = path[: -len(page_path) - 1]
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")).rstrip("/")


def links_csv(rows: list[tuple[str, str | None, str]], base: str | None = None) -> bytes:
    """(name, email, token) rows as a CSV of name, email, link."""
    frame = pd.DataFrame(
        [{"name": n, "email": e or "", "link": personal_link(t, base)} for n, e, t in rows], columns=["name", "email", "link"]
    )
    return to_csv_bytes(frame)


def slug(title: str) -> str:
    """A title as part of a download name a supervisor recognises: "Practicum II, spring" -> practicum-ii-spring."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "untitled"


def links_file_name(cohort_title: str) -> str:
    """links-practicum-ii-spring.csv, not links-1.csv."""
    name = slug(cohort_title)
    return f"links-{'cohort' if name == 'untitled' else name}.csv"


def invite_link(token: str, base: str | None = None) -> str:
    """The one-time link that turns an invitation into a supervisor account (served by web/auth.py)."""
    return f"{app_root(base)}/auth/invite?code={token}"
