"""A Streamlit session driven over its own websocket protocol, without a browser: what an attacker
who knows a session id, or who scripts uploads, can do. Used by tests/browser/test_guards.py."""

import http.cookiejar
import secrets
import urllib.error
import urllib.request

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

XSRF_COOKIE = "_streamlit_xsrf"


def session_id_of(frames: list[bytes]) -> str:
    """The session id a browser was given, from the websocket frames it received."""
    for frame in frames:
        message = ForwardMsg()
        try:
            message.ParseFromString(frame)
        except Exception:
            continue
        if message.WhichOneof("type") == "new_session" and message.new_session.initialize.session_id:
            return message.new_session.initialize.session_id
    raise AssertionError("no session id among the frames the page received")


class RawSession:
    """A session opened (or resumed, with `resume`) from outside any browser: no cookies but Streamlit's own."""

    def __init__(self, base_url: str, resume: str | None = None):
        self.base_url, self.resume = base_url, resume
        self.session_id: str | None = resume
        self.cookies: dict[str, str] = {}

    def __enter__(self) -> "RawSession":
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(self.base_url + "/_stcore/health").read()  # where Streamlit sets its XSRF cookie
        # Streamlit's XSRF cookie only: a stranger's browser would not hold the victim's other cookies.
        self.cookies = {c.name: c.value for c in jar if c.name == XSRF_COOKIE}
        protocols = ["streamlit", self.cookies.get(XSRF_COOKIE, "x")] + ([self.resume] if self.resume else [])
        self.socket = connect(
            self.base_url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=protocols,  # type: ignore[arg-type]
            additional_headers={"Origin": self.base_url, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
            max_size=None,
        )
        return self

    def __exit__(self, *exc) -> None:
        self.socket.close()

    def _until(self, kind: str) -> list[ForwardMsg]:
        seen = []
        while True:
            message = ForwardMsg()
            message.ParseFromString(self.socket.recv(timeout=30))
            seen.append(message)
            if message.WhichOneof("type") == "new_session" and message.new_session.initialize.session_id:
                self.session_id = message.new_session.initialize.session_id
            if message.WhichOneof("type") == kind:
                return seen

    def run(self, query_string: str = "") -> str:
        """Run the script as this session's client would, and return everything sent back, as text."""
        back = BackMsg()
        back.rerun_script.query_string = query_string
        self.socket.send(back.SerializeToString())
        return "\n".join(str(message) for message in self._until("script_finished"))

    def upload_urls(self, count: int) -> list[str]:
        """Ask the server for upload addresses, as a file uploader does."""
        back = BackMsg()
        back.file_urls_request.request_id = "r1"
        back.file_urls_request.session_id = self.session_id or ""
        back.file_urls_request.file_names.extend(f"file{n}.csv" for n in range(count))
        self.socket.send(back.SerializeToString())
        response = self._until("file_urls_response")[-1].file_urls_response
        return [info.upload_url for info in response.file_urls]

    def put(self, upload_url: str, data: bytes) -> int:
        """PUT a file to an upload address, as multipart form data with Streamlit's XSRF token; the status."""
        url = upload_url if upload_url.startswith("http") else self.base_url + upload_url
        boundary = secrets.token_hex(12)
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\n'.encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(url, data=body, method="PUT")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        request.add_header("X-Xsrftoken", self.cookies.get(XSRF_COOKIE, ""))
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                self.last_text = response.read().decode(errors="replace")
                return int(response.status)
        except urllib.error.HTTPError as refused:
            self.last_text = refused.read().decode(errors="replace")
            return int(refused.code)
