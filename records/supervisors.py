"""Supervisor accounts: argon2id passwords, throttled sign-in, sessions that expire when idle."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, Row, case, insert, or_, select, update

from records.db import aware, reading, writing
from records.tables import supervisor_invites, supervisor_sessions, supervisors
from scenarios.text import refuse_controls

# OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, parallelism 1.
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
MIN_PASSWORD = 12
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_COOKIE = "practicum_session"  # set HttpOnly by web/auth.py, read by the app on every run
INVITE_LIFETIME = timedelta(days=7)
TOUCH_EVERY = timedelta(minutes=1)  # the idle clock is refreshed at most this often, not on every rerun
# Verified when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = HASHER.hash("not a real password")


@dataclass(frozen=True)
class Supervisor:
    id: int
    name: str
    email: str


class SignInRefused(Exception):
    """Sign-in failed; the message is safe to show (it never says whether the email exists)."""


def _now() -> datetime:
    return datetime.now(UTC)



def normalise_email(email: str) -> str:
    return email.strip().lower()


def _check_new(name: str, email: str, password: str) -> tuple[str, str]:
    name, email = " ".join(name.split()), normalise_email(email)
    if not name or "@" not in email:
        raise ValueError("a supervisor needs a name and an email address")
    refuse_controls("the name", name)
    refuse_controls("the email address", email)
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")
    return name, email


def _insert_supervisor(connection: Connection, name: str, email: str, password: str) -> Supervisor:
    if connection.execute(select(supervisors.c.id).where(supervisors.c.email == email)).first():
        raise ValueError(f"a supervisor with the email {email} already exists")
    supervisor_id = connection.execute(
        insert(supervisors)
        .values(name=name, email=email, password_hash=HASHER.hash(password), failed_logins=0, created_at=_now())
        .returning(supervisors.c.id)
    ).scalar_one()
    return Supervisor(supervisor_id, name, email)


def add_supervisor(engine: Engine, name: str, email: str, password: str) -> Supervisor:
    name, email = _check_new(name, email, password)
    with writing(engine) as connection:
        return _insert_supervisor(connection, name, email, password)


class InviteRefused(ValueError):
    """The invitation link cannot be used; the message says why and what to do."""


def invite_supervisor(engine: Engine, inviter_id: int, email: str) -> str:
    """A one-time link token for a new supervisor account with this email, valid for 7 days. Only its hash is kept."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 320:
        raise ValueError("give the new supervisor's email address")
    token = secrets.token_urlsafe(32)
    with writing(engine) as connection:
        if connection.execute(select(supervisors.c.id).where(supervisors.c.email == email)).first():
            raise ValueError(f"a supervisor with the email {email} already exists; they can sign in")
        connection.execute(
            insert(supervisor_invites).values(
                token_hash=_hash(token), email=email, invited_by=inviter_id, created_at=_now(), expires_at=_now() + INVITE_LIFETIME
            )
        )
    return token


def invited_email(engine: Engine, token: str) -> str:
    """The email an invitation is for, or InviteRefused saying why it cannot be used."""
    with reading(engine) as connection:
        email: str = _open_invite(connection, token).email
    return email


def _open_invite(connection: Connection, token: str) -> Row[Any]:
    row = connection.execute(select(supervisor_invites).where(supervisor_invites.c.token_hash == _hash(token or ""))).first()
    if row is None:
        raise InviteRefused("This invitation link is not valid. Ask the supervisor who invited you for a new one.")
    if row.used_at is not None:
        raise InviteRefused("This invitation has already been used. Sign in with the account it made.")
    expires = aware(row.expires_at)
    if expires is not None and expires < _now():
        raise InviteRefused("This invitation has expired (they last 7 days). Ask the supervisor who invited you for a new one.")
    return row


def accept_invite(engine: Engine, token: str, name: str, password: str) -> tuple[Supervisor, str]:
    """Make the invited account, use the invitation up, and open a session. Returns the supervisor and the session token."""
    with writing(engine) as connection:
        invite = _open_invite(connection, token)
        name, email = _check_new(name, invite.email, password)
        made = connection.execute(
            update(supervisor_invites).where(supervisor_invites.c.id == invite.id, supervisor_invites.c.used_at.is_(None)).values(used_at=_now())
        )
        if made.rowcount != 1:  # used at the same moment in another window
            raise InviteRefused("This invitation has already been used. Sign in with the account it made.")
        supervisor = _insert_supervisor(connection, name, email, password)
    return _open_session(engine, supervisor)


def _open_session(engine: Engine, supervisor: Supervisor) -> tuple[Supervisor, str]:
    token = secrets.token_urlsafe(32)
    with writing(engine) as connection:
        connection.execute(insert(supervisor_sessions).values(supervisor_id=supervisor.id, token_hash=_hash(token), created_at=_now(), last_seen_at=_now()))
    return supervisor, token


