"""schema.org JSON-LD for the knowledge-base pages (MedicalWebPage, MedicalCondition, MedicalTherapy)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def _url(request: HttpRequest, path: str) -> str:
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)


def _web_page(request: HttpRequest, item, *, about: dict, name: str, description: str) -> dict:
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": _url(request, item.get_absolute_url()),
        "name": name,
        "description": description,
        "about": about,
        "inLanguage": "en",
    }
    if item.reviewed_on:
        page["lastReviewed"] = item.reviewed_on.isoformat()
    if item.reviewer_name:
        page["reviewedBy"] = {"@type": "Person", "name": item.reviewer_name}
        if item.reviewer_credential:
            page["reviewedBy"]["hasCredential"] = {
                "@type": "EducationalOccupationalCredential",
                "name": item.reviewer_credential,
            }
    return page


def _therapy(request: HttpRequest, therapy) -> dict:
    return {
        "@type": "MedicalTherapy",
        "name": therapy.name,
        "url": _url(request, therapy.get_absolute_url()),
        "description": therapy.summary,
    }


def condition_page(request: HttpRequest, condition, pages) -> dict:
    about = {
        "@type": "MedicalCondition",
        "name": condition.name,
        "alternateName": condition.alias_list,
        "description": condition.summary,
        "possibleTreatment": [_therapy(request, page.therapy) for page in pages],
    }
    return _web_page(request, condition, about=about, name=condition.name, description=condition.summary)


def therapy_page(request: HttpRequest, therapy) -> dict:
    about = _therapy(request, therapy)
    return _web_page(request, therapy, about=about, name=therapy.name, description=therapy.summary)


def therapy_condition_page(request: HttpRequest, page) -> dict:
    about = _therapy(request, page.therapy)
    name = f"{page.therapy.name} for {page.condition.name}"
    return _web_page(
        request,
        page,
        about={**about, "usedToTreat": {"@type": "MedicalCondition", "name": page.condition.name}},
        name=name,
        description=page.excerpt,
    )
