"""The Django admin, mounted only with DJANGO_ADMIN_ENABLED=1 (behovsraknare.urls).

A draft's token is the key to its health data, so the admin never shows it, offers no search,
refuses any filter on it in the URL (Django allows lookups on any local field by default), and
has no "view on site" link (the draft's URL is its token). The login is rate limited.
"""

from django.contrib import admin

from .models import Activity, Assessment
from .ratelimit import rate_limited


class NoTokenLookups:
    def lookup_allowed(self, lookup, value, request=None):
        if "token" in lookup.split("__"):
            return False
        return super().lookup_allowed(lookup, value, request)


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(NoTokenLookups, admin.ModelAdmin):
    list_display = ["id", "title", "assessment_date", "age", "updated_at"]
    exclude = ["token"]
    readonly_fields = ["created_at", "updated_at", "version"]
    view_on_site = False
    inlines = [ActivityInline]


@admin.register(Activity)
class ActivityAdmin(NoTokenLookups, admin.ModelAdmin):
    list_display = ["id", "assessment", "position", "need", "description", "kind"]
    list_filter = ["need", "kind", "time_type"]
    view_on_site = False


# Each login attempt counts, per client (settings.RATE_LIMITS["admin_login"]).
admin.site.login = rate_limited("admin_login", methods={"POST"})(admin.site.login)
