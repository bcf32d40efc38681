"""The server: Streamlit's app (main.py) with the supervisor sign-in routes, security headers and the guards
in front of Streamlit's own routes (web/guards.py),
on one ASGI server. `streamlit run app.py` serves it, as does any ASGI server (`uvicorn app:app`)."""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from web.auth import ROUTES
from web.guards import BrowserCookie, UploadGuard
from web.headers import SecurityHeaders

app = st.App(Path(__file__).resolve().parent / "main.py", routes=ROUTES, middleware=[Middleware(SecurityHeaders), Middleware(BrowserCookie), Middleware(UploadGuard)])
