"""Personal links point where the supervisor reached the app, and their CSV is complete."""

import csv
import io

from records.trainees import personal_link
from services.links import link_base, links_csv, links_file_name


def test_links_follow_the_address_the_supervisor_used(monkeypatch):
    """Reported: links pointed at http://localhost:8501 whatever address the supervisor used."""
    monkeypatch.delenv("PRACTICUM_BASE_URL", raising=False)
    assert link_base("https://practicum.example.edu/cohorts", "cohorts") == "https://practicum.example.edu"
    assert link_base("http://10.1.2.3:8501/practicum/cohorts/", "cohorts") == "http://10.1.2.3:8501/practicum"
    assert personal_link("abc", link_base("https://practicum.example.edu/cohorts", "cohorts")) == "https://practicum.example.edu/?t=abc"
    assert link_base(None, "cohorts") is None and personal_link("abc") == "http://localhost:8501/?t=abc"


def test_the_setting_overrides_the_browser_address(monkeypatch):
    monkeypatch.setenv("PRACTICUM_BASE_URL", "https://behind.proxy.example/app/")
    assert link_base("http://127.0.0.1:8501/cohorts", "cohorts") == "https://behind.proxy.example/app"


def test_the_links_csv_has_emails_and_a_name_a_person_recognises(monkeypatch):
    monkeypatch.delenv("PRACTICUM_BASE_URL", raising=False)
    rows = list(csv.DictReader(io.StringIO(links_csv([("Ana Lima", "ana@uni.edu", "tok")], "https://p.example").decode())))
    assert rows == [{"name": "Ana Lima", "email": "ana@uni.edu", "link": "https://p.example/?t=tok"}]
    assert links_file_name("Practicum II: spring") == "links-practicum-ii-spring.csv" and links_file_name("ü") == "links-cohort.csv"


def test_a_message_becomes_a_sentence_without_lowering_a_quoted_title():
    from services.markup import sentence

    assert sentence("“Week 3” was created") == "“Week 3” was created"
    assert sentence("a Week 3 title") == "A Week 3 title" and sentence("") == ""


def test_download_names_use_titles_not_ids():
    from services.links import links_file_name, slug

    assert slug("Practicum II, spring") == "practicum-ii-spring" and slug("***") == "untitled"
    assert links_file_name("Cohort Alpha") == "links-cohort-alpha.csv" and links_file_name("!!") == "links-cohort.csv"
