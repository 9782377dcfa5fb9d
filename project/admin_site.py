"""The admin under Pinmark's name: INSTALLED_APPS names PinmarkAdminConfig in place of
django.contrib.admin, so `admin.site` is a PinmarkAdminSite."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PinmarkAdminSite(admin.AdminSite):
    site_header = "Pinmark administration"
    site_title = "Pinmark administration"
    index_title = "Content and people"
    site_url = "/"


class PinmarkAdminConfig(AdminConfig):
    default_site = "project.admin_site.PinmarkAdminSite"
