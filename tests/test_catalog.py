import random

from scenarios.catalog import filter_scenarios, next_after, random_for_part
from scenarios.load import load_library

LIB = load_library()


def test_filters_combine():
    everything = filter_scenarios(LIB.scenarios)
    assert len(everything) == len(LIB.entries)
    gift = LIB.get("gift-from-a-work-trip")
    assert gift in filter_scenarios(LIB.scenarios, parts=["for_the_client"], difficulties=["intermediate"], tags=["gifts"])
    assert gift not in filter_scenarios(LIB.scenarios, difficulties=["intro"])
    assert gift not in filter_scenarios(LIB.scenarios, exclude=[gift.id])


def test_search_needs_every_word_anywhere_in_the_scenario():
    assert LIB.get("gift-from-a-work-trip") in filter_scenarios(LIB.scenarios, text="MACADAMIA hawaii")
    assert filter_scenarios(LIB.scenarios, text="macadamia zzzz") == []


def test_random_prefers_untried():
    pool = [s for s in LIB.scenarios if "relationship" in s.parts]
    tried = [s.id for s in pool[:-1]]
    picked = random_for_part(LIB.scenarios, "relationship", avoid=tried, rng=random.Random(1))
    assert picked.id == pool[-1].id


def test_next_wraps_round():
    assert next_after("b", ["a", "b", "c"]) == "c"
    assert next_after("c", ["a", "b", "c"]) == "a"
    assert next_after("z", ["a", "b"]) == "a"
    assert next_after("a", []) is None


def test_search_finds_other_forms_of_a_word_and_half_typed_words():
    from scenarios.catalog import filter_scenarios
    from scenarios.load import load_library

    scenarios = load_library().scenarios
    gifts = {s.id for s in filter_scenarios(scenarios, text="gift")}
    assert "gift-from-a-work-trip" in gifts
    assert {s.id for s in filter_scenarios(scenarios, text="gifts")} == gifts, "the plural finds what the singular finds"
    assert "gift-from-a-work-trip" in {s.id for s in filter_scenarios(scenarios, text="souvenirs")}
    assert "gift-from-a-work-trip" in {s.id for s in filter_scenarios(scenarios, text="macadam")}, "a half-typed word"
    assert not filter_scenarios(scenarios, text="gifts zzzqx"), "every word must match"
    assert [s.id for s in filter_scenarios(scenarios, text="gift-from-a-work-trip")] == ["gift-from-a-work-trip"], "a hyphenated word is not split"


def test_stems_join_word_forms():
    from scenarios.catalog import stems

    assert stems("narcissist") == stems("narcissistic") and stems("Gifts") == stems("gift")


def test_a_short_word_is_not_found_inside_other_words():
    from scenarios.catalog import filter_scenarios
    from scenarios.load import load_library

    scenarios = load_library().scenarios
    found = {s.id for s in filter_scenarios(scenarios, text="hr")}
    assert len(found) < 5, f"'hr' matched {len(found)} scenarios, as if it were inside 'three' and 'through'"


def test_a_search_reads_at_most_its_first_words_and_characters():
    """Issue 21, finding 6: megabytes typed (or sent past the box's limit) into a search made every rerun take seconds."""
    gift = LIB.get("gift-from-a-work-trip")
    past_the_words = "macadamia " * 12 + "zzzqx"
    assert gift in filter_scenarios(LIB.scenarios, text=past_the_words), "a word past the 12th is not searched for"

    from scenarios.catalog import MAX_QUERY_CHARS, MAX_QUERY_WORDS, search_query

    assert search_query(past_the_words).words == ("macadamia",) * MAX_QUERY_WORDS

    huge = "gift " * 1_200_000  # 6 MB, as in the review
    query = search_query(huge)
    assert query.cut and query.words == ("gift",) * MAX_QUERY_WORDS
    assert query.notice and f"{MAX_QUERY_WORDS} words" in query.notice
    assert gift in filter_scenarios(LIB.scenarios, text=huge)

    one_long_word = "macadamia" + "z" * 6_000_000
    assert search_query(one_long_word).words == (one_long_word[:MAX_QUERY_CHARS],)
    assert filter_scenarios(LIB.scenarios, text=one_long_word) == []

    ordinary = search_query("  Macadamia   Hawaii ")
    assert ordinary.words == ("macadamia", "hawaii") and not ordinary.cut and ordinary.notice is None
