"""Supervisor sessions in an HttpOnly cookie, set and cleared by routes of the app's own server.

A supervisor signs in on /auth/sign-in; the response sets the session token in a cookie that
page scripts cannot read (HttpOnly), that other sites' requests do not carry (SameSite=Lax) and
that only travels over HTTPS when the app is served over HTTPS (Secure). Streamlit reads it on
every run (`st.context.cookies`), so a reload, a new tab or a typed address keeps the supervisor
signed in; the database still decides: idle sessions expire there and signing out ends the
session in every tab.
"""

from functools import lru_cache
from urllib.parse import parse_qs

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from records.db import ConfigError, make_engine
from records.migrate import migrate
from records.supervisors import SESSION_COOKIE, InviteRefused, SignInRefused, accept_invite, invited_email, sign_in
from services.markup import sentence
from web.pages import WORDS, invite_page, sign_in_page

MAX_FORM_BYTES = 8 * 1024  # an email and a password; anything larger is not a sign-in


@lru_cache(maxsize=1)
def _engine() -> Engine:
    engine = make_engine()
    migrate(engine)
    return engine


def engine_or_none() -> Engine | None:
    try:
        return _engine()
    except (ConfigError, SQLAlchemyError):
        return None


def _same_site(request: Request) -> bool:
    """A form post from this app's own page, not from another site (login CSRF).

    Browsers send Sec-Fetch-Site on every request; older ones send Origin on a POST. A request with
    neither (a command-line client) has no cookies of the victim to abuse, so it is let through.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").split(",")[0].strip() == "https"


def _page(status: int = 200, *, email: str = "", error: str | None = None, info: str | None = None) -> HTMLResponse:
    return HTMLResponse(sign_in_page(email=email, error=error, info=info), status_code=status, headers={"Cache-Control": "no-store"})


async def show_sign_in(request: Request) -> Response:
    notice = {"out": WORDS["signed_out"], "ended": WORDS["ended"]}.get(request.query_params.get("notice", ""))
    return _page(info=notice)


async def _form(request: Request) -> dict[str, str] | None:
    """The posted fields, or None for a body too large to be one of these forms."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return None
    fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=8)
    return {name: values[0][:1024] for name, values in fields.items()}


def _signed_in(request: Request, token: str) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=_secure(request), path="/")
    return response


async def do_sign_in(request: Request) -> Response:
    if not _same_site(request):
        return _page(403, error=WORDS["cross_site"])
    fields = await _form(request)
    if fields is None:
        return _page(413, error=WORDS["cross_site"])
    email = fields.get("email", "")[:320]
    password = fields.get("password", "")
    engine = engine_or_none()
    if engine is None:
        return _page(503, email=email, error=WORDS["no_database"])
    try:
        # Password hashing takes tens of milliseconds of CPU: off the event loop that also serves the app.
        _, token = await run_in_threadpool(sign_in, engine, email, password)
    except SignInRefused as refusal:
        return _page(401, email=email, error=str(refusal))
    except SQLAlchemyError:
        return _page(503, email=email, error=WORDS["no_database"])
    return _signed_in(request, token)


def _invite(status: int, token: str, email: str | None, name: str = "", error: str | None = None) -> HTMLResponse:
    # no-referrer: the page's address holds the invitation's token
    headers = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    return HTMLResponse(invite_page(token=token, email=email, name=name, error=error), status_code=status, headers=headers)


async def _usable(token: str) -> tuple[str, None] | tuple[None, HTMLResponse]:
    """The email an invitation is for, or the page that says why it cannot be used."""
    engine = engine_or_none()
    if engine is None:
        return None, _invite(503, token, None, error=WORDS["no_database"])
    try:
        return await run_in_threadpool(invited_email, engine, token), None
    except InviteRefused as refusal:
        return None, _invite(404, token, None, error=str(refusal))


async def show_invite(request: Request) -> Response:
    token = request.query_params.get("code", "")[:200]
    email, refused = await _usable(token)
    return refused if refused is not None else _invite(200, token, email)


async def do_invite(request: Request) -> Response:
    if not _same_site(request):
        return _page(403, error=WORDS["cross_site"])
    fields = await _form(request)
    if fields is None:
        return _page(413, error=WORDS["cross_site"])
    token, name = fields.get("code", "")[:200], fields.get("name", "")[:200]
    email, refused = await _usable(token)
    if refused is not None:
        return refused
    if fields.get("password", "") != fields.get("repeat", ""):
        return _invite(400, token, email, name, WORDS["mismatch"])
    try:  # _usable reached the database, so the engine is made and cached
        _, session = await run_in_threadpool(accept_invite, _engine(), token, name, fields.get("password", ""))
    except InviteRefused as refusal:
        return _invite(409, token, None, error=str(refusal))
    except ValueError as problem:
        return _invite(400, token, email, name, sentence(str(problem)) + ".")
    return _signed_in(request, session)


ROUTES = [
    Route("/auth/sign-in", show_sign_in, methods=["GET"]),
    Route("/auth/sign-in", do_sign_in, methods=["POST"]),
    Route("/auth/invite", show_invite, methods=["GET"]),
    Route("/auth/invite", do_invite, methods=["POST"]),
]
