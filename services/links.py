"""Personal links as supervisors hand them out."""

import pandas as pd

from records.trainees import personal_link
from scoring.results import to_csv_bytes


def links_csv(rows: list[tuple[str, str | None, str]]) -> bytes:
    """(name, email, token) rows as a CSV of name, email, link."""
    frame = pd.DataFrame([{"name": n, "email": e or "", "link": personal_link(t)} for n, e, t in rows], columns=["name", "email", "link"])
    return to_csv_bytes(frame)
