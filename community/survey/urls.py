"""The survey's pages; included by `community.urls`, so their names are `community:survey…`."""

from django.urls import include, path

from community.survey import views

urlpatterns = [
    path("survey/", views.survey_home, name="survey"),
    path("survey/take/", views.take, name="survey_take"),
    path("survey/mine/", views.mine, name="survey_mine"),
    path("survey/mine/consents/", views.change_consents, name="survey_consents"),
    path("survey/mine/delete/", views.delete_answers, name="survey_delete"),
    path("survey/results/", views.results, name="survey_results"),
    path("", include("community.survey.diary.urls")),
    path("", include("community.survey.followups.urls")),
]
