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
from records.supervisors import SESSION_COOKIE, SignInRefused, sign_in
from web.pages import WORDS, sign_in_page

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


async def do_sign_in(request: Request) -> Response:
    if not _same_site(request):
        return _page(403, error=WORDS["cross_site"])
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return _page(413, error=WORDS["cross_site"])
    fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=4)
    email = (fields.get("email") or [""])[0][:320]
    password = (fields.get("password") or [""])[0][:1024]
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
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=_secure(request), path="/")
    return response


ROUTES = [
    Route("/auth/sign-in", show_sign_in, methods=["GET"]),
    Route("/auth/sign-in", do_sign_in, methods=["POST"]),
]
