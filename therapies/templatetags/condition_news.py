"""The member's own follows of a condition's news, for their profile page (`{% load condition_news %}`)."""

from django import template

from therapies.news.models import ConditionFollow

register = template.Library()


@register.inclusion_tag("therapies/news/profile_follows.html", takes_context=True)
def condition_follows(context) -> dict:
    """The conditions whose news the signed-in member follows, each with a button to stop it."""
    user = context["request"].user
    follows = list(ConditionFollow.objects.of_member(user)) if user.is_authenticated else []
    return {"follows": follows}
