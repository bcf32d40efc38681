"""Guards in front of Streamlit's own routes (issue 21).

- **A browser cookie** (`practicum_browser`, HttpOnly, random) is set on the first response a browser gets.
  The Streamlit script records it on a session's first run and refuses any later run whose connection does
  not carry it (`views.parts.common.same_browser`), so a Streamlit session id, which shows in upload URLs,
  is no longer enough to resume someone's session from elsewhere.
- **Uploads** are accepted only under file ids the server itself issued to that session, once each, and up
  to `MAX_SESSION_UPLOAD_BYTES` per session. Streamlit accepts any id under an open session, so a made-up id
  could park megabytes in memory, and a second PUT to an issued id replaced a file the app had already read.
- **`/_stcore/metrics`** is not served: it tells anyone the server's sessions and memory.

All are pure ASGI (no BaseHTTPMiddleware), so websockets and streamed files pass untouched.
"""

import re
import secrets
import threading
from collections import OrderedDict
from http.cookies import SimpleCookie
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BROWSER_COOKIE = "practicum_browser"
MAX_SESSION_UPLOAD_BYTES = 6 * 1024 * 1024  # 20 scenario files of 256 KB, or a 1 MB roster, with room to spare
MAX_ISSUED_PER_SESSION = 200  # upload ids remembered per session; older ones are forgotten (and refused)
HIDDEN_PATHS = ("/_stcore/metrics",)
_UPLOAD = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/(?P<file>[^/]+)$")


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is the browser's problem, not a reason to fail the page
                continue
    return {key: morsel.value for key, morsel in jar.items()}


def _secure(scope: Scope) -> bool:
    headers = dict(scope.get("headers", []))
    return scope.get("scheme") == "https" or headers.get(b"x-forwarded-proto", b"").split(b",")[0].strip() == b"https"


class BrowserCookie:
    """Give every browser a random HttpOnly cookie with the first page it loads. Only pages (HTML) set it,
    so a script's or a health check's request that carries no cookies cannot replace a browser's cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or BROWSER_COOKIE in _cookies(scope):
            await self.app(scope, receive, send)
            return
        cookie = f"{BROWSER_COOKIE}={secrets.token_urlsafe(24)}; Path=/; HttpOnly; SameSite=Lax"
        if _secure(scope):
            cookie += "; Secure"

        async def with_cookie(message: Message) -> None:
            headers = list(message.get("headers", []))
            if message["type"] == "http.response.start" and dict(headers).get(b"content-type", b"").startswith(b"text/html"):
                message["headers"] = headers + [(b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, with_cookie)


class IssuedUploads:
    """The upload ids Streamlit handed to each session, and what each session has uploaded so far."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._issued: dict[str, OrderedDict[str, bool]] = {}  # session -> file id -> used

    def issue(self, session_id: str, file_id: str) -> None:
        with self._lock:
            ids = self._issued.setdefault(session_id, OrderedDict())
            ids[file_id] = False
            while len(ids) > MAX_ISSUED_PER_SESSION:
                ids.popitem(last=False)

    def claim(self, session_id: str, file_id: str) -> bool:
        """True once for an id this session was issued; False for made-up or already used ids."""
        with self._lock:
            ids = self._issued.get(session_id)
            if ids is None or ids.get(file_id) is not False:
                return False
            ids[file_id] = True
            return True

    def forget(self, session_id: str) -> None:
        with self._lock:
            self._issued.pop(session_id, None)


ISSUED = IssuedUploads()
_installed = threading.Lock()


def watch_upload_manager(manager: Any) -> None:
    """Wrap Streamlit's uploaded-file manager so the ids it issues, and the sessions it drops, are known here.
    Streamlit has no hook for this, so the two methods are wrapped on the instance (once)."""
    with _installed:
        if getattr(manager, "_practicum_watched", False):
            return
        issue_urls, drop_session = manager.get_upload_urls, manager.remove_session_files

        def get_upload_urls(session_id: str, file_names: Any) -> Any:
            infos = issue_urls(session_id, file_names)
            for info in infos:
                ISSUED.issue(session_id, info.file_id)
            return infos

        def remove_session_files(session_id: str) -> None:
            ISSUED.forget(session_id)
            drop_session(session_id)

        manager.get_upload_urls, manager.remove_session_files = get_upload_urls, remove_session_files
        manager._practicum_watched = True


def _upload_manager() -> Any | None:
    from streamlit.runtime import Runtime

    return Runtime.instance().uploaded_file_mgr if Runtime.exists() else None


def session_upload_bytes(manager: Any, session_id: str) -> int:
    files = getattr(manager, "file_storage", {}).get(session_id, {})
    return sum(len(record.data) for record in list(files.values()))


class UploadGuard:
    """Refuse uploads to ids the server did not issue (or already received), and beyond a session's budget."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        manager = _upload_manager()
        if manager is not None:
            watch_upload_manager(manager)  # before the first websocket can ask for upload urls
        path = scope.get("path", "")
        if scope["type"] == "http" and path in HIDDEN_PATHS:
            await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
            return
        match = _UPLOAD.search(path) if scope["type"] == "http" and scope.get("method") == "PUT" else None
        if match is None or manager is None:
            await self.app(scope, receive, send)
            return
        session_id, file_id = match["session"], match["file"]
        if not ISSUED.claim(session_id, file_id):
            await PlainTextResponse("This upload address was not issued, or was already used.", status_code=403)(scope, receive, send)
            return
        budget = MAX_SESSION_UPLOAD_BYTES - session_upload_bytes(manager, session_id)
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > budget:  # raised inside Streamlit's handler, whose exception middleware answers 413
                raise HTTPException(status_code=413, detail="This session has uploaded as much as it may.")
            return message

        await self.app(scope, counted, send)
