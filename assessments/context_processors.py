from django.conf import settings


def site(request):
    return {"retention_days": settings.DRAFT_RETENTION_DAYS}
