"""What is kept beside a draft and goes with it: its read-only link, its cached PDFs; and the
rate counts of costly actions. Imported by `assessments.models`, where Django finds them."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Assessment

SHARE_ID_BYTES = 9  # names a read-only link; not a secret
SHARE_SECRET_BYTES = 24  # 192 bits, compared in constant time


def _share_id() -> str:
    return secrets.token_urlsafe(SHARE_ID_BYTES)


def _share_secret() -> str:
    return secrets.token_urlsafe(SHARE_SECRET_BYTES)


class ShareLink(models.Model):
    """A read-only link to a draft, for an ombud: view, PDF and file; no edit, no delete.

    The link is `<public_id>/<secret>`: the row is found by its public id and the secret is
    then compared with `secrets.compare_digest`, so that the time an answer takes says nothing
    about how much of a guessed secret was right. Revoking deletes the row.
    """

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="share_link"
    )
    public_id = models.CharField(max_length=16, unique=True, default=_share_id, editable=False)
    secret = models.CharField(max_length=40, default=_share_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("läslänk")
        verbose_name_plural = _("läslänkar")

    def __str__(self):
        return str(_("Läslänk"))

    def get_absolute_url(self):
        return reverse("assessments:shared", args=[self.public_id, self.secret])

    @classmethod
    def find(cls, public_id: str, secret: str) -> "ShareLink | None":
        link = cls.objects.select_related("assessment").filter(public_id=public_id).first()
        # Compare even when there is no link, so that a wrong id and a wrong secret take alike.
        stored = link.secret if link else "x" * len(secret)
        if secrets.compare_digest(stored.encode(), secret.encode()) and link is not None:
            return link
        return None


class CachedPdf(models.Model):
    """A draft's printed summary kept for a re-download (assessments.pdf_cache). It holds health
    data: deleted with its draft, removed once expired, never copied into a backup."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    appendix = models.BooleanField()
    language = models.CharField(max_length=8)
    # What it was made from: a changed draft (a new version) or a new day is a miss.
    version = models.PositiveIntegerField()
    printed_on = models.DateField()
    body = models.BinaryField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "appendix", "language"], name="one_cached_pdf_per_choice"
            )
        ]

    def __str__(self):
        return f"PDF {self.printed_on} ({self.language})"


class RateCounter(models.Model):
    """One client's count of one costly action in its current window (assessments.ratelimit):
    the window ends a fixed time after its first request, however often the client retries."""

    key = models.CharField(max_length=80, primary_key=True)  # action:hash of the address
    count = models.PositiveIntegerField()
    ends = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.count} until {self.ends:%Y-%m-%d %H:%M}"
