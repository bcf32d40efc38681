import streamlit as st

from scenarios.catalog import filter_scenarios
from scenarios.interchange import handout_html, to_gift, to_moodle_xml
from views.parts.common import library
from views.parts.pickers import choose_scenarios, search_box
from views.parts.supervisor_common import supervisor_context

supervisor_context()
lib = library()
st.title("Export scenarios")
st.markdown(
    "Take scenarios to Moodle (XML or GIFT: each step becomes a multiple-choice question, best 100 %, acceptable 50 %, "
    "poor and harmful 0 %, with the part explanations as per-answer feedback) or print them for a group supervision "
    "session (HTML handout; the answer key starts on a new page)."
)
search = search_box("Search", "export_search")
scenarios = [lib.entries[i].scenario for i in choose_scenarios(lib, filter_scenarios(lib.scenarios, text=search), "Scenarios", "export_chosen")]
title = st.text_input("Handout title", value="Group supervision: scenarios", key="export_title", max_chars=200)[:200]
if not scenarios:
    st.info("Choose one or more scenarios to export.")
    st.stop()
a, b, c = st.columns(3)
a.download_button("Moodle XML", to_moodle_xml(scenarios), file_name="practicum-scenarios.xml", mime="application/xml", key="export_moodle")
b.download_button("GIFT", to_gift(scenarios), file_name="practicum-scenarios.gift.txt", mime="text/plain", key="export_gift")
c.download_button("Printable handout (HTML)", handout_html(scenarios, title), file_name="handout.html", mime="text/html", key="export_handout")
