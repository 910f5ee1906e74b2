"""The journeys of the people the site is for, clicked through in Chromium against the live demo site."""

from __future__ import annotations

import itertools
import json
import re
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser import people
from tests.browser.people import submit

_numbers = itertools.count(1)
PASSWORD = "a-long-journey-password-7"


def unique(stem: str) -> str:
    return f"{stem}{int(time.time()) % 100_000}{next(_numbers)}"


def main_text(page) -> str:
    return page.locator("main").inner_text()


def test_a_visitor_reads_condition_therapy_and_evidence_pages_and_searches(page):
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Conditions").first.click()
    expect(page).to_have_title(re.compile("^Conditions"))
    page.locator("main").get_by_role("link", name="Restless legs syndrome").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restless legs syndrome")
    assert "Therapies for Restless legs syndrome, by strength of evidence" in main_text(page)
    assert "This is information, not medical advice" in main_text(page)

    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Therapies").first.click()
    page.locator("main").get_by_role("link", name="Acupuncture", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acupuncture")
    page.locator("main").get_by_role("link", name=re.compile("Restless legs syndrome")).first.click()
    expect(page).to_have_url(re.compile("/therapies/acupuncture/restless-legs-syndrome/$"))
    evidence = main_text(page)
    assert "Evidence" in evidence
    assert re.search(r"\d+% helped \(95% interval", evidence), "the members' figures with their interval"
    assert page.locator("main a[href^='https://doi.org/'], main a[href*='pubmed']").count() > 0, "cited sources"

    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill("ferritin")
    search.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=ferritin"))
    results = main_text(page)
    assert "Ferritin came back low" in results
    page.locator("main").get_by_role("link", name=re.compile("Ferritin came back low")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ferritin came back low")
    assert page.console_errors == []


def test_a_visitor_signs_up_verifies_accepts_the_rules_starts_a_thread_and_replies(page, live_site):
    email, name = f"{unique('newcomer')}@example.org", unique("NewWalker")
    people.sign_up(page, live_site, email=email, display_name=name, password=PASSWORD)
    expect(page.locator("main")).to_contain_text(f"You have confirmed {email}")
    expect(page.locator("header")).to_contain_text(name)

    page.goto("/community/")
    page.locator("main").get_by_role("link", name="Restless legs syndrome").first.click()
    page.locator("main").get_by_role("link", name=re.compile("New thread|Start a discussion")).first.click()
    page.get_by_role("textbox", name="Title").fill("Ten minutes of walking before bed")
    page.get_by_label("Your message").fill("Since October I walk before bed and the urge comes later. Anyone else?")
    submit(page)
    # The rules come first: the form says so next to the box, and keeps what was typed.
    rules_box = page.get_by_label("I have read and accept the community rules")
    expect(page.locator("main")).to_contain_text("accept the community rules")
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Ten minutes of walking before bed")
    rules_box.check()
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ten minutes of walking before bed")
    # New members' first posts wait for a moderator; the author is told and sees their own post.
    expect(page.locator("main")).to_contain_text("waiting for a moderator")
    expect(page.locator("main")).to_contain_text("Since October I walk before bed")

    page.goto("/community/living-with-symptoms/")
    page.locator("main").get_by_role("link", name="Night shifts and restless legs").click()
    page.get_by_label(re.compile("Your reply|Your message")).fill("Blackout blinds helped me sleep after nights too.")
    page.locator("main form.reply-form, main form[action$='/reply/']").locator("button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Blackout blinds helped me sleep after nights too.")
    expect(page.locator("main")).to_contain_text("waiting for a moderator")
    assert page.console_errors == []


def answer_about_you(page) -> None:
    page.get_by_label("Restless legs syndrome").check()
    page.get_by_label("About how many years").fill("6")
    page.get_by_role("group", name=re.compile("diagnosed your condition")).get_by_label("Yes").check()
    page.get_by_label("45 to 59").check()
    page.get_by_label("Which country").fill("Portugal")


def test_a_member_takes_the_survey_leaves_half_way_resumes_and_sees_the_answers(new_page, live_site):
    email = f"{unique('surveyor')}@example.org"
    page = new_page()
    people.sign_up(page, live_site, email=email, display_name=unique("Surveyor"), password=PASSWORD)
    page.goto("/survey/")
    page.locator("main").get_by_role("link", name="Start the survey").click()
    expect(page.locator("main")).to_contain_text("Step 1 of")
    answer_about_you(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("main")).to_contain_text("Restless legs in the past seven days")
    for group in page.locator("main form fieldset").all():
        group.locator("input[type=radio]").nth(2).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("main")).to_contain_text("Which of these have you tried")
    page.context.close()  # gone half-way, without a word

    page = new_page()
    people.sign_in(page, email, PASSWORD, staff_secrets={})
    page.goto("/survey/")
    page.locator("main").get_by_role("link", name="Continue the survey").click()
    expect(page.locator("main")).to_contain_text("Which of these have you tried")
    page.get_by_role("button", name="Back").click()
    expect(page.locator("main")).to_contain_text("Restless legs in the past seven days")
    assert page.locator("main form input[type=radio]:checked").count() == 6, "the saved answers are still ticked"
    page.get_by_role("button", name="Save and continue").click()

    page.locator("main form").get_by_label("Acupuncture", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("main")).to_contain_text("How each treatment went")
    page.get_by_label("Yes, I still use it").check()
    page.get_by_label("Three months to a year").check()
    page.get_by_label("A little better").check()
    page.get_by_role("group", name=re.compile("side effects")).first.get_by_label("None").check()
    page.get_by_role("group", name=re.compile("suggest it")).get_by_label("Yes").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.locator("main")).to_contain_text("Your consent")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_label(re.compile("Count my answers"))).not_to_be_checked()
    expect(page.locator("main")).to_contain_text("Your answers can only be sent with this consent")
    page.get_by_label(re.compile("Count my answers")).check()
    page.get_by_role("button", name="Send my answers").click()

    page.goto("/survey/mine/")
    answers = main_text(page)
    for shown in ("Portugal", "45 to 59", "Acupuncture", "A little better", "Three months to a year"):
        assert shown in answers, shown
    assert "Remedy Commons restless legs score (0–18): 12" in answers
    assert page.console_errors == []


