from django.contrib import admin

from .models import Activity, Assessment


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "assessment_date", "age", "updated_at"]
    readonly_fields = ["token", "created_at", "updated_at", "version"]
    inlines = [ActivityInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["id", "assessment", "position", "need", "description", "kind"]
    list_filter = ["need", "kind", "time_type"]
