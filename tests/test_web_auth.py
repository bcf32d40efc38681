"""Supervisor sign-in on the app's own server: an HttpOnly cookie, refused from other sites, and the
security headers on every response. Run in-process with Starlette's test client."""

import html
import re

import pytest
from apptest_helpers import app_engine, new_supervisor
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

from records.supervisors import SESSION_COOKIE, session_supervisor
from web.auth import ROUTES
from web.headers import SECURITY_HEADERS, SecurityHeaders

PASSWORD = "correct horse battery"


@pytest.fixture
def client():
    server = Starlette(routes=ROUTES, middleware=[Middleware(SecurityHeaders)])
    with TestClient(server, base_url="http://practicum.test", follow_redirects=False) as test_client:
        yield test_client


def _form(email: str, password: str) -> dict:
    return {"email": email, "password": password}


def test_the_sign_in_page_is_a_labelled_form_with_the_security_headers(client):
    page = client.get("/auth/sign-in")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert '<label for="email">Email</label>' in page.text and '<label for="password">Password</label>' in page.text
    assert '<html lang="en">' in page.text and "<main>" in page.text
    for name, value in SECURITY_HEADERS:
        assert page.headers[name.decode()] == value.decode()
    assert "You are signed out." in client.get("/auth/sign-in?notice=out").text


def test_a_right_password_sets_an_httponly_samesite_cookie_that_opens_the_session(client):
    supervisor, _ = new_supervisor("Dr. Cookie", "cookie@example.edu", PASSWORD)
    answer = client.post("/auth/sign-in", data=_form("Cookie@Example.edu", PASSWORD), headers={"Sec-Fetch-Site": "same-origin"})
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    token = re.match(rf"{SESSION_COOKIE}=([^;]+);", cookie).group(1)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie and "Secure" not in cookie
    assert session_supervisor(app_engine(), token).id == supervisor.id
    behind_https = client.post("/auth/sign-in", data=_form("cookie@example.edu", PASSWORD), headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in behind_https.headers["set-cookie"]


def test_a_wrong_password_says_so_sets_no_cookie_and_keeps_the_email_as_text(client):
    new_supervisor("Dr. Wrong", "wrong@example.edu", PASSWORD)
    answer = client.post("/auth/sign-in", data=_form("wrong@example.edu", "not the password"))
    assert answer.status_code == 401 and "set-cookie" not in answer.headers
    assert "That email and password do not match an account." in answer.text and 'value="wrong@example.edu"' in answer.text
    hostile = client.post("/auth/sign-in", data=_form('"><script>alert(1)</script>', "x"))
    assert "<script>alert(1)" not in hostile.text and "&quot;&gt;&lt;script&gt;" in hostile.text


def test_a_sign_in_posted_from_another_site_is_refused(client):
    new_supervisor("Dr. Csrf", "csrf@example.edu", PASSWORD)
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}, {"Origin": "https://evil.example"}):
        answer = client.post("/auth/sign-in", data=_form("csrf@example.edu", PASSWORD), headers=headers)
        assert answer.status_code == 403 and "set-cookie" not in answer.headers, headers
        assert "did not come from this app's own page" in html.unescape(answer.text)
    same = client.post("/auth/sign-in", data=_form("csrf@example.edu", PASSWORD), headers={"Origin": "http://practicum.test"})
    assert same.status_code == 303


def test_an_oversized_form_is_refused_without_reading_a_password(client):
    answer = client.post("/auth/sign-in", content=b"email=a&password=" + b"x" * 20_000, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413 and "set-cookie" not in answer.headers
