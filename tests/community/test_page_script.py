"""The thread page's script (static/js/community.js) writes replies and helpful marks through the REST API, with
the member's session and the form's CSRF token; the pages' own forms answer plain form posts only.

Each test reads the form's `data-api` and token from the page as the script does, and checks the status codes and
body fields the script reads."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from community.models import HelpfulMark

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(forum, make_thread, make_poster):
    return make_thread(forum=forum, author=make_poster(display_name="Owl Author"), body="Warm socks at night.")


def browser(user) -> Client:
    """A client that is refused without the CSRF token, as a browser's requests are."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def script_form(client: Client, thread, form_class: str) -> tuple[str, str]:
    """The form's `data-api` and CSRF token, as the script reads them from the page."""
    page = client.get(thread.get_absolute_url()).content.decode()
    form = re.search(rf'<form [^>]*class="[^"]*{form_class}[^"]*"[^>]*>', page)
    assert form, f"no {form_class} on the page"
    api = re.search(r'data-api="([^"]+)"', form.group(0))
    assert api, f"the {form_class} names no API address"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page[form.end() :]).group(1)
    return api.group(1), token


def test_the_script_sends_a_reply_to_the_api_and_finds_it_on_the_page_it_names(thread, poster):
    client = browser(poster)
    api, token = script_form(client, thread, "reply-form")

    answer = client.post(api, {"body": "Sent by the script.", "website": ""}, headers={"x-csrftoken": token})

    assert api == f"/api/v1/threads/{thread.pk}/posts/"
    assert answer.status_code == 201
    result = answer.json()
    assert result["message"] == "Your reply is posted."
    assert (result["post"]["number"], result["post"]["status"]) == (2, "visible")
    page = client.get(result["post"]["url"]).content.decode()
    article = re.search(r'<article [^>]*id="post-2".*?</article>', page, re.S).group(0)
    assert "Sent by the script." in article
    assert thread.posts.filter(body="Sent by the script.").count() == 1


def test_the_script_is_told_in_words_when_a_reply_was_already_posted(thread, poster):
    client = browser(poster)
    api, token = script_form(client, thread, "reply-form")
    client.post(api, {"body": "Clicked twice."}, headers={"x-csrftoken": token})

    again = client.post(api, {"body": "Clicked twice."}, headers={"x-csrftoken": token})

    assert again.status_code == 409
    assert again.json()["detail"] == "You have already posted this reply."
    assert thread.posts.filter(body="Clicked twice.").count() == 1


def test_a_reply_the_api_refuses_leaves_the_script_to_send_the_form(thread, poster):
    client = browser(poster)
    api, token = script_form(client, thread, "reply-form")

    answer = client.post(api, {"body": ""}, headers={"x-csrftoken": token})

    assert answer.status_code == 400  # anything but 201 and 409: the script posts the form itself
    assert thread.posts.count() == 1


def test_the_script_cannot_reply_without_the_csrf_token(thread, poster):
    client = browser(poster)
    api, _token = script_form(client, thread, "reply-form")

    assert client.post(api, {"body": "Forged."}).status_code == 403
    assert not thread.posts.filter(body="Forged.").exists()


def test_the_script_marks_a_post_helpful_through_the_api_and_takes_it_back(thread, poster):
    client = browser(poster)
    api, token = script_form(client, thread, "helpful-form")

    marked = client.post(api, headers={"x-csrftoken": token})
    unmarked = client.post(api, headers={"x-csrftoken": token})

    assert api == f"/api/v1/posts/{thread.first_post_id}/helpful/"
    assert marked.json() == {"marked": True, "count": 1, "count_text": "1 member found this helpful"}
    assert unmarked.json() == {"marked": False, "count": 0, "count_text": ""}
    assert not HelpfulMark.objects.exists()


def test_the_api_refuses_a_mark_on_ones_own_post_and_a_visitors(thread):
    own = browser(thread.author)
    own.get(thread.get_absolute_url())
    token = own.cookies["csrftoken"].value

    assert own.post(f"/api/v1/posts/{thread.first_post_id}/helpful/", headers={"x-csrftoken": token}).status_code == 403
    assert Client().post(f"/api/v1/posts/{thread.first_post_id}/helpful/").status_code == 401
    assert not HelpfulMark.objects.exists()


@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_the_pages_answer_their_forms_with_a_redirect_whatever_is_asked_for(thread, poster, accept):
    client = Client()
    client.force_login(poster)
    reply_url = f"/community/{thread.forum.slug}/{thread.pk}/reply/"

    replied = client.post(reply_url, {"body": "Sent by the form."}, headers={"accept": accept})
    marked = client.post(f"/community/posts/{thread.first_post_id}/helpful/", headers={"accept": accept})

    post = thread.posts.get(body="Sent by the form.")
    assert (replied.status_code, replied["location"]) == (302, thread.post_url(post.number, before=1))
    assert marked.status_code == 302 and marked["content-type"].startswith("text/html")
    assert HelpfulMark.objects.filter(user=poster, post=thread.first_post).exists()
    assert "Sent by the form." in client.get(replied["location"]).content.decode()


def test_a_second_click_on_the_form_is_posted_once(thread, poster):
    client = Client()
    client.force_login(poster)
    reply_url = f"/community/{thread.forum.slug}/{thread.pk}/reply/"
    client.post(reply_url, {"body": "Clicked twice."})

    again = client.post(reply_url, {"body": "Clicked twice."}, follow=True)

    assert "You have already posted this reply." in again.content.decode()
    assert thread.posts.filter(body="Clicked twice.").count() == 1


def test_a_waiting_reply_is_announced_in_the_same_words_by_the_api_and_the_page(forum, make_thread, new_member):
    # The page said "Thank you. Your reply is waiting…", the API (and so the script) "Your reply is waiting…".
    client = browser(new_member)
    api, token = script_form(client, make_thread(forum=forum, title="Evenings, again"), "reply-form")
    by_script = client.post(api, {"body": "Me too, every evening."}, headers={"x-csrftoken": token}).json()
    page_client = Client()
    page_client.force_login(new_member)
    thread = make_thread(forum=forum, title="Mornings, again")

    by_form = page_client.post(
        f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "Me too, every morning."}, follow=True
    )

    expected = "Thank you. Your reply is waiting for a moderator; it appears once approved."
    assert by_script["message"] == expected and by_script["post"]["status"] == "pending"
    assert expected in by_form.content.decode()