def test_a_member_records_three_diary_entries_and_prints_the_progress_page(new_page, live_site):
    page = new_page()
    people.sign_up(
        page, live_site, email=f"{unique('diarist')}@example.org", display_name=unique("Diarist"), password=PASSWORD
    )
    page.goto("/survey/diary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My progress")
    page.get_by_label("Condition").select_option(label="Restless legs syndrome (Willis–Ekbom disease)")
    page.get_by_label("Period shown").select_option(label="Last 12 months")
    page.get_by_role("button", name="Show").click()

    # Three entries, answering every legs question with the same step: 3 × 6 = 18, then 12, then 6.
    for step, extra in ((3, "started"), (2, None), (1, None)):
        groups = page.locator("main form.diary-form fieldset")
        expect(groups).to_have_count(6)
        for group in groups.all():
            group.locator("input[type=radio]").nth(step).check()
        if extra:
            page.get_by_label("Did you start or stop a treatment?").select_option(label="I started one")
            page.get_by_label("Or type its name").fill("Magnesium")
            page.get_by_label("Note").fill("Evening walks too.")
        page.get_by_role("button", name="Record").click()
        expect(page.locator("main")).to_contain_text(f"Recorded: {step * 6} of 18.")

    chart = page.locator("main svg.chart")
    expect(chart.locator("circle.diary-chart__point")).to_have_count(3)
    expect(chart.locator(".diary-chart__marker--started")).to_have_count(1)
    expect(page.locator("main table.diary-table tbody tr")).to_have_count(3)
    expect(page.locator("main table.diary-changes")).to_contain_text("Magnesium")

    page.locator("main").get_by_role("link", name="Print view for your clinician").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Symptom diary: Restless legs syndrome")
    expect(page.locator("main svg.chart circle.diary-chart__point")).to_have_count(3)
    expect(page.locator("main table.diary-table")).to_contain_text("18 / 18")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the print view fits on one page"
    assert page.console_errors == []


def open_thread(page, forum: str, title: str) -> None:
    page.goto("/community/")
    page.locator("main").get_by_role("link", name=forum).first.click()
    page.locator("main").get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def post_with(page, text: str):
    return page.locator("main article").filter(has_text=text)


def test_a_member_reports_a_post(page, sign_in):
    sign_in(page, people.MEMBER)
    open_thread(page, "Restless legs syndrome", "It has started in my arms too: anyone else?")
    post_with(page, "same here last winter").get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a post")
    submit(page)
    expect(page.locator("main")).to_contain_text("This field is required")
    page.get_by_label("Unsafe medical advice or misinformation").check()
    page.get_by_label("Anything the moderators should know").fill("Iron doses should come from a doctor.")
    submit(page)
    expect(page.locator("main")).to_contain_text("Thank you. A moderator will look at it.")

    open_thread(page, "Restless legs syndrome", "It has started in my arms too: anyone else?")
    post_with(page, "same here last winter").get_by_role("link", name="Report").click()
    page.get_by_label("Spam or promotion").check()
    submit(page)
    expect(page.locator("main")).to_contain_text("You have already reported this post")


