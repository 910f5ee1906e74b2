"""The diary's pages, under /survey/diary/; included by `community/survey/urls.py`."""

from django.urls import path

from community.survey.diary import views

urlpatterns = [
    path("survey/diary/", views.progress, name="diary"),
    path("survey/diary/print/", views.print_view, name="diary_print"),
    path("survey/diary.csv", views.download, name="diary_csv"),
    path("survey/diary/entries/<int:entry_id>/delete/", views.delete_entry, name="diary_delete"),
    path("survey/diary/reminder/", views.reminder, name="diary_reminder"),
    path("survey/diary/reminder/off/<str:token>/", views.reminder_off, name="diary_reminder_off"),
]
