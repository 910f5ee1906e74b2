"""The demo content of the knowledge base as plain data, written for Remedy Commons.

Markdown fields cite `references.csv` (a copy of the project's checked reference
list) as `[@key]`. `therapies.demo_data.seed` loads all of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import dedent


def md(text: str) -> str:
    """Markdown written indented inside the data modules, without the indent."""
    return dedent(text).strip()


@dataclass(frozen=True)
class Reviewer:
    """A fictional reviewer (the pages say so). `practises`: the therapies (slugs) they are paid to give, on whose
    pages `competing_interests` is shown beside their name."""

    name: str
    credential: str
    practises: tuple[str, ...] = ()
    competing_interests: str = ""


REVIEWERS = {
    "lindqvist": Reviewer("Dr. Anna Lindqvist", "MD, neurologist"),
    "okafor": Reviewer("Dr. Samuel Okafor", "MD, sleep medicine physician"),
    "cole": Reviewer(
        "Dr. Hannah Cole",
        "PhD, clinical psychologist (behavioural sleep medicine)",
        practises=("cbt-i",),
        competing_interests="delivers CBT-I to paying clients as a clinical psychologist",
    ),
    "bianchi": Reviewer("Dr. Laura Bianchi", "MD, rheumatologist"),
    "lin": Reviewer(
        "Dr. Mei-Hua Lin",
        "PhD, licensed acupuncturist",
        practises=("acupuncture", "acupressure", "electroacupuncture"),
        competing_interests="licensed acupuncturist who treats paying patients with acupuncture and acupressure",
    ),
    "herrera": Reviewer(
        "Dr. Tomás Herrera",
        "PT, DPT, physiotherapist",
        practises=("exercise", "yoga-and-stretching", "massage"),
        competing_interests="physiotherapist who treats paying patients with exercise, stretching and massage",
    ),
    "raman": Reviewer("Dr. Priya Raman", "PharmD, clinical pharmacist"),
    "weber": Reviewer("Dr. Jonas Weber", "MD, neurologist (headache medicine)"),
}
