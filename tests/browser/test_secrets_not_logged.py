"""Tokens and passwords never appear in logs (issue 8, item 6).

A real server runs with Streamlit's logger at debug level (the most it will say), the accounts are
made with the real command line, and a trainee and a supervisor use the app in Chromium: a personal
link, an answer, a wrong and a right password, a link issued, reissued and revoked, the dashboard,
sign-out. Then every line the server and the command line wrote is searched for every secret of the
run, and for the hashes the database keeps of them: a token's SHA-256 is what a stolen log would be
matched against the database with, and it has no business in a log any more than the token has.

What the command line prints on purpose: `add-trainee` and `reissue` exist to hand a personal link
to whoever runs them, so each one's standard output may hold the one token it was asked for, and
nothing else secret. Their standard error, and everything the server writes, may hold none.

The supervisor's session token never leaves the server (it lives in Streamlit's session state, not
in a cookie, the URL or local storage, which is checked too); only its hash can be read back, from
the database, and that is what is searched for.
"""

import csv
import hashlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, Server, settle
from journeys import create_cohort, done_with_links, nav, open_scenario, sign_in, submit_and_continue, try_sign_in
from playwright.sync_api import expect
from sqlalchemy import select

from records.db import make_engine
from records.tables import supervisor_sessions, supervisors
from records.trainees import hash_token
from scenarios.load import load_library

TIMEOUT = 30_000
EMAIL = "keeper@example.edu"
LINK = re.compile(r"\?t=([A-Za-z0-9_\-]+)")


