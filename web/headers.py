"""Security headers on every response of the app's own server (pages, scripts, uploads, sign-in).

Framing is refused outright: Streamlit's frontend obeys some messages from a parent frame, so a
page that framed the app could steer a supervisor's uploads (issue 21). Set here rather than only
in a reverse proxy, so that a plain `streamlit run app.py` is protected too.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Pure ASGI middleware (no BaseHTTPMiddleware), so websockets and streamed files pass untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [(n, v) for n, v in SECURITY_HEADERS if n not in present]
            await send(message)

        await self.app(scope, receive, with_headers)
