"""Reviews coming up: approved answers whose next review date is near.

An answer leaves bots on its own next review date (the earliest counted sign-off plus the
library's review interval). So that clinicians can review it before then, an approved or
published answer whose date is within one of the library's `review_due_soon_days` windows
(30 and 60 days by default) is "due soon". Answers already past their date are "review due"
(status.py), never due soon.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from authoring_app.library.answer import AnswerKey
from authoring_app.library.info import DEFAULT_DUE_SOON_DAYS
from authoring_app.review.status import AnswerStatus, Status


@dataclass(frozen=True)
class DueSoon:
    """One answer whose review comes within `within` days (the smallest window it is in)."""

    key: AnswerKey
    review_due: dt.date
    days_left: int  # 0: due today
    within: int


def due_soon_window(
    status: str, review_due: dt.date | None, today: dt.date, windows: Sequence[int]
) -> int | None:
    """The smallest of `windows` (days) within which an approved or published answer's review
    comes; None if it is not due soon (no date, already due, or further off)."""
    if review_due is None or status not in (Status.APPROVED, Status.PUBLISHED):
        return None
    days_left = (review_due - today).days
    if days_left < 0:
        return None
    return next((days for days in sorted(windows) if days_left <= days), None)


def due_soon(
    statuses: Mapping[AnswerKey, AnswerStatus] | Iterable[AnswerStatus],
    *,
    today: dt.date | None = None,
    windows: Sequence[int] = DEFAULT_DUE_SOON_DAYS,
) -> list[DueSoon]:
    """Every approved or published answer due for review soon, soonest first."""
    values = statuses.values() if isinstance(statuses, Mapping) else statuses
    return coming_up(
        ((s.key, s.review_due) for s in values if s.status in (Status.APPROVED, Status.PUBLISHED)),
        today=today,
        windows=windows,
    )


def coming_up(
    dates: Iterable[tuple[AnswerKey, dt.date | None]],
    *,
    today: dt.date | None = None,
    windows: Sequence[int] = DEFAULT_DUE_SOON_DAYS,
) -> list[DueSoon]:
    """Of answers with their next review dates (say, those a release holds), the ones due
    within the largest window, soonest first."""
    today = today or dt.datetime.now(dt.UTC).date()
    found = []
    for key, review_due in dates:
        within = due_soon_window(Status.APPROVED, review_due, today, windows)
        if within is not None and review_due is not None:
            found.append(DueSoon(key, review_due, (review_due - today).days, within))
    return sorted(found, key=lambda item: (item.review_due, str(item.key)))