def test_a_moderator_with_two_factor_hides_a_reported_post_and_the_author_sees_why(new_page, sign_in):
    reporter = new_page()
    sign_in(reporter, people.MEMBER2)
    open_thread(reporter, "Living with symptoms", "Night shifts and restless legs")
    post_with(reporter, "respect for doing nights").get_by_role("link", name="Report").click()
    reporter.get_by_label("Abuse or harassment").check()
    submit(reporter)
    expect(reporter.locator("main")).to_contain_text("Thank you")

    moderator = new_page()
    sign_in(moderator, people.MODERATOR)  # sets up two-factor: staff cannot open the admin without it
    moderator.goto("/admin/")
    moderator.get_by_role("link", name="Moderation queue").click()
    row = moderator.locator("#result_list tbody tr").filter(has_text="respect for doing nights")
    expect(row).to_contain_text("Abuse or harassment")
    row.locator("input[name=_selected_action]").check()
    moderator.locator("select[name=action]").select_option(label="Hide, with the reason")
    moderator.get_by_label("Reason (shown to the author)").fill("Please keep jokes about work kind.")
    moderator.locator("button[name=index]").click()
    expect(moderator.locator(".messagelist")).to_contain_text("1")
    expect(moderator.locator("#result_list")).not_to_contain_text("respect for doing nights")

    author = new_page()
    sign_in(author, people.MEMBER)
    open_thread(author, "Living with symptoms", "Night shifts and restless legs")
    hidden = post_with(author, "respect for doing nights")
    expect(hidden).to_contain_text("This post is hidden.")
    expect(hidden).to_contain_text("Reason: Please keep jokes about work kind.")

    visitor = new_page()
    open_thread(visitor, "Living with symptoms", "Night shifts and restless legs")
    expect(visitor.locator("main")).not_to_contain_text("respect for doing nights")


def test_a_member_suggests_a_practitioner_and_an_editor_approves_it(new_page, sign_in):
    name = f"Dr. Journey {unique('Tester')}"
    member = new_page()
    sign_in(member, people.MEMBER)
    member.goto("/practitioners/")
    member.locator("main").get_by_role("link", name=re.compile("Suggest")).first.click()
    member.get_by_label("A practitioner").check()
    member.get_by_label("Name:", exact=True).fill(name)
    member.get_by_label("City").fill("Porto")
    member.locator("select[name=country]").select_option(label="Portugal")
    form = member.locator("main form")
    form.get_by_role("group", name=re.compile("Therapies")).get_by_label("Acupuncture", exact=True).check()
    form.get_by_role("group", name=re.compile("Conditions")).get_by_label("Restless legs syndrome", exact=True).check()
    submit(member)
    expect(member.locator("main")).to_contain_text("Thank you")

    member.goto("/practitioners/?q=Journey")
    expect(member.locator("main").get_by_role("link", name=name)).to_have_count(0)  # not before an editor approves

    editor = new_page()
    sign_in(editor, people.EDITOR)
    editor.goto("/admin/")
    editor.get_by_role("link", name=re.compile("Listing requests|Directory requests")).first.click()
    row = editor.locator("#result_list tbody tr").filter(has_text=name)
    row.locator("input[name=_selected_action]").check()
    editor.locator("select[name=action]").select_option(label="Approve the selected requests")
    editor.locator("button[name=index]").click()
    expect(editor.locator(".messagelist")).to_contain_text("Approved: 1")

    member.goto("/practitioners/?q=Journey")
    member.locator("main").get_by_role("link", name=name).click()
    expect(member.get_by_role("heading", level=1)).to_have_text(name)
    expect(member.locator("main")).to_contain_text("Porto")


def test_a_member_votes_without_a_page_reload_through_the_api_and_the_vote_stays(new_page, sign_in):
    member = new_page()
    sign_in(member, people.MEMBER2)
    member.goto("/therapies/acupuncture/")
    votes = member.locator("#votes")
    up = votes.get_by_role("button", name="Vote up")
    was_pressed = up.get_attribute("aria-pressed") == "true"
    count = int(votes.locator("[data-up]").inner_text())
    member.evaluate("window.sameDocument = true")  # gone if the vote reloaded the page
    with member.expect_response(re.compile("/api/v1/therapies/acupuncture/vote/$")) as answer:
        up.click()

    assert answer.value.status == 200
    expect(up).to_have_attribute("aria-pressed", "false" if was_pressed else "true")
    expect(votes.locator("[data-up]")).to_have_text(str(count - 1 if was_pressed else count + 1))
    assert member.evaluate("window.sameDocument") is True
    member.reload()
    expect(member.locator("#votes").get_by_role("button", name="Vote up")).to_have_attribute(
        "aria-pressed", "false" if was_pressed else "true"
    )
    assert member.console_errors == []


