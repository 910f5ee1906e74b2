from django.urls import include, path

from community import views

app_name = "community"

urlpatterns = [
    path("", include("community.survey.urls")),
    path("community/", views.forum_list, name="forum_list"),
    path("community/notifications/", views.notifications, name="notifications"),
    path("community/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("community/members/<int:member_id>/", views.member_detail, name="member_detail"),
    path("community/posts/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("community/posts/<int:post_id>/helpful/", views.helpful, name="helpful"),
    path("community/posts/<int:post_id>/report/", views.report, name="report_post"),
    path("community/<slug:slug>/", views.forum_detail, name="forum_detail"),
    path("community/<slug:slug>/new/", views.new_thread, name="new_thread"),
    path("community/<slug:forum_slug>/<int:thread_id>-<slug:slug>/", views.thread_detail, name="thread_detail"),
    path("community/<slug:forum_slug>/<int:thread_id>/reply/", views.reply, name="reply"),
    path("community/<slug:forum_slug>/<int:thread_id>/follow/", views.follow, name="follow"),
]
