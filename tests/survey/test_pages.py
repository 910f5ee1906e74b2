"""What people see: the survey's own pages, the call to action, "What members report" on the knowledge-base pages
and the results page, drawn as SVG charts with the same numbers in tables."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from community.survey import actions
from community.survey.models import Consent, Response, Tip
from community.survey.statistics import refresh_statistics
from tests.clients import login
from tests.factories.survey import answer
from tests.html import outline, text
from therapies.models import Condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(make_member, survey, knowledge_base):
    """25 members rated exercise for restless legs (15 helped), 5 rated massage; one tip waits, one is shown."""
    for number in range(25):
        tried = {"exercise": "much_better" if number < 15 else "none"}
        if number < 5:
            tried["massage"] = "a_little_better"
        tips = {"exercise": "Walk after dinner, not at bedtime."} if number == 0 else None
        if number == 1:
            tips = {"exercise": "Waiting for a moderator."}
        answer(make_member(), survey, tried=tried, tips=tips)
    Tip.objects.filter(text__startswith="Walk").update(status=Tip.Status.APPROVED)
    refresh_statistics()
    return knowledge_base


def chart_titles(page: str) -> list[str]:
    return re.findall(r"<title[^>]*>([^<]*)</title>", page.split("<body>", 1)[1])


def test_the_survey_page_says_what_it_is_how_answers_are_used_and_what_we_promise(client, survey):
    page = text(client.get("/survey/"))

    assert "<h1>Tell us about your symptoms and what you tried</h1>" in page
    assert "How your answers are used" in page
    assert "No individual answer is ever made public." in page
    assert "Your answers are never sold" in page
    assert 'href="/accounts/signup/?next=/survey/take/"' in page


def test_the_survey_page_offers_the_next_thing_to_do(member, survey, knowledge_base):
    client = login(member)
    assert "Start the survey" in text(client.get("/survey/"))

    actions.save_survey_step(member=member, survey=survey, step="about", values={"conditions": ["insomnia"]})
    assert "Continue the survey" in text(client.get("/survey/"))

    answer(member, survey)
    assert "See or update your answers" in text(client.get("/survey/"))


def test_the_home_page_asks_visitors_and_members_who_have_not_answered(client, member, survey):
    for reader in (client, login(member)):
        page = text(reader.get("/"))
        assert "Tell us about your symptoms and what you tried" in page
        assert 'href="/survey/">Take the survey</a>' in page


def test_a_member_who_answered_sees_update_your_answers_instead(member, survey, knowledge_base):
    answer(member, survey)
    client = login(member)

    for url in ("/", "/conditions/restless-legs-syndrome/"):
        page = text(client.get(url))
        assert "Update your answers" in page
        assert "Take the survey" not in page


def test_the_condition_page_asks_and_shows_what_members_report(client, community):
    page = text(client.get("/conditions/restless-legs-syndrome/"))

    assert "Tell us about your symptoms and what you tried" in page
    assert "What members with Restless legs syndrome report" in page
    assert "Members' own reports, not a trial" in page
    # Beside each therapy in the ranking, and in the two lists.
    assert "60% helped (95% interval 41% to 77%), 25 rated it" in page
    assert "Exercise</a>: tried by 25 members" in page
    assert "Members' own reports (not a trial): not enough answers yet" in page


def test_the_pair_page_shows_the_figures_a_chart_and_the_same_numbers_in_a_table(client, community):
    page = client.get("/therapies/exercise/restless-legs-syndrome/").content.decode()
    flat = " ".join(page.split())

    assert "What members report" in flat
    assert "Research grade:" in flat and "Members' own reports, not a trial" in flat
    assert "<dt>Members who tried it</dt><dd>25</dd>" in flat
    assert "60% helped (95% interval 41% to 77%)" in flat
    assert '<svg class="chart"' in flat and 'role="img"' in flat
    assert "Much better: 60%, 15 of 25 members who rated it" in chart_titles(page)
    assert '<th scope="row">Much better</th><td class="num">15</td><td class="num">60%</td>' in flat
    assert '<th scope="row">Much worse</th><td class="num">0</td>' in flat


def test_small_numbers_say_not_enough_answers_yet(client, community):
    page = text(client.get("/therapies/massage/restless-legs-syndrome/"))

    assert "not enough answers yet" in page
    assert "20%" not in page  # no share of five raters
    assert "<svg" not in page.split("What members report")[1].split("Members talking")[0]


def test_the_therapy_page_shows_each_condition_beside_its_grade_and_approved_tips_only(client, community):
    page = text(client.get("/therapies/exercise/"))

    section = page.split('<h2 id="members-report-title">What members report</h2>')[1].split("</section>")[0]
    assert "Research grade" in section and 'data-label="may-help"' in section
    assert "60% helped (95% interval 41% to 77%)" in section
    assert "Walk after dinner, not at bedtime." in section
    assert "Waiting for a moderator." not in page


def test_the_results_page_shows_charts_with_titles_and_tables(client, community):
    response = client.get("/survey/results/")
    page = response.content.decode()

    assert response.status_code == 200
    titles = chart_titles(page)
    assert "Most tried by members with Restless legs syndrome" in titles
    assert any(title.startswith("Exercise: 60% of 25 members reported it helped") for title in titles)
    flat = text(response)
    assert "Every treatment members with Restless legs syndrome reported on" in flat
    assert "How to read these figures" in flat and "at least 20 members rated" in flat


def test_the_results_page_shows_a_refresh_and_a_renamed_condition_at_once(client, community, make_member, survey):
    first = client.get("/survey/results/")
    assert "Exercise: 60% of 25 members" in first.content.decode()
    assert client.get("/survey/results/").content == first.content  # the figures come from the cache now

    for _number in range(5):
        answer(make_member(), survey, tried={"exercise": "much_better"})
    refresh_statistics()
    assert "Exercise: 67% of 30 members" in client.get("/survey/results/").content.decode()

    condition = Condition.objects.get(slug="restless-legs-syndrome")
    condition.name = "Restless legs (Willis–Ekbom disease)"
    condition.save()
    flat = text(client.get("/survey/results/"))
    assert "Every treatment members with Restless legs (Willis–Ekbom disease) reported on" in flat
    assert "<table" in client.get("/survey/results/").content.decode()  # markup, not escaped text


@pytest.mark.parametrize(
    "url",
    [
        "/survey/",
        "/survey/results/",
        "/conditions/restless-legs-syndrome/",
        "/therapies/exercise/",
        "/therapies/exercise/restless-legs-syndrome/",
    ],
)
def test_the_statistics_pages_need_no_inline_style_or_script(client, community, url):
    found = outline(client.get(url).content.decode())

    assert found.inline_styles == 0 and found.inline_scripts == 0
    assert found.h1_count == 1


def test_the_survey_pages_need_no_inline_style_or_script_either(member, survey, knowledge_base):
    client = login(member)
    answer(member, survey, tried={"exercise": "much_better"})

    for url in (
        "/survey/take/?step=about",
        "/survey/take/?step=outcomes",
        "/survey/take/?step=consent",
        "/survey/mine/",
    ):
        found = outline(client.get(url).content.decode())
        assert found.inline_styles == 0 and found.inline_scripts == 0, url


def test_a_member_sees_and_changes_their_own_answers(member, survey, knowledge_base):
    answer(member, survey, tried={"exercise": "much_better"})
    client = login(member)

    page = text(client.get("/survey/mine/"))

    assert "Only you can see this page." in page
    assert "Exercise" in page and "Much better" in page
    assert "Remedy Commons restless legs score (0–18): <strong>12</strong> — Heavy (12–18)" in page
    assert "not comparable with the IRLS" in page
    assert 'href="/survey/take/?step=outcomes">Change “How each treatment went”' in page


def test_another_member_sees_none_of_it(member, make_member, survey, knowledge_base):
    answer(member, survey, tried={"exercise": "much_better"}, other="Something private")
    stranger = login(make_member())

    page = text(stranger.get("/survey/mine/"))

    assert "You have not answered the survey yet." in page
    assert "Something private" not in page


def test_a_member_withdraws_consent_from_their_answers_page(member, survey, knowledge_base):
    answer(member, survey, research=True)
    client = login(member)

    response = client.post("/survey/mine/consents/", {"research": "on"}, follow=True)

    assert "no longer be counted in the statistics" in text(response)
    assert set(Consent.objects.filter(member=member, withdrawn_at=None).values_list("purpose", flat=True)) == {
        "research"
    }
    # The ledger keeps the withdrawn grant, with when.
    assert Consent.objects.get(member=member, purpose="statistics").withdrawn_at is not None


def test_a_member_deletes_their_answers(member, survey, knowledge_base):
    answer(member, survey, tried={"exercise": "much_better"}, tips={"exercise": "A tip"})
    client = login(member)

    unconfirmed = client.post("/survey/mine/delete/", follow=True)
    assert Response.objects.filter(member=member).exists()
    assert "Please tick the box" in text(unconfirmed)

    deleted = client.post("/survey/mine/delete/", {"confirm": "yes"}, follow=True)

    assert "Your survey answers are deleted." in text(deleted)
    assert not Response.objects.filter(member=member).exists() and not Tip.objects.filter(member=member).exists()


def test_visitors_are_asked_to_sign_in_for_their_answers(survey):
    response = Client().get("/survey/mine/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_sitemap_lists_the_survey_and_its_results_but_not_the_private_pages(client, survey):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/survey/</loc>" in sitemap and "/survey/results/</loc>" in sitemap
    assert "/survey/take/" not in sitemap and "/survey/mine/" not in sitemap


def test_the_results_page_shows_whole_conditions_up_to_a_number_of_rows_a_page_and_lists_them_all(
    client, community, monkeypatch
):
    from dataclasses import replace

    from community.survey import reading, views

    report = next(r for r in reading.all_reports() if r.condition_slug == "restless-legs-syndrome")
    many = [replace(report, condition_name=f"Condition {n}", condition_slug=f"condition-{n}") for n in range(10)]
    monkeypatch.setattr(reading, "all_reports", lambda: many)
    monkeypatch.setattr(views, "ROWS_PER_PAGE", 4 * len(report.cells))

    first = client.get("/survey/results/").content.decode()
    last = client.get("/survey/results/?page=3").content.decode()

    assert 'id="condition-condition-0"' in first and 'id="condition-condition-4"' not in first
    assert 'id="condition-condition-9"' in last and 'id="condition-condition-0"' not in last
    assert 'href="?page=3#condition-condition-9"' in first  # every condition is in the list on every page
    assert 'href="#condition-condition-9"' in last
    assert "Page 1 of 3" in first


def test_a_condition_longer_than_a_page_gets_a_page_of_its_own_and_few_short_ones_share_one(
    client, community, monkeypatch
):
    from dataclasses import replace

    from community.survey import reading, views
    from portal import generations

    report = next(r for r in reading.all_reports() if r.condition_slug == "restless-legs-syndrome")
    many = [replace(report, condition_name=f"Condition {n}", condition_slug=f"condition-{n}") for n in range(3)]
    monkeypatch.setattr(reading, "all_reports", lambda: many)

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 1)
    second = client.get("/survey/results/?page=2").content.decode()
    assert 'id="condition-condition-1"' in second and 'id="condition-condition-0"' not in second
    assert "Page 2 of 3" in second

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 3 * len(report.cells))
    generations.bump(generations.STATISTICS)  # the page is kept per generation
    only = client.get("/survey/results/").content.decode()
    assert all(f'id="condition-condition-{n}"' in only for n in range(3)) and "Page 1 of" not in only
