"""The one place that names every app's URLs."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from portal import sitemaps, views

# Staff log in through allauth, so two-factor and its rate limits apply to the admin too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Remedy Commons administration"
admin.site.site_title = "Remedy Commons admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("rules/", views.rules, name="rules"),
    path("search/", views.search, name="search"),
    path("privacy/", views.static_page, {"template": "portal/privacy.html"}, name="privacy"),
    path("terms/", views.static_page, {"template": "portal/terms.html"}, name="terms"),
    path("disclaimer/", views.static_page, {"template": "portal/disclaimer.html"}, name="disclaimer"),
    path("support/", views.static_page, {"template": "portal/support.html"}, name="support"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/data/", views.my_data, name="my_data"),
    path("accounts/data/export/", views.export_data, name="export_data"),
    path("accounts/data/delete/", views.delete_my_account, name="delete_account"),
    path("accounts/", include("allauth.urls")),
    path("", include("therapies.urls")),
    path("", include("community.urls")),
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
