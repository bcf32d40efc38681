"""What a trainee's landing page says about their assignments, in their own time zone."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

RECENT_COMMENTS = timedelta(days=14)


class AssignmentShape(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def due_at(self) -> datetime | None: ...
    @property
    def attempts_allowed(self) -> int | None: ...
    @property
    def reflection_required(self) -> bool: ...
    @property
    def scenario_ids(self) -> tuple[str, ...]: ...
    @property
    def closed(self) -> bool: ...


class SubmissionShape(Protocol):
    @property
    def submitted_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class DueItem:
    assignment_id: int
    title: str
    due: str  # "Fri 5 Dec, 23:59 (Europe/Berlin)", or "no due date"
    overdue: bool
    due_at: datetime | None
    facts: str  # "practice · 3 scenarios · 1 attempt left · reflections required"
    started: bool


def zone(name: object) -> ZoneInfo:
    """The browser's time zone when it names a real one; UTC otherwise."""
    if isinstance(name, str):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):  # a made-up or malformed name
            return ZoneInfo("UTC")
    return ZoneInfo("UTC")


def local_time(moment: datetime, tz: ZoneInfo) -> str:
    here = moment.astimezone(tz)
    return f"{here:%a} {here.day} {here:%b}, {here:%H:%M} {tz.key.replace('_', ' ')}"  # no brackets: callers put it in some


def to_do(pairs: Sequence[tuple[AssignmentShape, Sequence[SubmissionShape]]], tz: ZoneInfo, now: datetime | None = None) -> list[DueItem]:
    """Assignments still to hand in (not closed, not handed in, attempts left), soonest due first."""
    moment, far = now or datetime.now(UTC), datetime.max.replace(tzinfo=UTC)
    items: list[tuple[datetime, DueItem]] = []
    for assignment, subs in pairs:
        handed_in = sum(s.submitted_at is not None for s in subs)
        left = None if assignment.attempts_allowed is None else assignment.attempts_allowed - handed_in
        if assignment.closed or handed_in or left == 0:
            continue
        count = len(assignment.scenario_ids)
        facts = [assignment.mode, f"{count} scenario{'s' if count != 1 else ''}"]
        facts.append("unlimited attempts" if left is None else f"{left} attempt{'s' if left != 1 else ''} left")
        if assignment.reflection_required:
            facts.append("reflections required")
        due = assignment.due_at
        items.append(
            (
                due or far,
                DueItem(
                    assignment.id,
                    assignment.title,
                    local_time(due, tz) if due else "no due date",
                    due is not None and due < moment,
                    due,
                    " · ".join(facts),
                    bool(subs),
                ),
            )
        )
    return [item for _, item in sorted(items, key=lambda pair: (pair[0], pair[1].assignment_id))]
