"""What only the API tests use: the items of a page of results."""

from __future__ import annotations


def results(response) -> list:
    """The items of a page of results, after checking that the page answered 200 in JSON."""
    assert response.status_code == 200, response.content
    assert response["content-type"] == "application/json"
    return response.json()["results"]
