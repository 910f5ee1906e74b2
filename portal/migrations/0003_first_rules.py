"""Version 1 of the community rules, written for Remedy Commons."""

from django.db import migrations
from django.utils import timezone

RULES_V1 = """\
Remedy Commons is a place to share what living with a chronic condition is
like and what you have tried. These rules keep it kind, useful and safe.

## 1. Be kind

Everyone here is tired of being unwell. Disagree with ideas, never with
people. No insults, mockery, harassment or pile-ons.

## 2. Share experience, not prescriptions

Tell others what happened to *you*. Do not tell anyone to stop, start or
change a medicine, and do not present a remedy as a cure. Questions about
dosing belong with a clinician who knows the person.

## 3. Be honest about evidence

When you say something works, say whether it is your experience or a study,
and link the study if you can. Our therapy pages show what the research says
and how sure we are.

## 4. Protect privacy — yours and others'

Use your display name, not your real name. Do not post e-mail addresses,
phone numbers, addresses or anything that identifies someone else. Do not
repost private messages.

## 5. No selling

No advertising, affiliate links, or promotion of a product, clinic or
practitioner you have a stake in. Practitioners may list themselves in the
directory, which editors check.

## 6. If you are in crisis

If you might hurt yourself, please contact emergency services or a crisis
line now — see *Need support now?* at the bottom of every page. Members and
moderators care, but they cannot give emergency help.

## 7. Moderation

Moderators may hold, hide or remove posts that break these rules, and may
suspend accounts. Every action is recorded with a reason, and you will see
the reason on your post. Report a post rather than replying to it in anger.
"""


# RULES_V1 as the site's Markdown renderer and allow-list gave it when this version took effect (historical models
# have no custom save(), and a migration must not call today's renderer: tests/portal/test_rules.py compares).
RULES_V1_HTML = (
    "<p>Remedy Commons is a place to share what living with a chronic condition is\n"
    "like and what you have tried. These rules keep it kind, useful and safe.</p>\n"
    "<h2>1. Be kind</h2>\n"
    "<p>Everyone here is tired of being unwell. Disagree with ideas, never with\n"
    "people. No insults, mockery, harassment or pile-ons.</p>\n"
    "<h2>2. Share experience, not prescriptions</h2>\n"
    "<p>Tell others what happened to <em>you</em>. Do not tell anyone to stop, start or\n"
    "change a medicine, and do not present a remedy as a cure. Questions about\n"
    "dosing belong with a clinician who knows the person.</p>\n"
    "<h2>3. Be honest about evidence</h2>\n"
    "<p>When you say something works, say whether it is your experience or a study,\n"
    "and link the study if you can. Our therapy pages show what the research says\n"
    "and how sure we are.</p>\n"
    "<h2>4. Protect privacy — yours and others'</h2>\n"
    "<p>Use your display name, not your real name. Do not post e-mail addresses,\n"
    "phone numbers, addresses or anything that identifies someone else. Do not\n"
    "repost private messages.</p>\n"
    "<h2>5. No selling</h2>\n"
    "<p>No advertising, affiliate links, or promotion of a product, clinic or\n"
    "practitioner you have a stake in. Practitioners may list themselves in the\n"
    "directory, which editors check.</p>\n"
    "<h2>6. If you are in crisis</h2>\n"
    "<p>If you might hurt yourself, please contact emergency services or a crisis\n"
    "line now — see <em>Need support now?</em> at the bottom of every page. Members and\n"
    "moderators care, but they cannot give emergency help.</p>\n"
    "<h2>7. Moderation</h2>\n"
    "<p>Moderators may hold, hide or remove posts that break these rules, and may\n"
    "suspend accounts. Every action is recorded with a reason, and you will see\n"
    "the reason on your post. Report a post rather than replying to it in anger.</p>"
)


def create_first_rules(apps, schema_editor):
    RulesVersion = apps.get_model("portal", "RulesVersion")
    if RulesVersion.objects.exists():
        return
    RulesVersion.objects.create(
        version=1,
        effective_from=timezone.now(),
        summary_of_changes="First version.",
        body=RULES_V1,
        body_html=RULES_V1_HTML,
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(create_first_rules, migrations.RunPython.noop)]
