"""The one place that names every app's URLs."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from community.api import views as community_api
from community.survey.diary import api as diary_api
from community.survey.followups import api as follow_ups_api
from portal import api as portal_api
from portal import sitemaps, views
from therapies.api import views as therapies_api

# Staff log in through allauth, so two-factor and its rate limits apply to the admin too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Remedy Commons administration"
admin.site.site_title = "Remedy Commons admin"

# The REST API: every app's endpoints, under /api/v1/.
api_router = SimpleRouter()
api_router.register("conditions", therapies_api.ConditionViewSet, basename="condition")
api_router.register("therapies", therapies_api.TherapyViewSet, basename="therapy")
api_router.register("references", therapies_api.ReferenceViewSet, basename="reference")
api_router.register("practitioners", therapies_api.PractitionerViewSet, basename="practitioner")
api_router.register("forums", community_api.ForumViewSet, basename="forum")
api_router.register("threads", community_api.ThreadViewSet, basename="thread")
api_router.register("posts", community_api.PostViewSet, basename="post")
api_router.register("survey/diary", diary_api.DiaryEntryViewSet, basename="diary-entry")
api_router.register("survey/follow-ups", follow_ups_api.FollowUpViewSet, basename="survey-follow-up")
therapy_conditions = community_api.TherapyConditionWithStatisticsViewSet
survey_statistics = community_api.SurveyStatisticsViewSet
api_urlpatterns = [
    path("therapy-conditions/", therapy_conditions.as_view({"get": "list"}), name="therapy-condition-list"),
    path(
        "therapy-conditions/<slug:therapy>/<slug:condition>/",
        therapy_conditions.as_view({"get": "retrieve"}),
        name="therapy-condition-detail",
    ),
    path(
        "therapy-conditions/<slug:therapy>/<slug:condition>/vote/",
        therapy_conditions.as_view({"post": "vote"}),
        name="therapy-condition-vote",
    ),
    path("survey/statistics/", survey_statistics.as_view({"get": "list"}), name="survey-statistics-list"),
    path(
        "survey/statistics/<slug:condition>/",
        survey_statistics.as_view({"get": "retrieve"}),
        name="survey-statistics-detail",
    ),
    *api_router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", TemplateView.as_view(template_name="api/docs.html"), name="docs"),
    # Anything else under /api/v1/ answers in JSON, as the endpoints do.
    re_path(r"^.*$", portal_api.not_found_json),
]

handler500 = views.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("rules/", views.rules, name="rules"),
    path("search/", views.search, name="search"),
    path("privacy/", views.static_page, {"template": "portal/privacy.html"}, name="privacy"),
    path("terms/", views.static_page, {"template": "portal/terms.html"}, name="terms"),
    path("disclaimer/", views.static_page, {"template": "portal/disclaimer.html"}, name="disclaimer"),
    path("support/", views.static_page, {"template": "portal/support.html"}, name="support"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/profile/api-token/", views.create_api_token, name="create_api_token"),
    path("accounts/profile/api-token/revoke/", views.revoke_api_token, name="revoke_api_token"),
    path("accounts/data/", views.my_data, name="my_data"),
    path("accounts/data/export/", views.export_data, name="export_data"),
    path("accounts/data/delete/", views.delete_my_account, name="delete_account"),
    path("accounts/", include("allauth.urls")),
    path("", include("therapies.urls")),
    path("", include("therapies.news.urls")),
    path("", include("community.urls")),
    path("api/v1/", include((api_urlpatterns, "api"))),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.sections()},
        name="sitemap",
    ),
]
