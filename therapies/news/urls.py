from django.urls import path

from therapies.news import views

app_name = "news"

urlpatterns = [
    path("conditions/<slug:slug>/follow/", views.follow, name="follow"),
    path("conditions/<slug:slug>/follow/confirm/<str:token>/", views.confirm, name="confirm"),
    path("conditions/<slug:slug>/follow/stop/<str:token>/", views.stop, name="stop"),
    path("conditions/<slug:slug>/unfollow/", views.unfollow, name="unfollow"),
]
