"""A supervisor who knows no YAML writes a three-step branching scenario in the Author page's form,
previews every branch, saves it, and a trainee plays it in Practice; in Chromium."""

import re
import subprocess
import sys

from conftest import ARTIFACTS, ROOT, Server, settle
from db_fixtures import fresh_engine
from journeys import nav, open_scenario, sign_in, submit_and_continue
from playwright.sync_api import expect

from records.supervisors import add_supervisor
from records.trainees import add_trainee, personal_link
from scenarios.editing import ScenarioDocument

SHOTS = ARTIFACTS / "form-editor"
TITLE = "A phone buzzing mid-session"


def widget(page, key: str):
    """A widget of the form by its key (Streamlit marks each keyed element with the class st-key-KEY).
    While a run moves elements, the one at its old place stays until the run ends: wait for one."""
    settle(page)
    found = page.locator(f".st-key-{key}")
    expect(found).to_have_count(1)
    return found


def the_yaml(page):
    """The form's "See the YAML" view: what the document holds now (in the page even while folded)."""
    return page.get_by_test_id("stExpander").filter(has_text="See the YAML").locator("code")


def put(page, key: str, text: str) -> None:
    """Type into a text box and leave it (Streamlit takes the value then), and wait until the document
    has it. A box typed into while the page was still drawing a run's result once in a while kept the
    text on screen and sent nothing; a user would type it again, and so does this."""
    fragment = max(re.split(r"['\"]", text), key=len)  # YAML may quote the rest
    for attempt in (1, 2, 3):
        box = widget(page, key).locator("input, textarea")
        box.fill(text)
        box.press("Tab")
        try:
            expect(the_yaml(page)).to_contain_text(fragment, timeout=10_000)
            break
        except AssertionError:
            if attempt == 3:
                raise
            print(f"\n{key}: not in the document 10 s after leaving the box; typing it again")
            box.fill(text + " ")  # a value different from the last one sent, so the next one is sent too
            box.press("Tab")
    settle(page)


def pick(page, key: str, option: str, shows: str | re.Pattern) -> None:
    """Choose in a select box; `shows` is what the document then holds."""
    box = widget(page, key).get_by_role("combobox")
    box.click()
    box.press("ArrowDown")  # a searchable select box opens its list from the keyboard
    page.get_by_role("option", name=option, exact=True).click()
    expect(the_yaml(page)).to_contain_text(shows)
    settle(page)


def add_part(page, key: str, part: str, shows: str) -> None:
    widget(page, key).get_by_role("combobox").click()
    page.get_by_role("option", name=part, exact=True).click()
    page.keyboard.press("Escape")
    expect(the_yaml(page)).to_contain_text(shows)
    settle(page)


def answer_in_preview(page, text: str) -> None:
    settle(page)
    page.get_by_test_id("stExpander").get_by_text(re.compile("^" + re.escape(text))).click()
    expect(page.get_by_role("radio", name=re.compile("^" + re.escape(text)))).to_be_checked()
    expect(page.get_by_text(re.compile("^(✔ Strongest|◐ Acceptable|✖ Weak|⚠ Harmful)")).first).to_be_visible()
    settle(page)


def click(page, name: str) -> None:
    settle(page)
    page.get_by_role("button", name=name, exact=True).click()
    settle(page)


