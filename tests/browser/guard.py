"""Watches a page for what hostile text could do: fire dialogs, plant script links, call other hosts, break the layout."""

from urllib.parse import urlsplit

FIND_DANGER = """() => {
  const found = [];
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction], [srcdoc]')) {
    for (const name of ['href', 'src', 'action', 'formaction']) {
      const value = (el.getAttribute(name) || '').trim().toLowerCase();
      if (value.startsWith('javascript:') || value.startsWith('data:text/html')) found.push(`${el.tagName} ${name}=${value.slice(0, 60)}`);
    }
    if (el.hasAttribute('srcdoc')) found.push(`${el.tagName} srcdoc`);
  }
  for (const el of document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]')) found.push(`${el.tagName} with inline handler`);
  for (const el of document.querySelectorAll('script')) if ((el.textContent || '').includes('alert(')) found.push('injected <script>');
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + 1) found.push(`page is ${page.scrollWidth}px wide in a ${window.innerWidth}px window`);
  const main = document.querySelector("[data-testid='stMainBlockContainer']");
  if (main && main.scrollWidth > main.clientWidth + 1) found.push(`main column overflows: ${main.scrollWidth}px in ${main.clientWidth}px`);
  return found;
}"""


class Guard:
    """Attach to a page before it loads; call check() at every screen worth looking at."""

    def __init__(self, page, app_url: str):
        self.page, self.own_host = page, urlsplit(app_url).netloc
        self.dialogs: list[str] = []
        self.outside_requests: list[str] = []
        self.problems: list[str] = []
        self.screens = 0
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.own_host:
            self.outside_requests.append(request.url)
        elif parts.scheme == "data" and request.url[5:].lower().startswith("text/html"):
            self.outside_requests.append(request.url[:60])

    def check(self, screen: str) -> None:
        self.screens += 1
        self.problems += [f"{screen}: {found}" for found in self.page.evaluate(FIND_DANGER)]
        self.problems += [f"{screen}: dialog '{message}'" for message in self.dialogs]
        self.problems += [f"{screen}: request to {url}" for url in self.outside_requests]
        self.dialogs.clear()
        self.outside_requests.clear()
