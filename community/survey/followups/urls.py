"""The member's follow-ups; included by `community.survey.urls`, so their names are `community:survey_follow_up…`."""

from django.urls import path

from community.survey.followups import views

urlpatterns = [
    path("survey/follow-ups/", views.follow_ups, name="survey_follow_ups"),
    path("survey/follow-ups/stop/", views.stop, name="survey_follow_ups_stop"),
    path("survey/follow-ups/link/<str:token>/", views.follow_up_link, name="survey_follow_up_link"),
    path("survey/follow-ups/<int:follow_up_id>/", views.follow_up, name="survey_follow_up"),
]
