"""How an answer's status looks: a word and a colour, plus who edited it last and when review is due.

Status is derived in the core (`authoring_app.review.status`); this module only reads it. Where
that module is not available, every answer shows as a draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from authoring_app.library.answer import AnswerKey

DRAFT = "draft"
# Status values, in the order filters list them.
STATUSES = (
    "draft",
    "in review",
    "changes requested",
    "approved",
    "published",
    "review due",
    "source changed",
    "retired",
    "conflict",
)
COLOURS = {
    "draft": "#5f6b7a",
    "in review": "#1f5fbf",
    "changes requested": "#b35c00",
    "approved": "#2e7d32",
    "published": "#1b5e20",
    "review due": "#b71c1c",
    "source changed": "#b35c00",
    "retired": "#8a8a8a",
    "conflict": "#c62828",
}


def status_word(status: str) -> str:
    """The status in the interface language."""
    words = {
        "draft": QCoreApplication.translate("Status", "draft"),
        "in review": QCoreApplication.translate("Status", "in review"),
        "changes requested": QCoreApplication.translate("Status", "changes requested"),
        "approved": QCoreApplication.translate("Status", "approved"),
        "published": QCoreApplication.translate("Status", "published"),
        "review due": QCoreApplication.translate("Status", "review due"),
        "source changed": QCoreApplication.translate("Status", "recheck with original"),
        "retired": QCoreApplication.translate("Status", "retired"),
        "conflict": QCoreApplication.translate("Status", "conflict"),
        "checks stand": QCoreApplication.translate("Status", "checks stand"),
    }
    return words.get(status, status)


def status_colour(status: str) -> QColor:
    return QColor(COLOURS.get(status, COLOURS[DRAFT]))


@dataclass(frozen=True)
class StatusView:
    """What the library list shows about one answer's status."""

    status: str = DRAFT
    last_editor: str | None = None  # a roster id or a name
    review_due: dt.date | None = None
    signed_by: frozenset[str] = frozenset()  # roster ids of people who signed this text
    locale: str = ""
    # Governors' exceptions that hold: (content hash, check, governor id, reason).
    exceptions: tuple[tuple[str, str, str, str], ...] = ()
    due_within: int | None = None  # approved, review due within this many days (a window)

    def needs_review_by(self, person) -> bool:
        """Waiting for a sign-off that `person` (a roster Person) could give."""
        if person is None or not person.has_role("clinician"):
            return False
        if getattr(person, "languages", ()) and self.locale not in person.languages:
            return False
        if self.status == "source changed":
            return True  # to be signed off again against its new original
        if self.status not in ("in review", "review due"):
            return False
        return person.id not in self.signed_by and person.id != self.last_editor

    @property
    def is_review_due(self) -> bool:
        return self.status == "review due"

    @property
    def is_due_soon(self) -> bool:
        """Approved, and its review comes within one of the library's windows."""
        return self.due_within is not None


def library_statuses(library) -> dict[AnswerKey, StatusView]:
    """The status of every answer in `library` (all drafts if status is not yet derivable)."""
    try:
        from authoring_app.review.library_status import library_status
    except ImportError:
        return {a.key: StatusView() for a in library.answers()}
    try:
        from authoring_app.release.published import published_hashes

        published = published_hashes(library)
    except ImportError:
        published = {}
    from authoring_app.review.due_soon import due_soon_window

    today = dt.datetime.now(dt.UTC).date()
    windows = library.info.due_soon_days
    views = {}
    for key, found in library_status(library, published=published).items():
        status = str(getattr(found, "status", DRAFT))
        review_due = _date_or_none(getattr(found, "review_due", None))
        views[key] = StatusView(
            due_within=due_soon_window(status, review_due, today, windows),
            status=status,
            locale=key.locale,
            last_editor=_text_or_none(getattr(found, "last_editor", None)),
            review_due=review_due,
            signed_by=frozenset(_signer(s) for s in getattr(found, "sign_offs", ()) or ()),
            exceptions=tuple(
                (r.content_hash, r.check or "", r.person, r.message or "")
                for r in getattr(found, "exceptions", ()) or ()
            ),
        )
    for answer in library.answers():
        views.setdefault(answer.key, StatusView())
    return views


def _signer(sign_off) -> str:
    for name in ("signer", "signer_id", "person", "by"):
        value = getattr(sign_off, name, None)
        if value:
            return str(getattr(value, "id", value))
    return ""


def _text_or_none(value) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "id", value))


def _date_or_none(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
