"""A trainee opening their link lands on what is due, in their own time zone, one click from each assignment."""

from dataclasses import dataclass
from datetime import UTC, datetime

from apptest_helpers import open_as, texts, two_supervisors_world, unescape

from records.assignments import add_comment, create_assignment, hand_in, set_closed, start_submission
from records.progress import start_attempt
from services.landing import local_time, to_do, zone


@dataclass(frozen=True)
class A:
    id: int
    title: str
    due_at: datetime | None
    attempts_allowed: int | None = 1
    mode: str = "practice"
    reflection_required: bool = False
    scenario_ids: tuple[str, ...] = ("a", "b", "c")
    closed: bool = False


@dataclass(frozen=True)
class S:
    submitted_at: datetime | None


NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_to_do_lists_what_is_still_open_soonest_first_in_the_trainees_time_zone():
    pairs = [
        (A(1, "No date", None, attempts_allowed=None), []),
        (A(2, "Friday", datetime(2026, 12, 4, 22, 59, 59, tzinfo=UTC), reflection_required=True, mode="assessment"), [S(None)]),
        (A(3, "Late", datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)), []),
        (A(4, "Handed in", datetime(2026, 12, 2, tzinfo=UTC)), [S(NOW)]),
        (A(5, "Closed", datetime(2026, 12, 2, tzinfo=UTC), closed=True), []),
        (A(6, "Two tries", datetime(2026, 12, 9, tzinfo=UTC), attempts_allowed=2, scenario_ids=("x",)), []),
    ]
    items = to_do(pairs, zone("Europe/Berlin"), NOW)
    assert [i.title for i in items] == ["Late", "Friday", "Two tries", "No date"]
    late, friday, two, undated = items
    assert late.overdue and not friday.overdue
    assert friday.due == "Fri 4 Dec, 23:59 Europe/Berlin", "22:59 UTC is 23:59 in Berlin"
    assert friday.facts == "assessment · 3 scenarios · 1 attempt left · reflections required" and friday.started
    assert two.facts == "practice · 1 scenario · 2 attempts left" and undated.facts.endswith("unlimited attempts")
    assert undated.due == "no due date"


def test_an_unknown_time_zone_falls_back_to_utc():
    assert zone("Mars/Olympus").key == zone(None).key == "UTC"
    assert local_time(datetime(2026, 12, 4, 22, 59, tzinfo=UTC), zone("Nope")) == "Fri 4 Dec, 22:59 UTC", "reported: '(Sat 28 Nov, 16:22 (UTC))' in brackets twice"


def test_the_trainees_home_lists_what_is_due_and_opens_it_in_one_click():
    world = two_supervisors_world()
    engine, sup_a, ana = world["engine"], world["sup_a"], world["ana"]
    set_closed(engine, sup_a.id, world["assessment"].id, True)
    due = datetime(2031, 3, 7, 23, 59, 59, tzinfo=UTC)
    week = create_assignment(engine, sup_a.id, world["alpha"].id, title="Week 9: endings", scenario_ids=["the-poodle-photo"], due_at=due)
    submission = start_submission(engine, ana.id, create_assignment(engine, sup_a.id, world["alpha"].id, title="Done already", scenario_ids=["the-poodle-photo"]).id)
    attempt = start_attempt(engine, ana.id, "the-poodle-photo", "h", "The poodle photo", submission_id=submission.id)
    hand_in(engine, ana.id, submission.id)
    add_comment(engine, sup_a.id, attempt, "Good instinct on the second step.")

    at = open_as(world["ana_token"])
    page = texts(at)
    assert "Welcome, Ana Alphason" in page and "1 assignment to do" in page
    assert "Week 9: endings" in page and "Due Fri 7 Mar, 23:59 UTC" in page
    assert "Done already" not in page and "Alpha assessment" not in page, "handed in and closed work is not listed as due"
    assert "Good instinct on the second step." in page
    at = at.button(key=f"landing_open_{week.id}").click().run()
    assert unescape(at.title[0].value) == "Week 9: endings" and any(b.key == "assignment_start" for b in at.button)
    assert "Due Fri 7 Mar, 23:59 UTC" in texts(at), "reported: Home and the assignment gave the due time in different zones"
