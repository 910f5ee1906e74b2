from django.urls import path

from therapies import views
from therapies.directory import views as directory_views

app_name = "therapies"

urlpatterns = [
    path("conditions/", views.condition_list, name="condition_list"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
    path("therapies/", views.therapy_list, name="therapy_list"),
    path("therapies/<slug:slug>/", views.therapy_detail, name="therapy_detail"),
    path("therapies/<slug:slug>/vote/", views.vote_therapy, name="vote_therapy"),
    path(
        "therapies/<slug:therapy_slug>/<slug:condition_slug>/",
        views.therapy_condition_detail,
        name="therapy_condition_detail",
    ),
    path("practitioners/", directory_views.practitioner_list, name="practitioner_list"),
    path("practitioners/suggest/", directory_views.suggest, name="practitioner_suggest"),
    path("practitioners/<slug:slug>/", directory_views.practitioner_detail, name="practitioner_detail"),
    path("practitioners/<slug:slug>/claim/", directory_views.claim, name="practitioner_claim"),
    path("practitioners/<slug:slug>/report/", directory_views.report, name="practitioner_report"),
    path("practitioners/<slug:slug>/edit/", directory_views.propose_edit, name="practitioner_edit"),
    path(
        "therapies/<slug:therapy_slug>/<slug:condition_slug>/vote/",
        views.vote_therapy_condition,
        name="vote_therapy_condition",
    ),
]
