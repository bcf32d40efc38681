"""Trainees and their personal links. A link carries a random token; only its hash is stored."""

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update

from records.db import reading, writing
from records.tables import trainees
from scenarios.text import refuse_controls

TOKEN_BYTES = 24  # 192 bits from the OS's CSPRNG
BASE_URL_ENV = "PRACTICUM_BASE_URL"
MAX_NAME = 200


@dataclass(frozen=True)
class Trainee:
    id: int
    name: str


def hash_token(token: str) -> str:
    # The token is long and random, so a plain fast hash is enough: nothing to brute-force.
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def personal_link(token: str, base: str | None = None) -> str:
    """The address a trainee opens: under `base` (the app's address as the supervisor's browser sees it),
    else PRACTICUM_BASE_URL, else the local default the command line prints."""
    return f"{app_root(base)}/?t={token}"


def app_root(base: str | None = None) -> str:
    """The app's address for links: `base`, else PRACTICUM_BASE_URL, else the local default."""
    return (base or os.environ.get(BASE_URL_ENV) or "http://localhost:8501").rstrip("/")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def add_trainee(engine: Engine, name: str) -> tuple[Trainee, str]:
    """Create a trainee; returns them and the token for their link (shown once, never stored)."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a trainee needs a name")
    if len(name) > MAX_NAME:
        raise ValueError(f"a name may have at most {MAX_NAME} characters")
    refuse_controls("the name", name)
    token = new_token()
    with writing(engine) as connection:
        trainee_id = connection.execute(
            insert(trainees).values(name=name, token_hash=hash_token(token), created_at=datetime.now(UTC)).returning(trainees.c.id)
        ).scalar_one()
    return Trainee(trainee_id, name), token


def find_by_token(engine: Engine, token: str | None) -> Trainee | None:
    """The trainee a link belongs to, or None for a missing, unknown or revoked link."""
    if not token or len(token) > 200:
        return None
    with reading(engine) as connection:
        row = connection.execute(
            select(trainees.c.id, trainees.c.name).where(trainees.c.token_hash == hash_token(token), trainees.c.revoked_at.is_(None))
        ).first()
    return Trainee(row.id, row.name) if row else None


def revoke(engine: Engine, trainee_id: int) -> None:
    with writing(engine) as connection:
        connection.execute(update(trainees).where(trainees.c.id == trainee_id).values(revoked_at=datetime.now(UTC)))


def reissue(engine: Engine, trainee_id: int) -> str:
    """A new link for the trainee; the old one stops working at once."""
    token = new_token()
    with writing(engine) as connection:
        connection.execute(update(trainees).where(trainees.c.id == trainee_id).values(token_hash=hash_token(token), revoked_at=None))
    return token


def list_trainees(engine: Engine) -> list[tuple[Trainee, bool]]:
    with reading(engine) as connection:
        rows = connection.execute(select(trainees.c.id, trainees.c.name, trainees.c.revoked_at).order_by(trainees.c.id)).all()
    return [(Trainee(r.id, r.name), r.revoked_at is None) for r in rows]
