"""The site search: one box over conditions, therapies, their per-condition pages, discussions and practitioners.

Runs on SQLite (words matched) and on PostgreSQL (full text, ranked, highlighted, typo-tolerant); the tests
that need PostgreSQL's full-text search skip elsewhere and say why.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.db import connection

from community import actions
from community.models import Forum, Post, Thread, Visibility
from portal import search as site_search
from therapies.models import Practitioner, Status

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text ranking and trigram typo tolerance are PostgreSQL features; SQLite matches words only",
)

XSS_TITLE = '<b onmouseover="alert(1)">Magnesium</b> and <script>alert("title")</script>'
XSS_BODY = (
    'Magnesium at night. <script>alert("body")</script> <img src=x onerror=alert(2)> "><svg onload=alert(3)>'
    " <mark>fake</mark> ~s0~ &lt;b&gt;"
)


def search(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def results(page: str) -> str:
    """The result groups of a page: their headings and hits, without the box and the line that repeats the query."""
    return "".join(re.findall(r'<section class="search-group".*?</section>', page, re.S))


def group_titles(page: str, key: str) -> list[str]:
    """The titles of the hits in one group, in order."""
    section = re.search(rf'<section class="search-group" aria-labelledby="results-{key}">(.*?)</section>', page, re.S)
    if section is None:
        return []
    return [
        re.sub(r"<[^>]+>", "", title) for title in re.findall(r'class="search-hit__title"[^>]*>(.*?)</a>', section[1])
    ]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def tags_in(html: str) -> list[tuple[str, list]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def knowledge_base(make_condition, make_therapy, make_page):
    rls = make_condition(
        name="Restless legs syndrome",
        aliases="Willis–Ekbom disease\nRLS",
        summary="An urge to move the legs in the evening.",
    )
    insomnia = make_condition(
        name="Insomnia", summary="Trouble falling or staying asleep.", overview="Some people also get leg cramps."
    )
    acupuncture = make_therapy(name="Acupuncture", summary="Thin needles at chosen points.")
    make_page(therapy=acupuncture, condition=rls, excerpt="Needling may ease the evening urge.")
    return {"rls": rls, "insomnia": insomnia, "acupuncture": acupuncture}


@pytest.fixture
def discussions(forum, make_thread, make_practitioner, knowledge_base):
    thread = make_thread(forum=forum, title="Ferritin came back low", body="My ferritin was 30; iron helped.")
    actions.reply(author=thread.author, thread=thread, body="Update: the magnesium did nothing for me.")
    make_practitioner(name="Kenji Aramaki", clinic_name="Hawthorne Acupuncture", bio="Quiet evening sessions.")
    return thread


def test_the_search_finds_each_kind(client, discussions):
    by_kind = {
        "conditions": ("insomnia", "Insomnia"),
        "therapies": ("needles", "Acupuncture"),
        "therapy-conditions": ("needling", "Acupuncture for Restless legs syndrome"),
        "threads": ("ferritin", "Ferritin came back low"),
        "posts": ("magnesium", "Ferritin came back low"),
        "practitioners": ("Hawthorne", "Kenji Aramaki, L.Ac."),
    }
    for key, (query, title) in by_kind.items():
        page = search(client, q=query)
        assert title in group_titles(page, key), (key, query)


def test_a_condition_is_found_by_its_other_name_with_any_dash(client, knowledge_base):
    for query in ("Willis-Ekbom", "willis–ekbom disease", "RLS"):
        page = search(client, q=query)
        assert group_titles(page, "conditions") == ["Restless legs syndrome"], query
        assert "Also called Willis–Ekbom disease, RLS" in page


def test_a_post_links_to_its_page_and_place_in_the_thread(client, forum, make_long_thread):
    thread = make_long_thread(forum=forum, posts=45)
    Post.objects.filter(thread=thread, number=43).update(body="The one about valerian tea.")

    page = search(client, q="valerian")

    assert f'href="{thread.get_absolute_url()}?page=3#post-43"' in page


@needs_postgresql
def test_a_name_or_title_hit_ranks_above_a_hit_in_the_text(client, make_condition, make_therapy):
    make_condition(name="Sleep apnoea", summary="Breathing stops in sleep.", overview="Cramps are not a sign of it.")
    make_condition(name="Night cramps", summary="Sudden painful muscle cramps at night.")
    make_therapy(name="Stretching", summary="Slow stretches.", what_it_is="Helps some people with calf cramps.")
    make_therapy(name="Calf massage", summary="Kneading the calf muscles.")

    page = search(client, q="cramps")
    assert group_titles(page, "conditions") == ["Night cramps", "Sleep apnoea"]
    assert group_titles(search(client, q="calf"), "therapies") == ["Calf massage", "Stretching"]


@needs_postgresql
def test_a_thread_title_hit_ranks_above_one_that_only_mentions_the_word(client, forum, make_thread):
    make_thread(forum=forum, title="Evening routine", body="Warm socks, a book, and then magnesium.")
    make_thread(forum=forum, title="Magnesium: did it do anything?", body="Asking for myself.")

    assert group_titles(search(client, q="magnesium"), "threads") == ["Magnesium: did it do anything?"]
    assert "Evening routine" in group_titles(search(client, q="magnesium"), "posts")


@needs_postgresql
def test_a_typo_in_a_short_name_still_finds_it(client, discussions, make_therapy):
    make_therapy(name="Massage", aliases="Swedish massage")
    page = search(client, q="acupunture")

    assert group_titles(page, "therapies") == ["Acupuncture"]
    assert group_titles(page, "therapy-conditions") == ["Acupuncture for Restless legs syndrome"]
    assert group_titles(search(client, q="Kenji Aramki"), "practitioners") == ["Kenji Aramaki, L.Ac."]
    assert group_titles(search(client, q="massge"), "therapies") == ["Massage"]
    assert group_titles(search(client, q="swedish masage"), "therapies") == ["Massage"]


@needs_postgresql
def test_snippets_mark_the_words_found(client, discussions):
    page = search(client, q="magnesium")
    assert "the <mark>magnesium</mark> did nothing for me" in page


def test_members_only_threads_are_found_by_signed_in_members_only(client, forum, make_thread, make_member):
    make_thread(forum=forum, title="Private: medication doses", body="Pramipexole dose talk.", members_only=True)

    visitor = search(client, q="pramipexole") + search(client, q="medication")
    client.force_login(make_member())
    member_posts, member_threads = search(client, q="pramipexole"), search(client, q="medication")

    assert "Private: medication doses" not in visitor
    assert group_titles(member_posts, "posts") == ["Private: medication doses"]
    assert group_titles(member_threads, "threads") == ["Private: medication doses"]


def test_waiting_hidden_and_removed_discussions_never_appear(
    client, forum, make_thread, new_member, moderator, make_condition
):
    visible = make_thread(forum=forum, title="Sauna evenings", body="Sauna twice a week.")
    waiting = actions.reply(author=new_member, thread=visible, body="Sauna secret waiting for a moderator.")
    assert waiting.status == Visibility.PENDING
    hidden = actions.reply(author=visible.author, thread=visible, body="Sauna secret hidden by a moderator.")
    actions.hide_post(post=hidden, moderator=moderator, reason="Off-topic")
    removed = actions.reply(author=visible.author, thread=visible, body="Sauna secret removed by a moderator.")
    actions.hide_post(post=removed, moderator=moderator, reason="Spam", remove=True)
    hidden_thread = make_thread(forum=forum, title="Sauna secret thread", body="Sauna secret in a hidden thread.")
    Thread.objects.filter(pk=hidden_thread.pk).update(status=Visibility.HIDDEN)
    draft = make_condition(name="Sauna syndrome", status=Status.DRAFT)
    draft_forum = Forum.objects.get(condition=draft)
    make_thread(forum=draft_forum, title="Sauna secret in an unlisted forum", body="Sauna secret unlisted.")

    for who in (None, new_member, moderator):
        if who is not None:
            client.force_login(who)
        page = search(client, q="sauna secret")
        assert results(page) == "", who
        assert "Nothing matches every word" in page


def test_unpublished_knowledge_base_content_and_listings_never_appear(
    client, make_condition, make_therapy, make_page, make_practitioner, make_member
):
    published_therapy = make_therapy(name="Cupping")
    draft_therapy = make_therapy(name="Zebra cupping", status=Status.DRAFT)
    make_condition(name="Zebra fever", status=Status.IN_REVIEW)
    condition = make_condition(name="Tension headache")
    make_page(therapy=draft_therapy, condition=condition, excerpt="Zebra page of a draft therapy.")
    make_page(therapy=published_therapy, condition=condition, excerpt="Zebra page in review.", status=Status.DRAFT)
    make_practitioner(name="Zebra Pending", status=Practitioner.Status.PENDING)
    make_practitioner(name="Zebra Hidden", status=Practitioner.Status.HIDDEN)
    staff = make_member(is_staff=True)

    for who in (None, staff):
        if who is not None:
            client.force_login(who)
        page = search(client, q="zebra")
        assert results(page) == "", who
        assert "Nothing matches every word" in page


ODD_QUERIES = [
    '"unclosed quote',
    '"restless legs"',
    "iron & ferritin | !magnesium :*",
    "a:* & b",
    "!!! ??? ...",
    "-",
    "(",
    "or",
    "the",
    "ünïcødé 睡眠 بيت \U0001f634",
    "%_\\",
    "'; DROP TABLE community_post; --",
    "iron\x00ferritin",
    "\u202eevil",
    "x" * 200,
    "x" * 1000,
    "acupuncture " * 90,
    ("word " * 40).strip(),
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_input_never_fails(client, discussions, query):
    for params in ({"q": query}, {"q": query, "kind": "posts", "page": "2"}):
        response = client.get("/search/", params)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode()


def test_operators_and_quotes_are_read_as_words(client, discussions):
    assert group_titles(search(client, q='"ferritin" & low'), "threads") == ["Ferritin came back low"]
    assert group_titles(search(client, q="ferritin:*"), "threads") == ["Ferritin came back low"]


def test_an_empty_or_too_long_search_is_explained_next_to_the_box_and_keeps_the_text(client, db):
    from tests.html import error_next_to

    for query in ("", "   ", "!!! ...", "?"):
        page = search(client, q=query)
        assert "Type a word to search for" in error_next_to(page, "q")
    long_query = "restless legs " + "x" * 1000
    page = search(client, q=long_query)
    assert "That search is too long. Please use at most 200 characters." in error_next_to(page, "q")
    assert f'value="{long_query}"' in page
    assert "Type a word" not in search(client)  # the bare page asks nothing


def test_xss_in_a_title_or_a_post_comes_back_inert(client, forum, make_thread):
    make_thread(forum=forum, title=XSS_TITLE, body=XSS_BODY)

    for query in ("magnesium", "<script>alert(1)</script>", "script", "onerror", "svg onload"):
        page = results(search(client, q=query))
        found = [tag for tag, _attrs in tags_in(page)]
        assert not {"script", "img", "svg", "b"} & set(found), (query, found)
        assert all(not name.startswith("on") for _tag, attrs in tags_in(page) for name, _value in attrs)
        assert not re.search(r"~[se][0-9a-f]{16}~", page)  # the highlighter's markers never leak
    page = results(search(client, q="magnesium"))
    assert "Magnesium" in page
    assert "&lt;b onmouseover=&quot;alert(1)&quot;&gt;" in page  # the title, shown as the text it is
    assert "<mark>fake</mark>" not in page
    assert page.count("<mark>") == page.count("</mark>")


def test_what_is_found_follows_every_change_at_once(client, forum, make_thread, make_therapy, moderator):
    thread = make_thread(forum=forum, title="Evening plans", body="Chamomile before bed.")
    post = Post.objects.get(thread=thread, number=1)
    therapy = make_therapy(name="Cupping", summary="Suction cups on the back.")

    actions.edit_post(post=post, editor=post.author, body="Valerian before bed.")
    therapy.summary = "Glass cups that draw the skin up."
    therapy.save(update_fields=["summary"])
    Thread.objects.filter(pk=thread.pk).update(title="Evening valerian plans")  # no save(): the database keeps up
    Post.objects.bulk_create([Post(thread=thread, number=99, body="Bulk inserted lavender note.")])

    assert group_titles(search(client, q="chamomile"), "posts") == []
    assert group_titles(search(client, q="valerian"), "posts") == ["Evening valerian plans"]
    assert group_titles(search(client, q="valerian"), "threads") == ["Evening valerian plans"]
    assert group_titles(search(client, q="suction"), "therapies") == []
    assert group_titles(search(client, q="glass"), "therapies") == ["Cupping"]
    assert group_titles(search(client, q="lavender"), "posts") == ["Evening valerian plans"]


def test_results_come_grouped_with_counts_and_each_kind_pages_on_its_own(client, forum, make_thread):
    thread = make_thread(forum=forum, title="Chamomile tea", body="Chamomile tea before bed.")
    for number in range(24):
        actions.reply(author=thread.author, thread=thread, body=f"Chamomile, night {number}.")

    overview = search(client, q="chamomile")
    assert "Posts (25)" in overview and "Discussions (1)" in overview
    assert len(group_titles(overview, "posts")) == 5
    assert 'href="?q=chamomile&amp;kind=posts"' in overview

    second = search(client, q="chamomile", kind="posts", page="2")
    assert len(group_titles(second, "posts")) == 5
    assert "Page 2 of 2" in second
    assert "Discussions (1)" in second  # the other kinds, with their counts
    assert group_titles(second, "threads") == []
    past_the_end = search(client, q="chamomile", kind="posts", page="9")
    assert "Page 2 of 2" in past_the_end


def test_the_header_carries_the_search_box_on_every_page(client, discussions):
    for path in ("/", "/privacy/", "/conditions/", "/community/", "/practitioners/", "/search/?q=iron"):
        assert 'action="/search/"' in client.get(path).content.decode(), path


@pytest.mark.parametrize("size", [1, 30])
def test_search_costs_the_same_number_of_queries_at_any_size(
    client, forum, make_thread, make_condition, make_therapy, make_page, make_practitioner, size, monkeypatch,
    django_assert_num_queries,
):  # fmt: skip
    # At the larger size every kind has more matches than it ranks: counting stops there, and costs the same.
    monkeypatch.setattr(site_search, "MAX_RANKED", 20)
    for number in range(size):
        condition = make_condition(name=f"Iron condition {number}", summary="Low iron.")
        therapy = make_therapy(name=f"Iron therapy {number}", summary="Iron tablets.")
        make_page(therapy=therapy, condition=condition, excerpt="Iron helps some.")
        make_practitioner(name=f"Iron Practitioner {number}", clinic_name="Iron clinic")
        thread = make_thread(forum=forum, title=f"Iron thread {number}", body="Iron and ferritin.")
        actions.reply(author=thread.author, thread=thread, body="More iron talk.")

    if connection.vendor == "postgresql":
        # Six kinds, one statement each: the page's rows, the text of their snippets and the number of matches.
        overview, one_kind = 6, 6
    else:
        # Six kinds: for each, the page of ids with the count of all matches, then those rows in full.
        # One kind: its page of ids and rows, and one COUNT for each of the five others.
        overview, one_kind = 12, 7
    with django_assert_num_queries(overview):
        page = search(client, q="iron")
    assert "Iron thread" in page
    # One kind: its page, and the number of each of the five others (one statement each on PostgreSQL).
    with django_assert_num_queries(one_kind):
        search(client, q="iron", kind="posts")


def test_snippets_leave_out_citation_keys_and_markdown_list_marks():
    from portal.search import clean_markup

    written = (
        "Treatments exist [@a2020; @winkelman2024]. Ask first [@b, p. 3].\n"
        "- Keep taking your medicines\n2. Then **rest**"
    )
    assert clean_markup(written) == "Treatments exist. Ask first. Keep taking your medicines Then rest"


@needs_postgresql
def test_discussions_are_found_by_the_same_reading_rules_as_the_forums_use(
    forum, make_thread, make_condition, make_member, moderator
):
    """The search reads the rules in SQL (community.search.readable_threads_sql); the forums in the ORM
    (Thread.objects.readable_by)."""
    from django.contrib.auth.models import AnonymousUser

    from community.search import search_posts, search_threads
    from portal.search import Terms

    make_thread(forum=forum, title="Zanzibar open", body="Zanzibar notes.")
    make_thread(forum=forum, title="Zanzibar members", body="Zanzibar notes.", members_only=True)
    hidden = make_thread(forum=forum, title="Zanzibar hidden", body="Zanzibar notes.")
    Thread.objects.filter(pk=hidden.pk).update(status=Visibility.HIDDEN)
    draft_forum = Forum.objects.get(condition=make_condition(name="Zanzibar fever", status=Status.DRAFT))
    make_thread(forum=draft_forum, title="Zanzibar unlisted", body="Zanzibar notes.")
    open_thread = Thread.objects.get(title="Zanzibar open")
    post = actions.reply(author=open_thread.author, thread=open_thread, body="Zanzibar, hidden reply.")
    actions.hide_post(post=post, moderator=moderator, reason="Off-topic")
    terms = Terms.parse("zanzibar")

    for user in (AnonymousUser(), make_member()):
        readable = Thread.objects.readable_by(user).filter(title__startswith="Zanzibar")
        posts = Post.objects.readable_by(user).filter(body__startswith="Zanzibar")
        found_threads = search_threads(terms, user=user, offset=0, limit=20)
        found_posts = search_posts(terms, user=user, offset=0, limit=20)
        assert sorted(hit.title for hit in found_threads.hits) == sorted(readable.values_list("title", flat=True))
        assert sorted(hit.url for hit in found_posts.hits) == sorted(
            f"{post.thread.get_absolute_url()}#post-{post.number}" for post in posts
        )
        assert (found_threads.total, found_posts.total) == (readable.count(), posts.count())


@needs_postgresql
def test_a_word_left_out_with_a_dash_leaves_out_pages_named_with_it(client, make_therapy, make_condition, make_page):
    cupping, insomnia = make_therapy(name="Cupping"), make_condition(name="Insomnia")
    make_page(therapy=cupping, condition=insomnia, excerpt="An evening ritual.")

    assert group_titles(search(client, q="evening ritual"), "therapy-conditions") == ["Cupping for Insomnia"]
    assert group_titles(search(client, q="evening ritual -cupping"), "therapy-conditions") == []
    assert group_titles(search(client, q="insomnia ritual"), "therapy-conditions") == ["Cupping for Insomnia"]


@needs_postgresql
def test_snippets_mark_the_forms_of_a_word_that_full_text_search_found(client, forum, make_thread):
    make_thread(forum=forum, title="Evening plans", body="Gentle stretching before bed, and a long bath.")

    page = results(search(client, q="the stretches"))

    assert "Gentle <mark>stretching</mark> before bed" in page
    assert "<mark>the</mark>" not in page.lower()  # a stop word full-text search leaves out


def test_a_snippet_of_a_long_text_is_the_stretch_around_the_first_word_found():
    from portal.search import highlight_words

    text = "Opening words. " * 300 + "Then **valerian** <b>tea</b> helped my legs, allegedly." + " Closing words." * 300

    html = highlight_words(text, ["valerian", "leg"])

    assert html.startswith("… ") and html.endswith(" …")
    assert "Then <mark>valerian</mark> &lt;b&gt;tea&lt;/b&gt; helped my <mark>legs</mark>, allegedly." in html
    assert len(html) < 300
