"""Applicants rate how their dossier was handled, once, after the result is returned.

The public page is reached from a successful lookup: the lookup hands out a signed, short-lived token naming
the dossier, carried in the POST body (never in a URL that gets logged), so the rating form needs neither
the dossier code nor the applicant's secret again.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.core import signing
from django.db import IntegrityError, transaction

from workflows.models import Dossier, DossierStatus, Rating

CRITERIA_FILE = Path(__file__).resolve().parent.parent / "data" / "rating_criteria.json"
TOKEN_SALT = "workflows.rating"  # noqa: S105 (a signing namespace, not a secret)
TOKEN_MAX_AGE = 30 * 60


class RatingError(ValueError):
    """The rating cannot be stored; the message is Vietnamese."""


@cache
def criteria() -> dict:
    return json.loads(CRITERIA_FILE.read_text(encoding="utf-8"))


def token_for(code: str) -> str | None:
    """A token for the rating form, when the dossier's result is returned and it has not been rated."""
    dossier = Dossier.objects.filter(code=code, status=DossierStatus.RETURNED, rating__isnull=True).first()
    if dossier is None:
        return None
    return signing.dumps({"dossier": dossier.pk}, salt=TOKEN_SALT)


def dossier_for(token: str) -> Dossier:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise RatingError("Phiên đánh giá đã hết hạn. Vui lòng tra cứu lại hồ sơ.") from None
    except signing.BadSignature:
        raise RatingError("Không xác định được hồ sơ cần đánh giá. Vui lòng tra cứu lại.") from None
    dossier = Dossier.objects.filter(pk=data.get("dossier")).first()
    if dossier is None or dossier.status != DossierStatus.RETURNED:
        raise RatingError("Hồ sơ chưa trả kết quả nên chưa đánh giá được.")
    return dossier


def rate(dossier: Dossier, answers: dict[str, str], comment: str = "") -> Rating:
    """Store the rating; every criterion needs one of its levels; a dossier is rated once."""
    data = criteria()
    score, maximum, chosen = 0, 0, {}
    for criterion in data["criteria"]:
        levels = {level["key"]: level["points"] for level in criterion["levels"]}
        answer = answers.get(criterion["key"])
        if answer not in levels:
            raise RatingError(f"Vui lòng chọn một mức cho tiêu chí: {criterion['title']}.")
        chosen[criterion["key"]] = answer
        score += levels[answer]
        maximum += max(levels.values())
    try:
        with transaction.atomic():
            return Rating.objects.create(
                dossier=dossier,
                criteria_version=data["version"],
                answers=chosen,
                score=score,
                max_score=maximum,
                comment=(comment or "").strip()[:2000],
            )
    except IntegrityError:
        raise RatingError("Hồ sơ này đã được đánh giá. Cảm ơn ông/bà.") from None
