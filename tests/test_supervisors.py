"""Supervisor accounts on both databases: hashed passwords, throttling, expiring sessions, and the command."""

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from db_fixtures import BACKENDS, fresh_engine
from sqlalchemy import select, update

import records.supervisors as supervisors_module
from records.supervisors import (
    IDLE_TIMEOUT,
    MAX_FAILURES,
    SignInRefused,
    add_supervisor,
    session_supervisor,
    sign_in,
    sign_out,
)
from records.tables import supervisor_sessions, supervisors

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long enough passphrase"


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    engine = fresh_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


def test_passwords_are_stored_as_argon2id_at_owasp_parameters(engine):
    add_supervisor(engine, "Dr. Rivera", "Rivera@Example.edu ", PASSWORD)
    with engine.connect() as connection:
        row = connection.execute(select(supervisors)).one()
    assert row.email == "rivera@example.edu"
    assert row.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert PASSWORD not in row.password_hash


def test_account_rules(engine):
    with pytest.raises(ValueError, match="at least 12"):
        add_supervisor(engine, "Dr. Short", "short@example.edu", "short")
    add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", PASSWORD)
    with pytest.raises(ValueError, match="already exists"):
        add_supervisor(engine, "Someone", "RIVERA@example.edu", PASSWORD)


def test_sign_in_opens_a_session_that_sign_out_ends(engine):
    made = add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", PASSWORD)
    supervisor, token = sign_in(engine, "rivera@example.edu", PASSWORD)
    assert supervisor == made and session_supervisor(engine, token) == made
    with engine.connect() as connection:
        assert token not in [r.token_hash for r in connection.execute(select(supervisor_sessions))]
    sign_out(engine, token)
    assert session_supervisor(engine, token) is None


def test_wrong_email_and_wrong_password_get_the_same_message(engine):
    add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", PASSWORD)
    with pytest.raises(SignInRefused) as unknown:
        sign_in(engine, "nobody@example.edu", PASSWORD)
    with pytest.raises(SignInRefused) as wrong:
        sign_in(engine, "rivera@example.edu", "wrong password here")
    assert str(unknown.value) == str(wrong.value)


def test_repeated_failures_pause_the_account_even_for_the_right_password(engine):
    add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", PASSWORD)
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            sign_in(engine, "rivera@example.edu", "wrong password here")
    with pytest.raises(SignInRefused, match="paused"):
        sign_in(engine, "rivera@example.edu", PASSWORD)
    with engine.begin() as connection:  # the pause runs out
        connection.execute(update(supervisors).values(locked_until=datetime.now(UTC) - timedelta(seconds=1)))
    assert sign_in(engine, "rivera@example.edu", PASSWORD)[0].email == "rivera@example.edu"


def test_guesses_sent_at_once_are_all_counted(engine):
    add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", PASSWORD)
    guesses = 4 * MAX_FAILURES
    start = threading.Barrier(guesses)

    def guess(number: int) -> str:
        start.wait()
        try:
            sign_in(engine, "rivera@example.edu", f"wrong password number {number}")
        except SignInRefused as refused:
            return str(refused)
        return "signed in"

    with ThreadPoolExecutor(guesses) as pool:
        answers = list(pool.map(guess, range(guesses)))
    assert "signed in" not in answers
    with pytest.raises(SignInRefused, match="paused"):
        sign_in(engine, "rivera@example.edu", PASSWORD)


def test_a_burst_gets_five_checks_per_pause_and_the_right_password_in_it_is_told_what_the_wrong_ones_are(engine, monkeypatch):
    """Found by a security pass: 12-15 guesses were checked per pause, and inside the burst the right
    password answered "paused" while wrong ones answered "do not match", which told the attacker it was right."""
    add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", PASSWORD)
    checked: list[str] = []
    real_verify = supervisors_module._verify

    def counting_verify(password_hash: str, password: str) -> bool:
        checked.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(supervisors_module, "_verify", counting_verify)
    guesses = 4 * MAX_FAILURES
    start = threading.Barrier(guesses)

    def guess(number: int) -> str:
        start.wait()
        password = PASSWORD if number == guesses - 1 else f"wrong password number {number}"
        try:
            sign_in(engine, "rivera@example.edu", password)
        except SignInRefused as refused:
            return str(refused)
        return "signed in"

    with ThreadPoolExecutor(guesses) as pool:
        answers = list(pool.map(guess, range(guesses)))
    right = answers[-1]
    wrong_checked = [password for password in checked if password != PASSWORD]
    if PASSWORD in checked:  # the right password happened to be among the five checked: it gets in
        assert right == "signed in"  # and its sign-in starts the count again, once
        assert len(wrong_checked) <= 2 * MAX_FAILURES - 1
    else:  # refused while paused, with exactly the words every wrong guess refused while paused got
        assert len(wrong_checked) <= MAX_FAILURES
        assert "paused" in right
        assert sum(answer == right for answer in answers) == guesses - len(checked)
    assert answers.count("That email and password do not match an account.") == len(wrong_checked)


def test_the_fifth_try_may_be_the_right_one(engine):
    add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", PASSWORD)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(SignInRefused, match="do not match"):
            sign_in(engine, "rivera@example.edu", "wrong password here")
    assert sign_in(engine, "rivera@example.edu", PASSWORD)[0].email == "rivera@example.edu"
    with pytest.raises(SignInRefused, match="do not match"):  # the count started again
        sign_in(engine, "rivera@example.edu", "wrong password here")


def test_an_idle_session_expires(engine):
    add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", PASSWORD)
    _, token = sign_in(engine, "rivera@example.edu", PASSWORD)
    with engine.begin() as connection:
        connection.execute(update(supervisor_sessions).values(last_seen_at=datetime.now(UTC) - IDLE_TIMEOUT - timedelta(seconds=5)))
    assert session_supervisor(engine, token) is None
    assert session_supervisor(engine, "made-up") is None and session_supervisor(engine, None) is None


def test_the_first_supervisor_is_made_from_the_command_line(tmp_path):
    env = {"PRACTICUM_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PATH": "/usr/bin:/bin"}
    made = subprocess.run(
        [sys.executable, "-m", "records", "add-supervisor", "--name", "Dr. Rivera", "--email", "rivera@example.edu", "--password-stdin"],
        cwd=ROOT, env=env, input=PASSWORD + "\n", capture_output=True, text=True, timeout=60,
    )
    assert made.returncode == 0, made.stderr
    assert "can now sign in" in made.stdout and PASSWORD not in made.stdout + made.stderr
    short = subprocess.run(
        [sys.executable, "-m", "records", "add-supervisor", "--name", "X", "--email", "x@example.edu", "--password-stdin"],
        cwd=ROOT, env=env, input="short\n", capture_output=True, text=True, timeout=60,
    )
    assert short.returncode == 2 and "nothing was saved" in short.stderr
