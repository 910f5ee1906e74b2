"""Accessibility (WCAG 2.2 AA): axe-core finds nothing serious on any page type, in the state a person sees it
(forms with their errors too); signing up and posting work with the keyboard alone, with a focus indicator one can
see at every stop; every chart has a name, and its numbers in a table a screen reader reads.

The pages are grouped per person, so that each signs in once: a staff member's TOTP code cannot be used twice
within 30 s. The personas' pages are the demo content's (`seed_demo`).
"""

from __future__ import annotations

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import people

SERIOUS = {"serious", "critical"}

# What axe-core flags in markup we do not write, excused for one page, one rule and the nodes matching a pattern.
EXCUSED = {
    ("a practitioner's change form", "aria-prohibited-attr", r"\.search-label-icon$"): (
        "Django's own SelectFilter2.js (the admin's filter_horizontal widget) builds this role-less <span> icon with "
        "an aria-label inside the filter box's label; changing it means forking Django's script, and the filter box "
        "itself still has a name (axe-core's label rule passes on it)"
    ),
}


# True once no finite CSS transition or animation is still running (an endless one, a spinner say, never settles).
SETTLED = """() => document.getAnimations().every(
    (animation) => animation.playState !== "running" || animation.effect?.getComputedTiming().endTime === Infinity
)"""


class Audit:
    """axe-core over each page a person sees; the serious and critical violations of all pages, for one report."""

    def __init__(self):
        self.axe = Axe()
        self.problems: list[str] = []

    def __call__(self, page, label: str) -> None:
        # axe-core reads colours as they are at that instant: a button still fading in (Swagger UI's buttons
        # transition opacity and colours for 0.3 s) measures as too faint on a busy machine. Audit the settled page.
        page.wait_for_function(SETTLED)
        for violation in self.axe.run(page).response["violations"]:
            if violation["impact"] not in SERIOUS:
                continue
            nodes = [node for node in violation["nodes"] if not _excused(label, violation["id"], node)]
            if nodes:
                targets = "; ".join(" ".join(node["target"]) for node in nodes[:3])
                more = f" (and {len(nodes) - 3} more)" if len(nodes) > 3 else ""
                self.problems.append(
                    f"{label} ({page.url}): {violation['id']} [{violation['impact']}] {violation['help']}"
                    f" — {targets}{more}"
                )

    def assert_clean(self) -> None:
        if self.problems:
            pytest.fail("axe-core found serious or critical violations:\n" + "\n".join(self.problems), pytrace=False)


def _excused(label: str, rule: str, node: dict) -> bool:
    target = " ".join(node["target"])
    return any(
        (label, rule) == (page, excused_rule) and re.search(pattern, target) for page, excused_rule, pattern in EXCUSED
    )


@pytest.fixture
def audit():
    return Audit()


