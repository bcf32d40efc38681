"""The one page the server draws itself: supervisor sign-in (a plain HTML form, so the session
cookie can be set by an HTTP response; Streamlit's own pages talk over a websocket and cannot)."""

from html import escape
from pathlib import Path

# What the page says, kept as data in one place.
WORDS = {
    "title": "Supervisor sign-in · Practicum Scenarios",
    "heading": "Supervisor sign-in",
    "trainees": "Trainees do not sign in: they open the personal link their supervisor gives them.",
    "email": "Email",
    "password": "Password",
    "button": "Sign in",
    "back": "Back to the app",
    "no_account": "No account yet? Ask a supervisor who has one to invite you, or whoever runs the app to create the first one.",
    "signed_out": "You are signed out.",
    "ended": "Your supervisor session ended (signed out, or idle for 30 minutes). Sign in again.",
    "cross_site": "This sign-in did not come from this app's own page. Open the sign-in page and try again.",
    "no_database": "The database cannot be reached, so nobody can sign in right now. Try again in a moment.",
    "invite_title": "Create your supervisor account · Practicum Scenarios",
    "invite_heading": "Create your supervisor account",
    "invite_intro": "You were invited to supervise trainees in Practicum Scenarios. Choose how your name appears and a password.",
    "name": "Your name (as trainees and colleagues see it)",
    "new_password": "Password (at least 12 characters)",
    "repeat": "Password again",
    "create": "Create account and sign in",
    "mismatch": "The two passwords differ. Type the same password twice.",
}

def _streamlit_font() -> str:
    """An @font-face for the Source Sans font Streamlit serves from its own static folder (the file name carries
    a hash that changes between Streamlit releases, so it is looked up), so this page reads like the app's pages."""
    import streamlit

    media = Path(streamlit.__file__).parent / "static" / "static" / "media"
    found = sorted(media.glob("SourceSansVF-Upright*.woff2"))
    if not found:
        return ""
    return f'@font-face{{font-family:"Source Sans";src:url("/static/media/{found[0].name}") format("woff2");font-weight:200 900}}'


_STYLE = _streamlit_font() + """
body{font-family:"Source Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1rem;color:#111;background:#fff;margin:0}
main{max-width:30rem;margin:4rem auto;padding:0 1.25rem}
h1{font-size:2.75rem;font-weight:700;line-height:1.2;margin:0 0 1rem}
p{line-height:1.6}
label{display:block;font-size:.875rem;margin:1rem 0 .25rem}
input{box-sizing:border-box;width:100%;padding:.55rem .75rem;font:inherit;border:1px solid #767676;border-radius:.5rem;background:#f0f2f6}
input:focus{outline:3px solid #1c63d5;outline-offset:1px}
button{margin-top:1.25rem;padding:.5rem .9rem;font:inherit;color:#fff;background:#c62828;border:0;border-radius:.5rem;cursor:pointer}
button:focus{outline:3px solid #1c63d5;outline-offset:2px}
.note{color:#444;font-size:.95rem}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.6rem .8rem}
.info{border-left:4px solid #1c63d5;background:#e8f0fd;padding:.6rem .8rem}
"""


def _message(error: str | None, info: str | None) -> str:
    if error:
        return f'<p class="error" role="alert">{escape(error)}</p>'
    if info:
        return f'<p class="info" role="status">{escape(info)}</p>'
    return ""


def _document(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


def invite_page(*, token: str, email: str | None, name: str = "", error: str | None = None) -> str:
    """The form that turns a one-time invitation into an account; without a usable invitation, only the reason."""
    if email is None:
        return _document(WORDS["invite_title"], f'<h1>{escape(WORDS["invite_heading"])}</h1>\n{_message(error, None)}\n<p><a href="/">{escape(WORDS["back"])}</a></p>')
    return _document(
        WORDS["invite_title"],
        f"""<h1>{escape(WORDS["invite_heading"])}</h1>
{_message(error, None)}
<p>{escape(WORDS["invite_intro"])}</p>
<form method="post" action="/auth/invite">
<input type="hidden" name="code" value="{escape(token, quote=True)}">
<label for="email">{escape(WORDS["email"])}</label>
<input id="email" name="email" type="email" autocomplete="username" readonly value="{escape(email, quote=True)}">
<label for="name">{escape(WORDS["name"])}</label>
<input id="name" name="name" type="text" autocomplete="name" required maxlength="200" value="{escape(name, quote=True)}">
<label for="password">{escape(WORDS["new_password"])}</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="12">
<label for="repeat">{escape(WORDS["repeat"])}</label>
<input id="repeat" name="repeat" type="password" autocomplete="new-password" required minlength="12">
<button type="submit">{escape(WORDS["create"])}</button>
</form>""",
    )


def sign_in_page(*, email: str = "", error: str | None = None, info: str | None = None) -> str:
    """The sign-in form. Every value shown is escaped; nothing the user typed but the email is echoed."""
    return _document(
        WORDS["title"],
        f"""<h1>{escape(WORDS["heading"])}</h1>
{_message(error, info)}
<p class="note">{escape(WORDS["trainees"])}</p>
<form method="post" action="/auth/sign-in">
<label for="email">{escape(WORDS["email"])}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="{escape(email, quote=True)}">
<label for="password">{escape(WORDS["password"])}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{escape(WORDS["button"])}</button>
</form>
<p class="note">{escape(WORDS["no_account"])}</p>
<p><a href="/">{escape(WORDS["back"])}</a></p>""",
    )
