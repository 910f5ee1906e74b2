"""The one way out for e-mail: messages are rendered in the request and delivered by a background task.

Tests and local runs use the immediate task backend, so the message reaches
the configured e-mail backend at once; in production a worker sends it.
"""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task


def _serialise(message: EmailMessage) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "content_subtype": message.content_subtype,
    }


@task()
def deliver_email(message: dict) -> int:
    """Send one serialised message through EMAIL_BACKEND; the worker retries on its own schedule."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
    )
    email.content_subtype = message.get("content_subtype", "plain")
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    return email.send()


def templated_message(template: str, context: dict, *, to: str, unsubscribe_url: str | None = None) -> EmailMessage:
    """The message from `<template>_subject.txt` and `<template>_message.txt`. The subject is one line whatever the
    context holds (a header cannot break); with `unsubscribe_url`, the List-Unsubscribe headers that let a mail
    program offer a one-click stop (RFC 8058: it posts to that address)."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context)
    headers = (
        {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        if unsubscribe_url
        else {}
    )
    return EmailMessage(subject=subject, body=body, to=[to], headers=headers)


def send_later(message: EmailMessage) -> None:
    """Queue `message` for delivery instead of talking to the mail server during the request."""
    deliver_email.enqueue(_serialise(message))
