"""The symptom diary: recording a score, the messages next to fields, one entry per form, the chart and its table,
the print view and the CSV download (community/survey/diary)."""

from __future__ import annotations

import csv
import datetime
import io
import re
import uuid

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from community.survey.diary import actions, scales
from community.survey.diary.models import DiaryEntry
from community.survey.models import Treatment
from tests.factories.survey import LEGS_ITEMS, RLS
from tests.html import error_next_to, field_group

DIARY = "/survey/diary/"


def html(response) -> str:
    return response.content.decode()


def table(page: str, css_class: str) -> str:
    found = re.search(rf'<table class="survey-table {css_class}">(.*?)</table>', page, re.S)
    assert found, f"no table {css_class}"
    return found.group(1)


def cells(page: str, css_class: str = "diary-table") -> list[str]:
    """The score column of the table (the first number cell of each row)."""
    body = table(page, css_class).split("<tbody>")[1]
    return [re.findall(r'<td class="num">(.*?)</td>', row)[0] for row in body.split("</tr>") if "<td" in row]


def points(page: str) -> list[tuple[float, str]]:
    """(height, title) of each point drawn on the chart."""
    return [
        (float(cy), title)
        for cy, title in re.findall(
            r'<circle class="diary-chart__point" cx="[^"]+" cy="([^"]+)" r="3.5"><title>(.*?)</title>', page
        )
    ]


def legs_answers(*scores: int, **extra) -> dict:
    return {f"item_{code}": str(score) for code, score in zip(LEGS_ITEMS, scores, strict=True)} | extra


def post_entry(client, condition: str = RLS, token: uuid.UUID | None = None, **data):
    return client.post(
        f"{DIARY}?condition={condition}", {"form_token": str(token or uuid.uuid4()), "condition": condition, **data}
    )


def record(member, *, condition: str = RLS, score: int, at=None, change: str = "", treatment_name: str = "", note=""):
    entry, _created = actions.record_entry(
        member=member,
        condition=condition,
        scale=scales.scale_for(condition),
        score=score,
        recorded_at=at,
        change=change,
        treatment_name=treatment_name,
        note=note,
    )
    return entry


def test_a_member_records_the_restless_legs_score_item_by_item_and_the_sum_is_kept(member_client, member, survey):
    response = post_entry(member_client, **legs_answers(1, 2, 3, 0, 1, 2), note="Bad week")

    assert response.status_code == 302
    entry = DiaryEntry.objects.get(member=member)
    assert (entry.condition, entry.score, entry.score_max, entry.note) == (RLS, 9, 18, "Bad week")
    assert entry.items == dict(zip(LEGS_ITEMS, [1, 2, 3, 0, 1, 2], strict=True))
    assert entry.scale.startswith("Remedy Commons restless legs score")
    page = member_client.get(response["Location"])
    assert "Recorded: 9 of 18." in page.content.decode()


def test_another_condition_is_recorded_as_one_score_from_0_to_10(member_client, member, survey):
    response = post_entry(member_client, condition="migraine", score="7")

    assert response.status_code == 302
    entry = DiaryEntry.objects.get(member=member)
    assert (entry.condition, entry.score, entry.score_max) == ("migraine", 7, 10)


def test_the_page_asks_the_survey_s_six_legs_questions_answered_0_to_3(member_client, survey):
    page = html(member_client.get(f"{DIARY}?condition={RLS}"))

    for code in LEGS_ITEMS:
        assert re.findall(rf'name="item_{code}" value="(\d+)"', page) == ["0", "1", "2", "3"]


def test_a_score_out_of_range_is_refused_next_to_its_field_and_the_note_comes_back(member_client, member, survey):
    response = post_entry(member_client, condition="migraine", score="11", note="Keep this text")

    assert response.status_code == 400
    page = html(response)
    assert "less than or equal to 10" in error_next_to(page, "score")
    assert "Keep this text" in field_group(page, "note")
    assert not DiaryEntry.objects.exists()


