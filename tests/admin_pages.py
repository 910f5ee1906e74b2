"""Reading Django admin pages in tests: the form a browser would submit, the result rows, a staff member's 2FA."""

from __future__ import annotations

from html.parser import HTMLParser

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret


class _FormReader(HTMLParser):
    """Collects what the admin's main form would submit, with its current values."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select: str | None = None
        self._select_multiple = False
        self._options: list[str] = []
        self._selected: list[str] = []
        self._textarea: str | None = None
        self._text = ""

    def _add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:  # the empty row the admin's JavaScript copies
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._select_multiple, self._options, self._selected = name, "multiple" in attrs, [], []
        elif tag == "option" and self._select:
            self._options.append(attrs.get("value") or "")
            if "selected" in attrs:
                self._selected.append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select:
            # A single choice with nothing marked sends its first option, as browsers do.
            if not self._selected and not self._select_multiple and self._options:
                self._selected = self._options[:1]
            for value in self._selected:
                self._add(self._select, value)
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows <textarea>.
            self._add(self._textarea, self._text.removeprefix("\r\n").removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_data(response) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(response.content.decode())
    assert reader.data, "no admin form on the page"
    return reader.data


def with_two_factor(user):
    TOTP.activate(user, generate_totp_secret())
    return user


def result_rows(page: str) -> str:
    return page.split('id="result_list"')[1].split("</table>")[0]
