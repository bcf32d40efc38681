"""Reading a roster CSV into rows that are each accepted or rejected with a reason, before anything is saved."""

import csv
import io
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from scenarios.text import control_problem, escape_controls

MAX_ROSTER_BYTES = 1024 * 1024
MAX_ROWS = 2000
NAME_COLUMNS = ("name", "full name", "student")
EMAIL_COLUMNS = ("email", "e-mail", "email address")
ID_COLUMNS = ("id", "student id", "sis id", "sis user id")
EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    email: str
    sis_id: str
    reason: str | None  # None: accepted

    @property
    def accepted(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class RosterPreview:
    rows: list[RosterRow]
    error: str | None = None  # a problem with the whole file; then no row is accepted

    @property
    def accepted(self) -> list[RosterRow]:
        return [] if self.error else [row for row in self.rows if row.accepted]


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    return next((lowered.index(n) for n in names if n in lowered), None)


def check_row(line: int, name: str, email: str, sis_id: str, taken_emails: set[str]) -> RosterRow:
    """One trainee's details, accepted or rejected with the reason."""
    name, email, sis_id = " ".join(name.split()), email.strip().lower(), sis_id.strip()
    reason = None
    if any("\udc80" <= ch <= "\udcff" for ch in name + email + sis_id):
        reason = "bad encoding (not UTF-8): save the roster as 'CSV UTF-8'"
        name, email, sis_id = (v.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for v in (name, email, sis_id))
    elif problem := next(filter(None, (control_problem(f, v) for f, v in (("name", name), ("email", email), ("id", sis_id)))), None):
        reason = problem  # shown back with the character made visible, so it can be found in the file
        name, email, sis_id = escape_controls(name), escape_controls(email), escape_controls(sis_id)
    elif not name:
        reason = "missing name"
    elif len(name) > 200:
        reason = "name longer than 200 characters"
    elif not email:
        reason = "missing email"
    elif not EMAIL.match(email) or len(email) > 320:
        reason = f"'{email[:60]}' is not an email address"
    elif email in taken_emails:
        reason = "duplicate email (already in this file or this cohort)"
    elif len(sis_id) > 100:
        reason = "id longer than 100 characters"
    return RosterRow(line, name, email, sis_id, reason)


def _cell(record: list[str], at: int | None) -> str:
    return record[at].strip() if at is not None and at < len(record) else ""


def parse_roster(data: bytes, taken_emails: AbstractSet[str] = frozenset()) -> RosterPreview:
    """Rows of a CSV with columns name, email and optionally id; emails already in the cohort are refused."""
    if not data.strip():
        return RosterPreview([], "The file is empty. Upload a CSV with a header row: name,email,id")
    if len(data) > MAX_ROSTER_BYTES:
        return RosterPreview([], f"The file is {len(data) / 1024 / 1024:.1f} MB; a roster may be at most 1 MB. Is this the right file?")
    if b"\x00" in data[:8192]:
        return RosterPreview([], "This is not a CSV text file (it contains binary data). Export the roster as CSV.")
    text = data.decode("utf-8-sig", errors="surrogateescape")
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = sniffed.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return RosterPreview([], "The file has no header row. The first line must name the columns: name,email,id")
    name_at, email_at, id_at = _column(header, NAME_COLUMNS), _column(header, EMAIL_COLUMNS), _column(header, ID_COLUMNS)
    if name_at is None or email_at is None:
        found = ", ".join(h.strip() for h in header if h.strip()) or "nothing"
        return RosterPreview([], f"The header must have the columns name and email (id is optional); this file has: {found[:200]}.")

    rows: list[RosterRow] = []
    seen = {e.lower() for e in taken_emails}
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_ROWS:
                return RosterPreview(rows, f"The roster has more than {MAX_ROWS} rows; split it into smaller files.")
            line = reader.line_num
            row = check_row(line, _cell(record, name_at), _cell(record, email_at), _cell(record, id_at), seen)
            if row.accepted:
                seen.add(row.email)
            rows.append(row)
    except csv.Error as error:
        return RosterPreview(rows, f"The CSV is malformed near line {reader.line_num}: {error}.")
    if not rows:
        return RosterPreview([], "The file has a header but no trainees.")
    return RosterPreview(rows)
