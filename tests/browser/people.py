"""What the journeys do as people: sign in (with two-factor for staff), sign up, read e-mail links."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

DEMO_PASSWORD = "remedy-demo-2026"
MEMBER = "member@demo.example.org"  # NightWalker
MEMBER2 = "member2@demo.example.org"  # SleeplessInLeeds
MODERATOR = "moderator@demo.example.org"
EDITOR = "editor@demo.example.org"
ADMIN = "admin@demo.example.org"
STAFF = {MODERATOR, EDITOR, ADMIN}


def totp(secret: str, *, at: float | None = None) -> str:
    """The six-digit code an authenticator app shows for `secret` (RFC 6238: SHA-1, 30 s)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def fresh_totp(secret: str, used: set[str]) -> str:
    """A code the server has not seen yet: it refuses a code twice, so wait for the next one if need be."""
    while (code := totp(secret)) in used:
        time.sleep(1)
    used.add(code)
    return code


def submit(page, form="main form") -> None:
    """Press the first submit button of the form in main (the header holds a search form too)."""
    page.locator(form).locator("button[type=submit]").first.click()


def sign_in(page, email: str, password: str = DEMO_PASSWORD, *, staff_secrets: dict) -> None:
    """Sign in on the page; a staff member also sets up (or passes) two-factor, as the site requires of them."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    submit(page)
    if email not in STAFF:
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return
    record = staff_secrets.setdefault(email, {"secret": None, "used": set()})
    if record["secret"] is not None:
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        page.get_by_label("Code").fill(fresh_totp(record["secret"], record["used"]))
        submit(page)
        page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)
        return
    # First visit to the admin: the site sends staff to set up an authenticator app.
    page.goto("/admin/")
    if "/accounts/reauthenticate/" in page.url:
        page.get_by_label("Password").fill(password)
        submit(page)
    page.wait_for_url("**/accounts/2fa/totp/activate/**")
    secret = page.locator("#authenticator_secret").input_value()
    record["secret"] = secret
    page.get_by_label("Authenticator code").fill(fresh_totp(secret, record["used"]))
    submit(page)
    page.wait_for_url(lambda url: "/totp/activate/" not in url)


def sign_up(page, site, *, email: str, display_name: str, password: str) -> None:
    """Sign up, open the link in the e-mail and confirm the address; ends signed in."""
    started = time.time() - 1
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Display name").fill(display_name)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    submit(page)
    page.wait_for_url("**/accounts/confirm-email/")
    page.goto(confirmation_link(site.mail_to(email, after=started)))
    submit(page)


def confirmation_link(mail: str) -> str:
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail)
    assert match, mail
    return match.group(0)