def records_cli(database_url: str, base_url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = os.environ | {"PRACTICUM_DATABASE_URL": database_url, "PRACTICUM_BASE_URL": base_url}
    result = subprocess.run(
        [sys.executable, "-m", "records", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"python -m records {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def token_of(text: str) -> str:
    tokens = LINK.findall(text)
    assert len(tokens) == 1, f"expected one personal link in {text!r}"
    return tokens[0]


def first_step_with_a_next():
    """A library scenario and the text of a first-step option that leads on to a second step."""
    for scenario in sorted(load_library().scenarios, key=lambda s: s.id):
        for option in scenario.first_step.options:
            if option.next:
                return scenario, option.text
    raise AssertionError("no library scenario has a second step")


def test_no_token_or_password_reaches_a_log(browser, tmp_path):
    database = tmp_path / "secrets.db"
    url = f"sqlite:///{database}"
    # Debug is the most Streamlit's logger says; the level name in each line proves it was on.
    server = Server(url, name="secrets", env={"STREAMLIT_LOGGER_LEVEL": "debug", "STREAMLIT_LOGGER_MESSAGE_FORMAT": "%(asctime)s %(levelname)s %(name)s %(message)s"})
    password = "pw-" + secrets.token_urlsafe(18)
    wrong_password = "wrong-" + secrets.token_urlsafe(18)

    cli: list[tuple[str, subprocess.CompletedProcess, str | None]] = []  # (command, result, the token its stdout may print)
    made = records_cli(url, server.url, "add-supervisor", "--name", "Dr. Keeper", "--email", EMAIL, "--password-stdin", stdin=password + "\n")
    cli.append(("add-supervisor", made, None))
    added = records_cli(url, server.url, "add-trainee", "Lee Linked")
    cli_token = token_of(added.stdout)
    cli.append(("add-trainee", added, cli_token))
    trainee_id = re.search(r"Trainee (\d+):", added.stdout).group(1)

    scenario, option = first_step_with_a_next()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    server.start()
    try:
        # The trainee opens the link exactly as printed, and answers a step.
        trainee = context.new_page()
        trainee.goto(re.search(r"http\S+", added.stdout).group(0))
        settle(trainee)
        expect(trainee.get_by_text("Signed in by personal link as")).to_be_visible()
        nav(trainee, "Practice")
        open_scenario(trainee, scenario.id, scenario.title)
        submit_and_continue(trainee, option)

        # The supervisor first mistypes the password, then signs in.
        page = context.new_page()
        try_sign_in(page, server.url, EMAIL, wrong_password)
        expect(page.get_by_text("That email and password do not match an account.")).to_be_visible()
        sign_in(page, server.url, EMAIL, password)

        # A cohort, a trainee added in the page (their link shown once), reissued, then revoked.
        nav(page, "Cohorts and links")
        create_cohort(page, "Secret keeping")
        page.get_by_role("tab", name="Add a trainee").click()
        page.get_by_label("Name").fill("Mo Member")
        page.get_by_label("Email", exact=True).fill("mo@example.edu")
        page.get_by_role("button", name="Add trainee").click()
        expect(page.get_by_text("Mo Member added")).to_be_visible()
        settle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download these links (CSV)").click()
        rows = list(csv.DictReader(open(download.value.path(), encoding="utf-8")))
        member_token = token_of(rows[0]["link"])
        done_with_links(page)

        nav(page, "Cohorts and links")  # the tabs were drawn before the trainee was added
        page.get_by_role("tab", name="Manage links").click()
        page.get_by_role("button", name="Issue a new link").click()
        expect(page.get_by_text("the old one no longer works")).to_be_visible()
        settle(page)
        reissued_token = token_of(page.get_by_test_id("stCode").filter(has_text="?t=").inner_text())
        assert reissued_token != member_token
        done_with_links(page)
        page.get_by_role("button", name="Revoke the link").click()
        expect(page.get_by_text("link is revoked")).to_be_visible()
        settle(page)

        # Old and revoked links are refused, which also runs them through the lookup.
        for refused in (member_token, reissued_token):
            stranger = context.new_page()
            stranger.goto(f"{server.url}/?t={refused}")
            settle(stranger)
            expect(stranger.get_by_text("This personal link is not valid")).to_be_visible()
            stranger.close()

        nav(page, "Dashboard")
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        nav(page, "Sign out")
        page.get_by_role("button", name="Sign out now").click()
        expect(page.get_by_test_id("stSidebar").get_by_role("link", name="Supervisor sign-in")).to_be_visible()
        expect(page.get_by_text("You are signed out.")).to_be_visible()
        settle(page)

        # Nothing the browser keeps holds the password (the session token is in an HttpOnly cookie, ended now).
        stored = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])")
        stored += repr(context.cookies())
        assert password not in stored and wrong_password not in stored
    finally:
        context.close()
        server.stop()

    # The command line reissues and revokes too (the app is stopped: this run's server log is complete).
    reissued = records_cli(url, server.url, "reissue", trainee_id)
    cli_reissued_token = token_of(reissued.stdout)
    cli.append(("reissue", reissued, cli_reissued_token))
    cli.append(("revoke", records_cli(url, server.url, "revoke", trainee_id), None))
    cli.append(("list-trainees", records_cli(url, server.url, "list-trainees"), None))

    engine = make_engine(url)
    with engine.connect() as connection:
        session_hashes = connection.execute(select(supervisor_sessions.c.token_hash)).scalars().all()
        password_hash = connection.execute(select(supervisors.c.password_hash)).scalar_one()
    engine.dispose()
    assert len(session_hashes) == 1, "one sign-in, one session"

    tokens = {
        "trainee token (CLI)": cli_token,
        "trainee token (reissued by CLI)": cli_reissued_token,
        "member token (page)": member_token,
        "member token (reissued in page)": reissued_token,
    }
    plaintext = {"supervisor password": password, "wrong password": wrong_password, **tokens}
    hashed = {f"sha256 of {label}": hash_token(token) for label, token in tokens.items()}
    hashed |= {"sha256 of the supervisor session token": session_hashes[0], "argon2 hash of the password": password_hash}
    # Hashes the app never computes but a careless log line might: the password's SHA-256, and the argon2 digest alone.
    hashed["sha256 of the password"] = hashlib.sha256(password.encode()).hexdigest()
    hashed["argon2 digest of the password"] = password_hash.rsplit("$", 1)[1]
    every = plaintext | hashed

    log_path = Path(server.log.name)
    sources = [(log_path.name, log_path.read_text(encoding="utf-8", errors="replace"), None)]
    for command, result, allowed in cli:
        sources.append((f"{command} stderr", result.stderr, None))
        sources.append((f"{command} stdout", result.stdout, allowed))
    assert re.search(r" DEBUG streamlit", sources[0][1]), "the server did not log at debug level"

    found, lines, size = [], 0, 0
    for name, text, allowed in sources:
        lines += len(text.splitlines())
        size += len(text.encode())
        for number, line in enumerate(text.splitlines(), 1):
            for label, secret in every.items():
                if secret in line and secret != allowed:
                    found.append(f"{label} in {name}, line {number}: {line[:200]}")
    # What the command line must show, it shows (so the search above looked at real output).
    assert cli_token in added.stdout and cli_reissued_token in reissued.stdout

    # The database keeps hashes only: no password and no token, in the file or its write-ahead log.
    stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    in_database = [label for label, secret in plaintext.items() if secret.encode() in stored]
    assert hash_token(reissued_token).encode() in stored, "the search of the database file finds what is there"

    print(f"\nsecrets: {len(every)} secrets checked against {lines} log lines ({size} bytes) from server and CLI, {len(found)} found")
    assert not found, "secrets in logs:\n" + "\n".join(found)
    assert not in_database, f"in the database file in plain text: {in_database}"
