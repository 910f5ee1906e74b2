"""The daily digest command: one e-mail per member who chose the digest, with what they have not read."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from community import actions
from community.models import Notification

pytestmark = pytest.mark.django_db


def test_the_daily_digest_collects_unread_notifications_into_one_email(forum, make_thread, make_poster):
    reader = make_poster(display_name="Digest Reader", email_frequency="daily")
    thread = make_thread(forum=forum, author=reader, title="Evenings with restless legs")
    for text in ("Warm socks helped me.", "A walk after dinner helps me."):
        post = actions.reply(author=make_poster(), thread=thread, body=text)
        Notification.objects.create(user=reader, kind=Notification.Kind.REPLY, post=post, text="Someone replied")
    mail.outbox.clear()

    out = StringIO()
    call_command("send_daily_digests", "--now", stdout=out)

    assert "Daily digests sent: 1" in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reader.email]
    assert message.subject == "2 new notifications on Remedy Commons"
    assert "Warm socks helped me." in message.body and "A walk after dinner helps me." in message.body
    assert "/community/unsubscribe/" in message.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()

    call_command("send_daily_digests", "--now", stdout=StringIO())
    assert len(mail.outbox) == 1  # nothing new, nothing sent
