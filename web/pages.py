"""The one page the server draws itself: supervisor sign-in (a plain HTML form, so the session
cookie can be set by an HTTP response; Streamlit's own pages talk over a websocket and cannot)."""

from html import escape

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
}

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff;margin:0}
main{max-width:26rem;margin:4rem auto;padding:0 1.25rem}
h1{font-size:1.75rem;margin:0 0 .5rem}
p{line-height:1.5}
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input{box-sizing:border-box;width:100%;padding:.6rem .7rem;font-size:1rem;border:1px solid #767676;border-radius:.4rem}
input:focus{outline:3px solid #1c63d5;outline-offset:1px}
button{margin-top:1.25rem;padding:.65rem 1.4rem;font-size:1rem;font-weight:600;color:#fff;background:#c62828;border:0;border-radius:.4rem;cursor:pointer}
button:focus{outline:3px solid #1c63d5;outline-offset:2px}
.note{color:#444;font-size:.95rem}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.6rem .8rem}
.info{border-left:4px solid #1c63d5;background:#e8f0fd;padding:.6rem .8rem}
"""


def sign_in_page(*, email: str = "", error: str | None = None, info: str | None = None) -> str:
    """The sign-in form. Every value shown is escaped; nothing the user typed but the email is echoed."""
    message = ""
    if error:
        message = f'<p class="error" role="alert">{escape(error)}</p>'
    elif info:
        message = f'<p class="info" role="status">{escape(info)}</p>'
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(WORDS["title"])}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{escape(WORDS["heading"])}</h1>
{message}
<p class="note">{escape(WORDS["trainees"])}</p>
<form method="post" action="/auth/sign-in">
<label for="email">{escape(WORDS["email"])}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="{escape(email, quote=True)}">
<label for="password">{escape(WORDS["password"])}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{escape(WORDS["button"])}</button>
</form>
<p class="note">{escape(WORDS["no_account"])}</p>
<p><a href="/">{escape(WORDS["back"])}</a></p>
</main>
</body>
</html>
"""
