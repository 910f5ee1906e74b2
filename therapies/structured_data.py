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
    # A demo page's reviewer is fictional (portal/demo.py): no search engine is told of them.
    if item.reviewer_name and not item.demo:
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


def practitioner_page(request: HttpRequest, listing, therapies: list, conditions: list) -> dict:
    """A person with their credential, or a clinic with its services (schema.org Person / MedicalClinic)."""
    address = {
        "@type": "PostalAddress",
        "streetAddress": listing.street,
        "addressLocality": listing.city,
        "addressRegion": listing.region,
        "postalCode": listing.postcode,
        "addressCountry": listing.country,
    }
    address = {key: value for key, value in address.items() if value}
    data: dict = {
        "@context": "https://schema.org",
        "name": listing.name,
        "url": _url(request, listing.get_absolute_url()),
    }
    if listing.kind == listing.Kind.CLINIC:
        data["@type"] = "MedicalClinic"
        data["address"] = address
        data["isAcceptingNewPatients"] = listing.accepting_new_patients
        data["availableService"] = [_therapy(request, therapy) for therapy in therapies]
        if listing.has_location:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": listing.latitude, "longitude": listing.longitude}
        if listing.phone:
            data["telephone"] = listing.phone
    else:
        data["@type"] = "Person"
        if listing.credentials or listing.licence_number:
            credential = {"@type": "EducationalOccupationalCredential", "credentialCategory": "licence"}
            if listing.credentials:
                credential["name"] = listing.credentials
            if listing.licensing_body:
                credential["recognizedBy"] = {"@type": "Organization", "name": listing.licensing_body}
            data["hasCredential"] = credential
        work = {"@type": "MedicalClinic", "address": address, "isAcceptingNewPatients": listing.accepting_new_patients}
        if listing.clinic_name:
            work["name"] = listing.clinic_name
        if therapies:
            work["availableService"] = [_therapy(request, therapy) for therapy in therapies]
        data["workLocation"] = work
        if listing.phone:
            data["telephone"] = listing.phone
    if conditions:
        data["knowsAbout"] = [{"@type": "MedicalCondition", "name": condition.name} for condition in conditions]
    return data
