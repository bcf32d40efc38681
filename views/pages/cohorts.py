import pandas as pd
import streamlit as st

from records.cohorts import add_members, cohort_emails, cohorts_of, create_cohort, members, reissue_links, revoke_link
from records.roster import RosterRow, check_row, parse_roster
from records.trainees import personal_link
from services.links import link_base, links_csv, links_file_name
from services.markup import plain, sentence
from views.parts.shown_once import OneTimeLinks, hold, show_held
from views.parts.state import supervision
from views.parts.supervisor_common import choose_cohort, supervisor_context
from views.parts.trainee_data import trainee_data

engine, supervisor = supervisor_context()
st.title("Cohorts and links")

with st.expander("Create a cohort", expanded=not cohorts_of(engine, supervisor.id)):
    with st.form("cohort_create_form", clear_on_submit=True):
        title = st.text_input("Title", key="cohort_title", placeholder="e.g. Practicum II, spring term")
        if st.form_submit_button("Create cohort"):
            try:
                supervision().cohort = create_cohort(engine, supervisor.id, title).id
                st.success("Cohort created.")
            except ValueError as error:
                st.error(plain(sentence(str(error))) + ".")

cohort = choose_cohort(engine, supervisor, "cohort_pick", on_cohorts_page=True)
if cohort is None:
    st.stop()


# Links point where this supervisor reached the app (or at PRACTICUM_BASE_URL when set).
base = link_base(st.context.url, "cohorts")


def new_links(created, headline: str) -> OneTimeLinks:
    """Links are shown once, right after they are issued: only their hashes are kept."""
    emails = {m.id: m.email for m in members(engine, supervisor.id, cohort.id)}
    return OneTimeLinks(
        headline,
        tuple((t.name, personal_link(tok, base)) for t, tok in created),
        links_csv([(t.name, emails.get(t.id), tok) for t, tok in created], base),
        links_file_name(cohort.title),
        "link" if len(created) == 1 else "links",
    )


def add_roster(accepted: list[RosterRow]) -> None:
    hold(new_links(add_members(engine, supervisor.id, cohort.id, accepted), f"{len(accepted)} trainee{'s' if len(accepted) != 1 else ''} added"))
    supervision().rosters_added += 1


def add_one_member() -> None:
    """The button's callback: it runs before the page is drawn again, so the heading and the table
    already count the new trainee, and a refused row keeps what was typed for correcting."""
    typed = st.session_state
    row = check_row(1, typed.get("member_name", ""), typed.get("member_email", ""), typed.get("member_sis", ""), cohort_emails(engine, supervisor.id, cohort.id))
    if not row.accepted:
        supervision().member_refused = row.reason or "the row was refused"
        return
    hold(new_links(add_members(engine, supervisor.id, cohort.id, [row]), f"{plain(row.name)} added"))
    for key in ("member_name", "member_email", "member_sis"):
        typed[key] = ""


people = members(engine, supervisor.id, cohort.id)
st.header(f"{len(people)} trainee{'s' if len(people) != 1 else ''}" if people else "No trainees yet")
if people:
    st.dataframe(
        pd.DataFrame([{"name": m.name, "email": m.email or "", "id": m.sis_id or "", "link": "active" if m.active else "revoked"} for m in people]),
        hide_index=True,
    )

# Keyed, so the open tab survives reruns: an upload or a click stays on the tab it happened in.
add_one, roster, manage, data = st.tabs(["Add a trainee", "Upload a roster", "Manage links", "Export or delete data"], key="cohort_tabs")
with add_one:
    with st.form("member_add_form"):
        st.text_input("Name", key="member_name")
        st.text_input("Email", key="member_email")
        st.text_input("Student id (optional)", key="member_sis")
        st.form_submit_button("Add trainee", on_click=add_one_member)
    if refused := supervision().member_refused:
        st.error(f"Not added: {plain(refused)}.")
        supervision().member_refused = None

with roster:
    st.markdown("A CSV with a header row: `name,email` and optionally `id`. Nothing is saved until you confirm the preview.")
    # A new key after each add empties the box: the same file checked again would list its trainees as duplicates.
    upload = st.file_uploader("Roster CSV", type=["csv", "txt"], key=f"roster_upload_{supervision().rosters_added}")
    if upload is not None:
        preview = parse_roster(upload.getvalue(), cohort_emails(engine, supervisor.id, cohort.id))
        if preview.error:
            st.error(f"{plain(upload.name)}: {plain(preview.error)} Nothing was saved.")
        if preview.rows:
            st.dataframe(
                pd.DataFrame(
                    [{"line": r.line, "name": r.name, "email": r.email, "id": r.sis_id, "status": "accepted" if r.accepted else f"rejected: {r.reason}"} for r in preview.rows]
                ),
                hide_index=True,
            )
        accepted: list[RosterRow] = preview.accepted
        st.caption(f"{len(accepted)} accepted, {len(preview.rows) - len(accepted)} rejected.")
        if accepted:
            # In the button's callback, so the heading and the table above already count the new trainees.
            st.button(
                f"Add the {len(accepted)} accepted trainee{'s' if len(accepted) != 1 else ''}", type="primary", key="roster_confirm",
                on_click=add_roster, args=(accepted,),
            )  # fmt: skip

with manage:
    if not people:
        st.info("Add trainees first.")
    else:
        by_id = {m.id: m for m in people}
        chosen = by_id[st.selectbox("Trainee", list(by_id), format_func=lambda i: f"{by_id[i].name} <{by_id[i].email or 'no email'}>", key="manage_pick")]
        left, right = st.columns(2)
        if left.button("Issue a new link", key="manage_reissue", help="The old link stops working at once."):
            token = reissue_links(engine, supervisor.id, [chosen.id])[chosen.id]
            hold(new_links([(chosen, token)], f"New link for {plain(chosen.name)}; the old one no longer works"))
        if right.button("Revoke the link", key="manage_revoke", help="The trainee can no longer open their progress until you issue a new link."):
            revoke_link(engine, supervisor.id, chosen.id)
            st.success(f"{plain(chosen.name)}'s link is revoked. Their answers are kept.")
        st.divider()
        confirm = st.checkbox("I understand: every trainee in this cohort gets a new link, and their old links stop working.", key="manage_all_confirm")
        if st.button("Issue new links for the whole cohort", disabled=not confirm, key="manage_reissue_all"):
            tokens = reissue_links(engine, supervisor.id, [m.id for m in people])
            hold(new_links([(m, tokens[m.id]) for m in people], f"New links for all {len(people)} trainees; the old ones no longer work"))

with data:
    trainee_data(engine, supervisor, people)

show_held()
