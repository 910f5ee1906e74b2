from django.urls import path

from therapies import views

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
    path(
        "therapies/<slug:therapy_slug>/<slug:condition_slug>/vote/",
        views.vote_therapy_condition,
        name="vote_therapy_condition",
    ),
]