def test_a_missing_legs_answer_is_asked_for_next_to_its_question(member_client, survey):
    answers = legs_answers(1, 1, 1, 1, 1, 1)
    del answers["item_legs_plans"]

    response = post_entry(member_client, **answers)

    assert response.status_code == 400
    assert "Please answer this question." in error_next_to(html(response), "item_legs_plans")
    # What was answered stays ticked.
    assert re.search(r'name="item_legs_evenings" value="1"[^>]*checked', html(response))


def test_a_treatment_change_needs_a_treatment_and_a_treatment_needs_a_change(member_client, survey):
    missing_treatment = post_entry(member_client, condition="migraine", score="3", change="started")
    missing_change = post_entry(member_client, condition="migraine", score="3", treatment_other="Magnesium")

    assert "Please choose the treatment" in error_next_to(html(missing_treatment), "treatment")
    assert "started or stopped" in error_next_to(html(missing_change), "change")
    assert not DiaryEntry.objects.exists()


def test_a_day_in_the_future_is_refused(member_client, survey):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = post_entry(member_client, condition="migraine", score="3", day=tomorrow.isoformat())

    assert "cannot be in the future" in error_next_to(html(response), "day")


def test_a_treatment_from_the_list_or_typed_is_recorded_as_started(member_client, member, survey, knowledge_base):
    assert Treatment.objects.filter(code="exercise").exists()

    post_entry(member_client, score="4", condition="migraine", change="started", treatment_other="Magnesium")
    post_entry(member_client, **legs_answers(1, 0, 0, 0, 0, 0), change="stopped", treatment="exercise")

    rows = list(DiaryEntry.objects.order_by("pk").values_list("change", "treatment__code", "treatment_name"))
    assert rows == [("started", None, "Magnesium"), ("stopped", "exercise", "Exercise")]


def test_the_treatment_list_for_restless_legs_holds_the_treatments_with_a_page_for_it(member_client, knowledge_base):
    group = field_group(html(member_client.get(f"{DIARY}?condition={RLS}")), "treatment")

    offered = [value for value in re.findall(r'<option value="([^"]*)"', group) if value]
    assert sorted(offered) == ["acupuncture", "exercise", "massage"]


def test_the_same_form_sent_twice_makes_one_entry(member_client, member, survey):
    token = uuid.uuid4()

    first = post_entry(member_client, condition="migraine", token=token, score="5")
    second = post_entry(member_client, condition="migraine", token=token, score="5")

    assert first.status_code == second.status_code == 302
    assert DiaryEntry.objects.filter(member=member).count() == 1


def test_a_member_without_a_verified_address_may_keep_a_diary(client, make_member, survey):
    # A diary shows nothing to anyone else, so it needs none of the checks the survey's counted answers need.
    unverified = make_member(verified=False)
    client.force_login(unverified)

    assert client.get(DIARY).status_code == 200
    post_entry(client, condition="migraine", score="2")
    assert DiaryEntry.objects.filter(member=unverified).count() == 1


def test_the_chart_and_the_table_show_the_same_scores_with_treatment_markers(member_client, member, survey):
    now = timezone.now()
    record(member, score=12, at=now - datetime.timedelta(days=30))
    record(member, score=8, at=now - datetime.timedelta(days=20), change="started", treatment_name="Iron")
    record(member, score=4, at=now - datetime.timedelta(days=10))

    page = html(member_client.get(f"{DIARY}?condition={RLS}"))

    assert re.search(r'<svg class="chart"[^>]*role="img"', page)
    assert re.search(r'<title id="diary-restless-legs-syndrome-title">Remedy Commons restless legs score', page)
    drawn = points(page)
    assert [title.split(": ")[1] for _height, title in drawn] == ["12 of 18", "8 of 18", "4 of 18"]
    heights = [height for height, _title in drawn]
    assert heights[0] < heights[1] < heights[2]  # y grows downwards: a lower score is drawn lower
    assert re.search(r'diary-chart__marker--started"><title>[^<]*Started Iron</title>', page)
    assert cells(page) == ["12 / 18", "8 / 18", "4 / 18"]
    assert "Iron" in table(page, "diary-changes")


