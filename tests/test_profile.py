"""The per-part profile, calibration and retry list, from stored answers alone."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from scenarios.load import load_library
from scoring.judge import at_stake, judge, judged_record
from scoring.profile import calibration, missed_scenarios, part_profile, weakest_part


@dataclass
class A:  # the shape records.progress.StoredAnswer has
    rating: str
    confidence: str | None
    judged: dict
    credit: float = 0.0


@dataclass
class T:  # the shape records.progress.Attempt has
    scenario_id: str
    finished_at: datetime | None
    answers: tuple


def answered(step, option_id, confidence=None):
    judgement = judge(step, option_id)
    return A(judgement.rating, confidence, judged_record(judgement), judgement.credit)


GIFT = load_library().get("gift-from-a-work-trip")


def test_at_stake_is_what_the_strongest_protects_plus_what_the_choice_damaged():
    offer = GIFT.step("offer")
    assert at_stake(offer, offer.option("warm-decline")) == ["relationship", "for_the_client"]
    assert at_stake(offer, offer.option("surprise-me")) == ["relationship", "for_the_client"]
    insists = GIFT.step("he-insists")
    assert at_stake(insists, insists.option("bring-back-for-office")) == ["professional", "relationship", "for_the_client"]


def test_a_trainee_who_always_chooses_best_upholds_every_part_at_stake():
    answers = [answered(GIFT.step("offer"), "warm-decline"), answered(GIFT.step("he-insists"), "smile-and-decline-again")]
    profile = part_profile(answers).set_index("key")
    met = profile[profile["at stake"] > 0]
    assert (met["upheld rate"] == 1.0).all() and set(met.index) == {"relationship", "for_the_client"}


def test_profile_counts_and_the_weakest_part():
    answers = [answered(GIFT.step("offer"), "surprise-me"), answered(GIFT.step("he-insists"), "bring-back-for-office")]
    profile = part_profile(answers).set_index("key")
    assert profile.loc["for_the_client", ["at stake", "upheld", "undermined"]].tolist() == [2, 0, 2]
    assert profile.loc["relationship", ["at stake", "upheld", "missed"]].tolist() == [2, 1, 1]
    assert profile.loc["professional", ["at stake", "undermined"]].tolist() == [1, 1]
    # professional and for_the_client both have rate 0; for_the_client was undermined more often
    assert weakest_part(part_profile(answers)) == "for_the_client"
    assert weakest_part(part_profile([])) is None


def test_calibration_by_part_and_confidence():
    answers = [
        answered(GIFT.step("offer"), "warm-decline", "high"),
        answered(GIFT.step("offer"), "surprise-me", "high"),
        answered(GIFT.step("he-insists"), "give-in", "low"),
        answered(GIFT.step("he-insists"), "give-in"),  # no confidence given: not counted
    ]
    table = calibration(answers)
    rows = {(r.part, r.confidence): (r.answers, r._4) for r in table.itertuples()}
    assert rows[("All parts", "high")] == (2, 0.5)
    assert rows[("All parts", "low")] == (1, 0.0)
    assert rows[("For the client", "high")] == (2, 0.5)
    assert table["part"].iloc[0] == "All parts" and table["confidence"].iloc[0] == "low"


def test_missed_is_judged_on_the_latest_finished_attempt():
    now = datetime(2026, 11, 1)
    best, poor = A("best", None, {}), A("poor", None, {})
    attempts = [
        T("a", now, (poor,)),
        T("a", now + timedelta(hours=1), (best,)),  # later and clean: not missed
        T("b", now, (best, poor)),
        T("c", None, (poor,)),  # unfinished: not listed
    ]
    assert missed_scenarios(attempts) == ["b"]
