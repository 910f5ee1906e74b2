"""Values kept per content generation (portal/kept.py): computed once, used while current, computed afresh after a
change, and held by the process so that a value read once costs only the generation counters after that."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from portal import generations, kept
from portal.kept import kept_value, kept_values

SCOPES = [generations.DIRECTORY]


def counting(value="value"):
    calls = []

    def compute():
        calls.append(1)
        return f"{value} {len(calls)}"

    return compute, calls


def test_a_value_is_computed_once_and_kept_while_its_generations_are_current():
    compute, calls = counting()
    assert kept_value("test:one", scopes=SCOPES, compute=compute) == "value 1"
    assert kept_value("test:one", scopes=SCOPES, compute=compute) == "value 1"
    assert len(calls) == 1


def test_a_change_to_a_scope_makes_the_next_read_compute_it_afresh():
    compute, calls = counting()
    kept_value("test:one", scopes=SCOPES, compute=compute)
    generations.bump(generations.DIRECTORY)
    assert kept_value("test:one", scopes=SCOPES, compute=compute) == "value 2"
    generations.bump(generations.KNOWLEDGE)  # not a scope of this value
    assert kept_value("test:one", scopes=SCOPES, compute=compute) == "value 2"


def test_only_the_missing_values_are_computed():
    asked = []

    def compute(missing):
        asked.append(sorted(missing))
        return {key: key.upper() for key in missing}

    assert kept_values(["a", "b"], scopes=SCOPES, compute=compute) == {"a": "A", "b": "B"}
    assert kept_values(["b", "c"], scopes=SCOPES, compute=compute) == {"b": "B", "c": "C"}
    assert asked == [["a", "b"], ["c"]]


def test_a_value_held_by_the_process_is_not_fetched_again_while_current(monkeypatch):
    compute, calls = counting()
    kept_value("test:held", scopes=SCOPES, compute=compute)
    fetched = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: fetched.extend(keys) or get_many(keys))

    assert kept_value("test:held", scopes=SCOPES, compute=compute) == "value 1"
    assert fetched == generations.keys(SCOPES)  # the counters only

    generations.bump(generations.DIRECTORY)
    assert kept_value("test:held", scopes=SCOPES, compute=compute) == "value 2"


def test_the_process_holds_a_bounded_number_of_values(monkeypatch):
    monkeypatch.setattr(kept, "HELD_MOST", 3)
    kept_values([f"test:{n}" for n in range(10)], scopes=SCOPES, compute=lambda keys: dict.fromkeys(keys, 1))
    assert len(kept._held) <= 3


def test_without_keeping_every_read_computes():
    compute, calls = counting()
    with override_settings(SHARED_PAGES=False):
        kept_value("test:off", scopes=SCOPES, compute=compute)
        kept_value("test:off", scopes=SCOPES, compute=compute)
    assert len(calls) == 2


@pytest.fixture
def during_a_request():
    generations.start_request()
    yield
    generations.end_request()


def test_a_request_reads_the_counters_once_however_many_values_it_keeps(during_a_request, monkeypatch):
    compute, calls = counting()
    kept_value("test:first", scopes=SCOPES, compute=compute)
    kept_value("test:second", scopes=SCOPES, compute=compute)
    fetched = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: fetched.extend(keys) or get_many(keys))

    kept_value("test:first", scopes=SCOPES, compute=compute)
    kept_value("test:second", scopes=SCOPES, compute=compute)
    assert fetched == []  # held by the process, under counters this request has read


def test_a_change_made_during_a_request_shows_in_the_rest_of_it(during_a_request):
    compute, calls = counting()
    kept_value("test:one", scopes=SCOPES, compute=compute)
    generations.bump(generations.DIRECTORY)
    assert kept_value("test:one", scopes=SCOPES, compute=compute) == "value 2"


def test_the_next_request_reads_the_counters_afresh(monkeypatch):
    compute, calls = counting()
    generations.start_request()
    kept_value("test:one", scopes=SCOPES, compute=compute)
    generations.end_request()
    generations._bump(generations.keys(SCOPES))  # another process's change: this one's requests know nothing of it
    generations.start_request()
    assert kept_value("test:one", scopes=SCOPES, compute=compute) == "value 2"
    generations.end_request()
    # Outside a request (a task, a command) nothing is remembered between reads.
    generations._bump(generations.keys(SCOPES))
    assert kept_value("test:one", scopes=SCOPES, compute=compute) == "value 3"