def visit(page, audit, label: str, path: str, *, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, f"{label}: {path} answered {response.status}"
    audit(page, label)


def submit_and_wait(page, form: str = "main form") -> None:
    """Press the form's submit button and wait for the page the server answers with."""
    with page.expect_navigation():
        people.submit(page, form)


def newcomer(kind: str) -> tuple[str, str]:
    """An e-mail address and a display name nobody has used yet in this run."""
    stamp = f"{time.time_ns() // 1000 % 10**9:09d}"
    return f"{kind}-{stamp}@example.org", f"{kind.title()}{stamp[-7:]}"


NEW_PASSWORD = "quiet-harbour-lantern-42"


# --- axe-core, per person ------------------------------------------------------------------------------------------

KNOWLEDGE_AND_DIRECTORY = [
    ("home", "/"),
    ("condition list", "/conditions/"),
    ("condition page", "/conditions/restless-legs-syndrome/"),
    ("follow a condition's news", "/conditions/restless-legs-syndrome/follow/"),
    ("therapy list", "/therapies/"),
    ("therapy page", "/therapies/acupuncture/"),
    ("therapy-for-condition page", "/therapies/acupuncture/restless-legs-syndrome/"),
    ("practitioner directory", "/practitioners/"),
    ("practitioner directory near a place", "/practitioners/?near=97214&radius=25"),
    ("practitioner listing", "/practitioners/ancoats-acupuncture-manchester/"),
    ("search results", "/search/?q=iron"),
    ("community rules", "/rules/"),
    ("privacy", "/privacy/"),
    ("terms", "/terms/"),
    ("medical disclaimer", "/disclaimer/"),
    ("support", "/support/"),
]


def test_the_knowledge_base_and_the_directory_have_no_serious_violations(page, audit):
    for label, path in KNOWLEDGE_AND_DIRECTORY:
        visit(page, audit, label, path)
    visit(page, audit, "404 page", "/no-such-page/", status=404)
    page.goto("/search/?q=")
    expect(page.locator("main .field__errors")).to_contain_text("Type a word")
    audit(page, "search with nothing typed")

    audit.assert_clean()


def test_dark_mode_keeps_its_contrast(page, audit):
    # The site follows the system's dark setting with its own palette: the pages with the most colours in it.
    page.emulate_media(color_scheme="dark")
    for label, path in [
        ("home, dark", "/"),
        ("therapy-for-condition page, dark", "/therapies/acupuncture/restless-legs-syndrome/"),
        ("practitioner listing, dark", "/practitioners/ancoats-acupuncture-manchester/"),
        ("forum, dark", "/community/restless-legs-syndrome/"),
    ]:
        visit(page, audit, label, path)
    page.locator("main .thread-list a").first.click()
    audit(page, "thread page, dark")
    page.goto("/search/?q=")
    audit(page, "search with nothing typed, dark")

    audit.assert_clean()


def test_the_community_and_the_survey_have_no_serious_violations_for_a_visitor(page, audit):
    visit(page, audit, "forum list", "/community/")
    visit(page, audit, "forum", "/community/restless-legs-syndrome/")
    page.locator("main .thread-list a").first.click()
    audit(page, "thread page")
    visit(page, audit, "survey home", "/survey/")
    visit(page, audit, "survey results", "/survey/results/")

    audit.assert_clean()


def test_signing_up_and_in_have_no_serious_violations_in_any_state(page, live_site, audit):
    visit(page, audit, "sign-up", "/accounts/signup/")
    email, name = newcomer("unfinished")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password:", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("shorter")
    submit_and_wait(page)
    expect(page.locator("main .field--error").first).to_be_visible()
    audit(page, "sign-up with errors")

    visit(page, audit, "log-in", "/accounts/login/")
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_label("Password").fill("not-the-password")
    submit_and_wait(page)
    expect(page.locator("main .form-errors, main .field--error").first).to_be_visible()
    audit(page, "log-in with errors")

    visit(page, audit, "password reset", "/accounts/password/reset/")
    started = time.time() - 1
    page.get_by_label("Email").fill(people.MEMBER2)
    submit_and_wait(page)
    audit(page, "password reset sent")
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", live_site.mail_to(people.MEMBER2, after=started))
    assert link, "no password reset link in the e-mail"
    page.goto(link.group(0))
    expect(page.locator("main input[type=password]").first).to_be_visible()
    audit(page, "choose a new password")

    audit.assert_clean()


def test_the_api_docs_have_no_serious_violations(page, audit):
    page.goto("/api/v1/docs/")
    page.locator(".opblock").first.wait_for()  # Swagger UI draws the page from the schema once it has loaded it
    audit(page, "API docs")
    page.locator(".opblock-get .opblock-summary-control").first.click()
    page.locator(".opblock-post .opblock-summary-control").first.click()
    expect(page.locator(".responses-table").first).to_be_visible()
    audit(page, "API docs, two operations open")
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    expect(page.locator(".live-responses-table").first).to_be_visible()
    audit(page, "API docs, a request tried out")

    audit.assert_clean()


def test_the_api_docs_keep_still_for_who_asks_for_less_motion(page):
    page.emulate_media(reduced_motion="reduce")
    page.goto("/api/v1/docs/")
    page.locator(".opblock-get .opblock-summary-control").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    execute = page.get_by_role("button", name="Execute").first
    assert execute.evaluate("(button) => getComputedStyle(button).transitionDuration") == "1e-05s"

    page.emulate_media(reduced_motion="no-preference")
    assert execute.evaluate("(button) => getComputedStyle(button).transitionDuration") == "0.3s"


def test_a_members_pages_have_no_serious_violations(page, sign_in, audit):
    sign_in(page, people.MEMBER)
    visit(page, audit, "notifications", "/community/notifications/")
    visit(page, audit, "profile", "/accounts/profile/")
    visit(page, audit, "my data", "/accounts/data/")
    visit(page, audit, "e-mail addresses", "/accounts/email/")
    visit(page, audit, "change password", "/accounts/password/change/")
    visit(page, audit, "two-factor authentication", "/accounts/2fa/")
    visit(page, audit, "survey, a step", "/survey/take/")
    visit(page, audit, "my survey answers", "/survey/mine/")
    visit(page, audit, "my progress (the diary)", "/survey/diary/?condition=migraine")
    page.get_by_label("Or type its name").fill("Magnesium")
    submit_and_wait(page, "main form.diary-form")  # no score, a treatment without a change: two messages
    expect(page.locator("main .field--error").first).to_be_visible()
    audit(page, "my progress with errors")
    visit(page, audit, "the diary's print view", "/survey/diary/print/?condition=migraine")

    visit(page, audit, "claim a listing", "/practitioners/ancoats-acupuncture-manchester/claim/")
    visit(page, audit, "report a problem with a listing", "/practitioners/ancoats-acupuncture-manchester/report/")
    visit(page, audit, "suggest a practitioner", "/practitioners/suggest/")
    submit_and_wait(page)
    expect(page.locator("main .field--error").first).to_be_visible()
    audit(page, "suggest a practitioner with errors")

    page.goto("/community/restless-legs-syndrome/")
    page.locator("main .thread-list a").first.click()
    audit(page, "thread page with the reply form")
    thread_url = page.url
    submit_and_wait(page, "main form.reply-form")  # nothing typed: the server answers with the reply form
    expect(page.locator("main .field--error").first).to_be_visible()
    audit(page, "reply form with errors")

    page.goto(thread_url)
    page.locator("main .post__actions").get_by_role("link", name="Report").first.click()
    audit(page, "report a post")
    submit_and_wait(page)
    expect(page.locator("main .field--error").first).to_be_visible()
    audit(page, "report a post with errors")

    page.goto(thread_url)
    page.locator("main .post__author a").first.click()
    audit(page, "member page")

    audit.assert_clean()


def test_a_new_member_s_pages_have_no_serious_violations(page, live_site, audit):
    email, name = newcomer("newcomer")
    started = time.time() - 1
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    submit_and_wait(page)
    page.wait_for_url("**/accounts/confirm-email/")
    audit(page, "check your e-mail")
    page.goto(people.confirmation_link(live_site.mail_to(email, after=started)))
    audit(page, "confirm your e-mail address")
    submit_and_wait(page)

    visit(page, audit, "start a discussion, with the rules to accept", "/community/introductions/new/")
    submit_and_wait(page)
    expect(page.locator("main .field--error").first).to_be_visible()
    audit(page, "start a discussion with errors")
    page.get_by_label("Title:", exact=True).fill(f"Hello from {name}")
    page.get_by_label("Your message").fill("New here, and glad to have found a quiet place to read at night.")
    page.get_by_label("I have read and accept the community rules").check()
    submit_and_wait(page)
    expect(page.locator("main")).to_contain_text("waiting for a moderator")
    audit(page, "a new member's thread, waiting for a moderator")
    page.locator("main .post__actions").get_by_role("link", name="Edit").click()
    audit(page, "edit a post")

    audit.assert_clean()


def test_staff_sign_in_and_the_admin_have_no_serious_violations(new_page, sign_in, staff_secrets, audit):
    page = new_page()
    record = staff_secrets.setdefault(people.ADMIN, {"secret": None, "used": set()})
    if record["secret"] is None:
        # The first sign-in sends staff on to set up an authenticator app: those pages are checked on the way.
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(people.ADMIN)
        page.get_by_label("Password").fill(people.DEMO_PASSWORD)
        submit_and_wait(page)
        page.goto("/admin/")
        if "/accounts/reauthenticate/" in page.url:
            audit(page, "confirm your password")
            page.get_by_label("Password").fill(people.DEMO_PASSWORD)
            submit_and_wait(page)
        page.wait_for_url("**/accounts/2fa/totp/activate/**")
        audit(page, "set up an authenticator app")
        page.get_by_label("Authenticator code").fill("000000")
        submit_and_wait(page)
        expect(page.locator("main .field--error, main .form-errors").first).to_be_visible()
        audit(page, "set up an authenticator app with errors")
        record["secret"] = page.locator("#authenticator_secret").input_value()
        page.get_by_label("Authenticator code").fill(people.fresh_totp(record["secret"], record["used"]))
        submit_and_wait(page)
        audit(page, "recovery codes")
    else:
        sign_in(page, people.ADMIN)

    visit(page, audit, "admin index", "/admin/")
    visit(page, audit, "moderation queue", "/admin/community/queuepost/")
    page.locator("#result_list tbody a").first.click()
    audit(page, "a post in the moderation queue")
    page.goto("/admin/therapies/therapy/")
    page.locator("#result_list").get_by_role("link", name="Acupuncture", exact=True).click()
    audit(page, "a therapy's change form")
    page.goto("/admin/therapies/practitioner/")
    page.locator("#result_list tbody a").first.click()
    audit(page, "a practitioner's change form")
    visit(page, audit, "listing review queue", "/admin/therapies/listingrequest/")
    page.locator("#result_list tbody a").first.click()
    audit(page, "a listing request")

    # A second sign-in stops at the code: a wrong code shows the error, and no code is used up.
    again = new_page()
    again.goto("/accounts/login/")
    again.get_by_label("Email").fill(people.ADMIN)
    again.get_by_label("Password").fill(people.DEMO_PASSWORD)
    submit_and_wait(again)
    again.wait_for_url("**/accounts/2fa/authenticate/**")
    audit(again, "two-factor code")
    again.get_by_label("Code").fill("000000")
    submit_and_wait(again)
    expect(again.locator("main .field--error, main .form-errors").first).to_be_visible()
    audit(again, "two-factor code with errors")

    audit.assert_clean()


# --- The keyboard alone --------------------------------------------------------------------------------------------

# How an element's focus indicator looks; kept for every focusable element before the first Tab on each page.
_LOOK = """const look = (element) => {
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && style.outlineColor !== "rgba(0, 0, 0, 0)";
  return {shown: outline || style.boxShadow !== "none",
          style: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join(" ")};
};"""

REMEMBER_UNFOCUSED = (
    "() => {"
    + _LOOK
    + """
  if (window.unfocusedLooks) return;
  window.unfocusedLooks = new Map();
  for (const element of document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")) {
    if (element !== document.activeElement) window.unfocusedLooks.set(element, look(element).style);
  }
}"""
)

FOCUSED = (
    "() => {"
    + _LOOK
    + """
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  const labels = element.labels ? [...element.labels].map((label) => label.innerText.trim()) : [];
  return {
    tag: element.tagName.toLowerCase(), id: element.id, name: element.getAttribute("name") || "",
    type: element.getAttribute("type") || "", className: element.className || "",
    text: (element.innerText || "").trim(), label: labels.join(" "), checked: Boolean(element.checked),
    look: look(element), unfocused: window.unfocusedLooks ? window.unfocusedLooks.get(element) ?? null : null,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""
)


def _described(focused: dict) -> str:
    return f"<{focused['tag']} id={focused['id']!r} name={focused['name']!r}> {focused['text'] or focused['label']!r}"


class KeyboardUser:
    """A person with a keyboard and no mouse: Tab, Shift+Tab, typing, Space and Enter. Every element focus lands on
    must show a focus indicator that differs from how the element looks unfocused."""

    def __init__(self, page):
        self.page = page

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def focused(self) -> dict:
        return self.page.evaluate(FOCUSED)

    def tab(self, *, backwards: bool = False) -> dict:
        self.page.evaluate(REMEMBER_UNFOCUSED)
        self.press("Shift+Tab" if backwards else "Tab")
        focused = self.focused()
        assert focused["tag"] != "body", "Tab left the page"
        assert focused["onScreen"], f"focus is on something off screen: {_described(focused)}"
        assert focused["look"]["shown"], f"no focus indicator on {_described(focused)}"
        assert focused["look"]["style"] != focused["unfocused"], f"focus leaves {_described(focused)} looking the same"
        return focused

    def tab_to(self, wanted, what: str, *, backwards: bool = False, limit: int = 150) -> dict:
        for _ in range(limit):
            focused = self.tab(backwards=backwards)
            if wanted(focused):
                return focused
        raise AssertionError(f"{limit} presses of {'Shift+' if backwards else ''}Tab never reached {what}")

    def tab_to_field(self, label: str) -> None:
        self.tab_to(lambda focused: focused["label"].startswith(label), f"the field {label!r}")

    def tab_to_control(self, text: str) -> None:
        self.tab_to(lambda focused: focused["text"] == text, repr(text))

    def follow(self, text: str, url: str) -> None:
        """Tab to a link or button by its text and press Enter on it."""
        self.tab_to_control(text)
        with self.page.expect_navigation(url=url):
            self.press("Enter")


def test_a_person_signs_up_and_posts_with_the_keyboard_alone(page, live_site):
    person = KeyboardUser(page)
    email, name = newcomer("keyboard")
    page.goto("/")

    # The skip link comes first, shows itself and moves focus to the page's main content.
    skip = person.tab()
    assert "skip-link" in skip["className"] and skip["text"] == "Skip to main content", _described(skip)
    person.press("Enter")
    assert person.focused()["id"] == "main"

    # Back up into the header for "Sign up", and sign up.
    person.tab_to(lambda focused: focused["text"] == "Sign up", '"Sign up"', backwards=True)
    with page.expect_navigation(url="**/accounts/signup/"):
        person.press("Enter")
    started = time.time() - 1
    person.tab_to_field("Email")
    person.type(email)
    person.tab_to_field("Display name")
    person.type(name)
    person.tab_to_field("Password:")
    person.type(NEW_PASSWORD)
    person.tab_to_field("Password (again)")
    person.type(NEW_PASSWORD)
    person.follow("Sign up", "**/accounts/confirm-email/")
    expect(page.locator("main h1")).to_contain_text("Verify")

    # The link in the e-mail, then the confirmation, by keyboard.
    page.goto(people.confirmation_link(live_site.mail_to(email, after=started)))
    person.tab_to_control("Confirm")
    with page.expect_navigation():
        person.press("Enter")
    expect(page.locator(".account-nav")).to_contain_text(name)

    # A first thread: the rules are accepted with Space.
    person.follow("Community", "**/community/")
    person.follow("Introductions", "**/community/introductions/")
    person.follow("Start a discussion", "**/community/introductions/new/")
    title = f"Hello from {name}, typed without a mouse"
    person.tab_to_field("Title")
    person.type(title)
    person.tab_to_field("Your message")
    person.type("Evenings are the hardest. I use the keyboard for everything, and it all worked.")
    rules = person.tab_to(lambda focused: focused["name"] == "accept_rules", "the rules checkbox")
    assert not rules["checked"]
    person.press("Space")
    assert person.focused()["checked"], "Space did not tick the rules checkbox"
    person.follow("Post the discussion", re.compile(r"/community/introductions/\d+-"))
    expect(page.locator("main h1")).to_have_text(title)
    expect(page.locator("main .messages, main [role=status]").first).to_contain_text("waiting for a moderator")

    # A reply to someone else's thread: posted in place by the page's script, and waiting for a moderator too.
    person.follow("Introductions", "**/community/introductions/")
    person.follow("Hello from a fellow night-walker", re.compile(r"/community/introductions/\d+-hello-from-a-fellow"))
    reply = "Welcome from another night-walker: the calf stretches in the other thread help me."
    person.tab_to_field("Your reply")
    person.type(reply)
    person.tab_to_control("Post reply")
    person.press("Enter")
    expect(page.locator("#reply [data-status]")).to_contain_text("waiting for a moderator")
    expect(page.locator("main article.post").filter(has_text=reply)).to_contain_text("Waiting for a moderator")


# --- Charts --------------------------------------------------------------------------------------------------------

# Each chart with its bars, and the rows near it (in its section) where a screen reader finds the same numbers.
CHARTS = """(rowSelector) => [...document.querySelectorAll("main svg.chart")].map((svg, index) => {
  const section = svg.closest("section") || document.querySelector("main");
  const readable = (element) => !element.closest("[aria-hidden=true]") && element.checkVisibility();
  return {
    index, hidden: svg.closest("[aria-hidden=true]") !== null,
    bars: [...svg.querySelectorAll(".chart__row")].map((bar) => ({
      label: bar.querySelector(".chart__label").textContent.trim(),
      value: bar.querySelector(".chart__value").textContent.trim(),
    })),
    rows: [...section.querySelectorAll(rowSelector)].filter(readable).map((row) => {
      const table = row.closest("table");
      const header = row.querySelector("th[scope=row]");
      return {
        header: header ? header.innerText.trim() : "", text: row.innerText.replace(/\\s+/g, " ").trim(),
        caption: table ? (table.caption?.innerText || "").trim() : "(a list)",
      };
    }),
  };
})"""

NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


@pytest.mark.parametrize(
    "path, rows",
    [
        ("/survey/results/", "tr"),
        ("/therapies/acupuncture/restless-legs-syndrome/", "tr"),
        ("/therapies/acupuncture/", "tr"),
        # A condition's "most tried" and "most helpful" top fives are ordered lists beside their charts.
        ("/conditions/restless-legs-syndrome/", "tr, li"),
    ],
    ids=["survey results", "therapy-for-condition page", "therapy page", "condition page"],
)
def test_every_chart_has_a_name_and_its_numbers_in_a_table(page, path, rows):
    page.goto(path)
    charts = page.evaluate(CHARTS, rows)
    assert charts and all(chart["bars"] for chart in charts), f"no charts with bars on {path}"

    for chart in charts:
        svg = page.locator("main svg.chart").nth(chart["index"])
        if not chart["hidden"]:
            expect(svg).to_have_role("img")
            expect(svg).to_have_accessible_name(re.compile(r"\w{3}"))
        for bar in chart["bars"]:
            label, value = bar["label"], bar["value"]
            matches = [
                row["text"][len(label) :]
                for row in chart["rows"]
                if row["header"] == label or (not row["header"] and row["text"].startswith(label))
            ]
            assert matches, f"chart {chart['index'] + 1} on {path}: no row of a table for {label!r}"
            numbers = NUMBER.findall(value)
            assert any(
                all(number in NUMBER.findall(rest) for number in numbers) if numbers else value in rest
                for rest in matches
            ), f"chart {chart['index'] + 1} on {path}: {label} is {value!r} in the chart, but {matches} in the table"
        tables = {row["caption"] for row in chart["rows"]}
        assert all(tables), f"chart {chart['index'] + 1} on {path}: its table has no caption"
