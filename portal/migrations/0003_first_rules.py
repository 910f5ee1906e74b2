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


def create_first_rules(apps, schema_editor):
    RulesVersion = apps.get_model("portal", "RulesVersion")
    if RulesVersion.objects.exists():
        return
    # Historical models have no custom save(): render here with the site's allow-list.
    from portal.text import render_markdown

    RulesVersion.objects.create(
        version=1,
        effective_from=timezone.now(),
        summary_of_changes="First version.",
        body=RULES_V1,
        body_html=render_markdown(RULES_V1),
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(create_first_rules, migrations.RunPython.noop)]