def change_password(engine: Engine, supervisor_id: int, current: str, new: str, keep_session: str | None = None) -> None:
    """Change the password after checking the current one; every other session of the account ends."""
    if len(new) < MIN_PASSWORD:
        raise ValueError(f"the new password must have at least {MIN_PASSWORD} characters")
    with reading(engine) as connection:
        row = connection.execute(select(supervisors.c.password_hash).where(supervisors.c.id == supervisor_id)).first()
    if row is None or not _verify(row.password_hash, current):
        raise ValueError("the current password is not right")
    with writing(engine) as connection:
        connection.execute(update(supervisors).where(supervisors.c.id == supervisor_id).values(password_hash=HASHER.hash(new)))
        others = supervisor_sessions.c.supervisor_id == supervisor_id
        if keep_session:
            others = others & (supervisor_sessions.c.token_hash != _hash(keep_session))
        connection.execute(update(supervisor_sessions).where(others, supervisor_sessions.c.ended_at.is_(None)).values(ended_at=_now()))


def sign_in(engine: Engine, email: str, password: str) -> tuple[Supervisor, str]:
    """Check the password and open a session. Returns the supervisor and the session token."""
    email = normalise_email(email)
    with reading(engine) as connection:
        row = connection.execute(select(supervisors).where(supervisors.c.email == email)).first()
    if row is None:
        _verify(_DUMMY_HASH, password)
        raise SignInRefused("That email and password do not match an account.")
    _take_a_guess(engine, row.id)
    if not _verify(row.password_hash, password):
        raise SignInRefused("That email and password do not match an account.")
    token = secrets.token_urlsafe(32)
    with writing(engine) as connection:
        changes: dict[str, object] = {"failed_logins": 0, "locked_until": None}
        if HASHER.check_needs_rehash(row.password_hash):
            changes["password_hash"] = HASHER.hash(password)
        connection.execute(update(supervisors).where(supervisors.c.id == row.id).values(**changes))
        connection.execute(
            insert(supervisor_sessions).values(supervisor_id=row.id, token_hash=_hash(token), created_at=_now(), last_seen_at=_now())
        )
    return Supervisor(row.id, row.name, row.email), token


PAUSED = "Too many failed attempts: sign-in for this account is paused for {minutes} more minute(s)."


def _take_a_guess(engine: Engine, supervisor_id: int) -> None:
    """Count a sign-in as failed *before* its password is checked, or refuse it while the account is paused.

    Counting first means a burst of parallel guesses gets MAX_FAILURES checks per pause, not as many as
    arrive before the first failure is written; and every guess refused while paused, right password or
    wrong, gets the same message. A right password then clears the count."""
    now = _now()
    counted = supervisors.c.failed_logins + 1
    last_check = counted >= MAX_FAILURES
    with writing(engine) as connection:
        # One statement, so the pause check and the count cannot be split by another guess on either database.
        taken = connection.execute(
            update(supervisors)
            .where(supervisors.c.id == supervisor_id, or_(supervisors.c.locked_until.is_(None), supervisors.c.locked_until <= now))
            .values(
                failed_logins=case((last_check, 0), else_=counted),
                locked_until=case((last_check, now + LOCKOUT), else_=supervisors.c.locked_until),
            )
            .returning(supervisors.c.id)
        ).first()
        if taken is None:
            _refuse_if_paused(connection.execute(select(supervisors.c.locked_until).where(supervisors.c.id == supervisor_id)).scalar_one())
            raise SignInRefused(PAUSED.format(minutes=1))  # the pause ran out between the two statements


def _refuse_if_paused(locked_until: datetime | None) -> None:
    locked_until = aware(locked_until)
    if locked_until and locked_until > _now():
        minutes = max(1, int((locked_until - _now()).total_seconds() // 60) + 1)
        raise SignInRefused(PAUSED.format(minutes=minutes))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_supervisor(engine: Engine, token: str | None) -> Supervisor | None:
    """The supervisor of a live session, refreshing its idle clock; None when ended or idle too long."""
    if not token:
        return None
    now = _now()
    with reading(engine) as connection:
        row = connection.execute(
            select(supervisor_sessions.c.id, supervisor_sessions.c.last_seen_at, supervisors.c.id.label("sid"), supervisors.c.name, supervisors.c.email)
            .join(supervisors, supervisors.c.id == supervisor_sessions.c.supervisor_id)
            .where(supervisor_sessions.c.token_hash == _hash(token), supervisor_sessions.c.ended_at.is_(None))
        ).first()
    if row is None:
        return None
    idle = now - (aware(row.last_seen_at) or now)
    if idle > IDLE_TIMEOUT:
        with writing(engine) as connection:
            connection.execute(update(supervisor_sessions).where(supervisor_sessions.c.id == row.id).values(ended_at=now))
        return None
    if idle > TOUCH_EVERY:
        with writing(engine) as connection:
            connection.execute(update(supervisor_sessions).where(supervisor_sessions.c.id == row.id).values(last_seen_at=now))
    return Supervisor(row.sid, row.name, row.email)


def sign_out(engine: Engine, token: str) -> None:
    with writing(engine) as connection:
        connection.execute(update(supervisor_sessions).where(supervisor_sessions.c.token_hash == _hash(token)).values(ended_at=_now()))


def supervisor_count(engine: Engine) -> int:
    with reading(engine) as connection:
        return len(connection.execute(select(supervisors.c.id)).all())