def shoot(page, name: str, widths: tuple[int, ...] = (1366, 390)) -> None:
    """The whole page at a laptop's and a phone's width. The page scrolls inside Streamlit's main area,
    not the document, so the window is made as tall as that area for the picture."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        settle(page)
        height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": width, "height": min(height, 16000)})
        settle(page)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
    page.set_viewport_size({"width": 1366, "height": 900})
    settle(page)


def test_a_branching_scenario_written_in_the_form_is_previewed_saved_and_played(context, browser, tmp_path, monkeypatch):
    engine = fresh_engine("sqlite", tmp_path)
    add_supervisor(engine, "Dr. Osei", "osei@example.edu", "correct horse battery")
    _, token = add_trainee(engine, "Sam Lee")
    authored = tmp_path / "authored"
    monkeypatch.setenv("PRACTICUM_AUTHOR_DIR", str(authored))
    template = ScenarioDocument.from_template()  # the form's keys for the template's steps and options
    (first, second), p = template.step_keys, "form1"
    strongest, tempting, defensible = template.options_of(first)
    hold, give_way = template.options_of(second)
    server = Server(engine.url.render_as_string(hide_password=False), name="form-editor").start()
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 1366, "height": 900})
        sign_in(page, server.url, "osei@example.edu", "correct horse battery")
        nav(page, "Author scenarios")
        page.get_by_role("tab", name="Write in a form").click()
        click(page, "Open in the form")
        expect(page.get_by_text("The template is open.")).to_be_visible()
        settle(page)

        put(page, f"{p}_id", "phone-buzzes-mid-session")
        put(page, f"{p}_title", TITLE)
        put(page, f"{p}_setting", "Priya, 29, has seen you for three months for panic attacks. Midway through today's session her phone buzzes twice; she glances at it, then at you.")

        # Step 1: three options; two lead to step 2, one to step 3.
        step1 = f"{p}_steps_{first}"
        put(page, f"{step1}_id", "the-buzz")
        put(page, f"{step1}_prompt", "Her phone buzzes a third time. What do you say?")
        put(page, f"{step1}_options_{strongest}_text", 'Say, "Do you need to check that? We can pause if it matters."')
        put(page, f"{step1}_options_{tempting}_text", 'Say, "Let\'s keep phones away in here, please."')
        put(page, f"{step1}_options_{tempting}_tempting", "Trainees are taught to protect the frame of the hour.")
        put(page, f"{step1}_options_{defensible}_text", "Carry on and say nothing about the phone.")

        # Step 2, renamed: the options that led to it follow the new id.
        step2 = f"{p}_steps_{second}"
        put(page, f"{step2}_id", "she-checks")
        put(page, f"{step2}_prompt", "She reads it and says her sister has been taken to hospital. What now?")
        put(page, f"{step2}_options_{hold}_text", "Ask how she is, and whether she wants to use the session for this.")
        put(page, f"{step2}_options_{give_way}_text", "Suggest she calls back after the session so you can finish the plan.")
        put(page, f"{step2}_options_{give_way}_tempting", "Finishing what was planned feels like good structure.")

        # Step 3: added with a button, filled in, and reached from step 1's second option.
        click(page, "Add a step")
        third = f"{p}_steps_s8"
        expect(widget(page, f"{third}_id").locator("input")).to_have_value("step-1")
        best, poor = f"{third}_options_o9", f"{third}_options_o10"
        expect(page.get_by_text("is empty; write some text here").first).to_be_visible()  # shown under the new step's fields
        shoot(page, "new-step-problems")
        put(page, f"{third}_id", "she-goes-quiet")
        put(page, f"{third}_prompt", "She puts the phone face down and goes quiet. What do you do?")
        put(page, f"{best}_text", "Name the shift gently and ask what it was like to hear that.")
        add_part(page, f"{best}_effects", "Relationship", shows="upholds: ''")
        put(page, f"{best}_effects_relationship_reason", "Noticing a rupture out loud is how its repair begins.")
        put(page, f"{best}_feedback", "Repair starts with naming what just happened between you.")
        put(page, f"{poor}_text", "Carry on with the breathing plan as if nothing happened.")
        add_part(page, f"{poor}_effects", "Relationship", shows="upholds: ''")
        pick(page, f"{poor}_effects_relationship_verdict", "undermines it", shows="undermines: ''")
        put(page, f"{poor}_effects_relationship_reason", "A rupture left unspoken is a common reason clients leave early.")
        put(page, f"{poor}_feedback", "The plan can wait; the alliance cannot.")
        put(page, f"{poor}_tempting", "It keeps the session on track.")
        expect(page.get_by_text(re.compile(r"step 'she-goes-quiet' cannot be reached"))).to_be_visible()
        pick(page, f"{step1}_options_{tempting}_next", "Step 3: she-goes-quiet", shows="next: she-goes-quiet")
        pick(page, f"{step1}_options_{defensible}_next", "Step 2: she-checks", shows=re.compile(r"the strongest response\.\n +next: she-checks"))
        # (in the template that option ends the scenario)
        expect(page.get_by_text(f"Valid: “{TITLE}”, 3 step(s).")).to_be_visible()
        shoot(page, "form")

        # Every branch in the preview.
        page.get_by_text("Preview as a trainee sees it (every branch)").click()
        branches = [('Say, "Do you need', "she-checks", "Ask how she is"), ("Say, \"Let's keep phones", "she-goes-quiet", "Name the shift")]
        for opening, then, closing in branches:
            answer_in_preview(page, opening)
            click(page, f"Go on to step '{then}'")
            answer_in_preview(page, closing)
            expect(page.get_by_text("This choice ends the scenario.")).to_be_visible()
            click(page, "Start over")
        answer_in_preview(page, "Carry on and say nothing")
        expect(page.get_by_role("button", name="Go on to step 'she-checks'")).to_be_visible()
        shoot(page, "preview")

        page.get_by_role("button", name="Save to the library").click()
        expect(page.get_by_text("Saved as phone-buzzes-mid-session.yaml")).to_be_visible()
        settle(page)
        saved = authored / "phone-buzzes-mid-session.yaml"
        checked = subprocess.run([sys.executable, "-m", "scenarios", "check", str(saved)], cwd=ROOT, capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        text = saved.read_text(encoding="utf-8")
        assert "# best | acceptable | poor | harmful" in text, "the template's comments are kept"
        assert text.count("next: she-checks") == 2 and text.count("next: she-goes-quiet") == 1

        trainee = browser.new_context(viewport={"width": 1366, "height": 900})
        sam = trainee.new_page()
        sam.goto(personal_link(token, server.url))
        settle(sam)
        nav(sam, "Practice")
        open_scenario(sam, "Priya buzzing", TITLE)
        submit_and_continue(sam, "Say, \"Let's keep phones away")
        expect(sam.get_by_text("She puts the phone face down and goes quiet.")).to_be_visible()
        submit_and_continue(sam, "Name the shift gently", then="See summary")
        expect(sam.get_by_role("heading", name="Summary")).to_be_visible()
        settle(sam)
        shoot(sam, "trainee-summary", (1366,))
        trainee.close()
    finally:
        server.stop()