def test_the_period_chosen_limits_what_is_shown(member_client, member, survey):
    now = timezone.now()
    record(member, score=15, at=now - datetime.timedelta(days=200))
    record(member, score=3, at=now - datetime.timedelta(days=5))

    last_3_months = html(member_client.get(f"{DIARY}?condition={RLS}&period=3m"))
    everything = html(member_client.get(f"{DIARY}?condition={RLS}&period=all"))

    assert cells(last_3_months) == ["3 / 18"]
    assert cells(everything) == ["15 / 18", "3 / 18"]


def test_many_entries_are_shown_as_averages_with_a_bounded_number_of_points(member_client, member, survey):
    start = timezone.now() - datetime.timedelta(days=300)
    scale = scales.scale_for(RLS)
    DiaryEntry.objects.bulk_create(
        DiaryEntry(
            member=member,
            condition=RLS,
            score=day % 19,
            score_max=18,
            scale=scale.name,
            recorded_at=start + datetime.timedelta(days=day),
        )
        for day in range(300)
    )

    page = html(member_client.get(f"{DIARY}?condition={RLS}"))

    assert 30 <= len(points(page)) <= 100
    numbers = table(page, "diary-table")
    assert "averaged per week" in numbers.split("</caption>")[0]
    counts = re.findall(r'<td class="num">(\d+)</td></tr>', numbers)
    assert sum(int(count) for count in counts) == 300


def test_the_print_view_shows_the_chart_and_the_numbers_with_a_print_stylesheet(member_client, member, survey):
    record(member, score=10, at=timezone.now() - datetime.timedelta(days=3), note="private words")
    record(member, score=6)

    response = member_client.get(f"/survey/diary/print/?condition={RLS}")

    page = html(response)
    assert response.status_code == 200
    assert re.search(r'<link rel="stylesheet" href="[^"]*css/diary-print.css" media="print">', page)
    assert len(points(page)) == 2
    assert cells(page) == ["10 / 18", "6 / 18"]
    assert "2 entries" in page
    assert "private words" not in page  # notes stay on the member's screen


def test_the_print_view_keeps_to_one_page_however_many_entries(member_client, member, survey):
    start = timezone.now() - datetime.timedelta(days=360)
    DiaryEntry.objects.bulk_create(
        DiaryEntry(
            member=member,
            condition=RLS,
            score=5,
            score_max=18,
            scale="s",
            recorded_at=start + datetime.timedelta(days=d),
        )
        for d in range(360)
    )

    page = html(member_client.get(f"/survey/diary/print/?condition={RLS}"))

    assert 6 <= len(cells(page)) <= 24


def test_the_csv_holds_the_member_s_entries_with_a_header_and_neutralised_formulas(member_client, member, survey):
    record(member, score=9, note='=HYPERLINK("http://evil.example")', change="started", treatment_name="-Iron")
    record(member, condition="migraine", score=3, note="@SUM(A1) and +1")

    response = member_client.get("/survey/diary.csv")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["recorded_at", "condition", "score", "score_max"]
    assert [row[1:4] for row in rows[1:]] == [[RLS, "9", "18"], ["migraine", "3", "10"]]
    assert rows[1][-1] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][-2] == "'-Iron"
    assert rows[2][-1] == "'@SUM(A1) and +1"


def test_a_member_deletes_one_of_their_entries(member_client, member, survey):
    keep, gone = record(member, score=3), record(member, score=4)

    response = member_client.post(reverse("community:diary_delete", args=[gone.pk]))

    assert response.status_code == 302
    assert list(DiaryEntry.objects.values_list("pk", flat=True)) == [keep.pk]


@pytest.mark.parametrize("path", [DIARY, "/survey/diary/print/", "/survey/diary.csv"])
def test_diary_pages_are_private_and_never_stored(member_client, survey, path):
    response = member_client.get(path)

    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_time_is_shown_in_the_diary_as_recorded(member_client, member, survey):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        post_entry(member_client, condition="migraine", score="6")
        page = html(member_client.get(f"{DIARY}?condition=migraine"))

    assert "2 Mar 2026" in table(page, "diary-table")