def test_a_member_exports_their_data_and_deletes_the_account(page, live_site, sign_in):
    email, name = f"{unique('leaver')}@example.org", unique("Leaver")
    people.sign_up(page, live_site, email=email, display_name=name, password=PASSWORD)
    page.goto("/accounts/data/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download my data")).click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert email in json.dumps(exported)
    assert name in json.dumps(exported)

    page.get_by_label("Your password").fill("not my password at all")
    page.get_by_label("I understand that this cannot be undone").check()
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.locator("main")).to_contain_text(re.compile("password", re.I))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that this cannot be undone").check()
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.locator("main")).to_contain_text(re.compile("deleted", re.I))
    expect(page.locator("header")).to_contain_text("Sign in")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page)
    expect(page.locator("main")).to_contain_text("not correct")


def test_a_visitor_follows_a_condition_and_confirms_from_the_e_mail(page, live_site):
    email = f"{unique('follower')}@example.org"
    started = time.time() - 1
    page.goto("/conditions/restless-legs-syndrome/")
    page.locator("main").get_by_role("link", name="Follow news of this condition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow news of Restless legs syndrome")
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_role("button", name="Follow").click()
    expect(page.locator("main")).to_contain_text("Check your inbox")

    mail = live_site.mail_to(email, after=started)
    link = re.search(r"https?://\S+/conditions/restless-legs-syndrome/follow/confirm/\S+/", mail)
    assert link, mail
    page.goto(link.group(0))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("main")).to_contain_text("Done: you follow news of Restless legs syndrome")

    page.goto(link.group(0))
    expect(page.locator("main")).to_contain_text("already been used")
    assert page.console_errors == []


# The server's side of "three months later", which no browser can click: run in the live site's own settings and
# database (named as tests/browser/conftest.py names them), with the site's e-mail written to its mail folder.
THREE_MONTHS_LATER = """
import datetime
from allauth.account.models import EmailAddress
from django.utils import timezone
from community.survey import actions
from community.survey.followups.actions import invite_due_follow_ups
from community.survey.followups.models import FollowUp
from community.survey.models import Survey
from portal.models import User
from tests.factories.survey import answers_for

member = User.objects.create_user("{email}", "{password}", display_name="{name}")
EmailAddress.objects.create(user=member, email="{email}", verified=True, primary=True)
survey = Survey.objects.current()
steps = answers_for(tried={{"exercise": "much_better"}})
step = "about"
while step != "consent":
    step = actions.save_survey_step(member=member, survey=survey, step=step, values=steps[step]).step
actions.submit_response(member=member, survey=survey, consents={{"statistics": True}})
FollowUp.objects.filter(member=member, kind=3).update(due_on=timezone.localdate())
print("invited", invite_due_follow_ups())
"""


def _live_site_environment(live_site) -> dict:
    import os
    from urllib.parse import urlsplit, urlunsplit

    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(base)
        name = f"{parts.path.lstrip('/') or 'remedy'}_browser{os.environ.get('PYTEST_XDIST_WORKER', '')}"
        database_url = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        database_url = f"sqlite:///{live_site.mail_dir.parent / 'browser.sqlite3'}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "browser-tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": live_site.url,
        "TASK_BACKEND": "immediate",
        "BROWSER_STATIC_ROOT": str(live_site.mail_dir.parent / "static"),
        "BROWSER_MAIL_DIR": str(live_site.mail_dir),
        "DEBUG": "0",
    }


def test_a_member_answers_a_follow_up_from_the_email_link(new_page, live_site):
    import subprocess
    import sys

    email, name = f"{unique('follower')}@example.org", unique("Follower")
    started = time.time()
    script = THREE_MONTHS_LATER.format(email=email, password=PASSWORD, name=name)
    ran = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=_live_site_environment(live_site),
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0 and "invited 1" in ran.stdout, ran.stderr[-2000:]
    mail = live_site.mail_to(email, after=started)
    assert re.search(r"exercise, 3 months on:", mail, re.IGNORECASE)
    link = re.search(r"https?://\S+/survey/follow-ups/link/\S+/", mail).group(0)

    page = new_page()
    page.goto(link)
    # Signed out: the link asks who they are first, then goes on to the follow-up.
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page)
    expect(page.locator("h1")).to_contain_text(re.compile(r"exercise, 3 months on", re.IGNORECASE))
    page.get_by_label("No, I stopped").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("main")).to_contain_text("Please answer this question.")
    page.get_by_label("Side effects").check()
    page.get_by_role("button", name="Send my answers").click()

    expect(page.locator("main")).to_contain_text("Thank you: your answers are recorded.")
    expect(page.locator("main")).to_contain_text("Nothing to answer at the moment.")
    page.goto("/survey/mine/")
    expect(page.locator("main")).not_to_contain_text("Follow-ups due")
    assert page.console_errors == []
