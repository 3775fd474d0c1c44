"""library.yaml: the library's name, languages, topics and sign-off rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from authoring_app.library.directory import Localised, localise
from authoring_app.library.roster import items_of

DEFAULT_REVIEW_MONTHS = 12
MAX_REVIEW_MONTHS = 36
DEFAULT_NOTICE_DAYS = 7  # how long a freshness notice holds
MAX_NOTICE_DAYS = 90


@dataclass(frozen=True)
class Topic:
    id: str
    title: Localised
    red_flags_required: bool = False
    clinicians_required: int | None = None

    def label(self, locale: str) -> str:
        return localise(self.title, locale) or self.id


@dataclass(frozen=True)
class ReleaseChannel:
    """A place that holds releases only, where publishing delivers each release and notice:
    a separate git remote (`kind` "git", `where` its URL) or a folder a static HTTPS host
    serves (`kind` "folder", `where` its path on the publisher's computer). `url` is where
    bots and sites read it, if it differs from `where` (for a folder: its https:// address)."""

    kind: str
    where: str
    url: str | None = None

    @property
    def read_from(self) -> str:
        """What a bot gives `answer-kit pull` to read this channel."""
        return self.url or self.where


@dataclass(frozen=True)
class LibraryInfo:
    name: str
    organisation: str
    locales: tuple[str, ...]
    topics: tuple[Topic, ...]
    default_locale: str = "en"
    sample: bool = False
    review_interval_months: int = DEFAULT_REVIEW_MONTHS
    clinicians_required: int = 1
    allow_self_sign_off: bool = False
    emergency: tuple[str, ...] = ()
    channels: tuple[ReleaseChannel, ...] = ()
    notice_days: int = DEFAULT_NOTICE_DAYS

    @classmethod
    def from_data(cls, data: Any) -> LibraryInfo:
        data = data if isinstance(data, dict) else {}
        sign_off = data.get("sign_off") if isinstance(data.get("sign_off"), dict) else {}
        topics = tuple(
            Topic(
                id=t["id"],
                title=t["title"] if isinstance(t["title"], dict) else {"en": t["title"]},
                red_flags_required=bool(t.get("red_flags_required", False)),
                clinicians_required=_count(t.get("clinicians_required"), None),
            )
            for t in items_of(data, "topics")
            if isinstance(t.get("id"), str) and "title" in t
        )
        locales = tuple(data.get("locales") or ("en",))
        months = data.get("review_interval_months", DEFAULT_REVIEW_MONTHS)
        months = months if isinstance(months, int) else DEFAULT_REVIEW_MONTHS
        return cls(
            name=data.get("name", "Untitled library"),
            organisation=data.get("organisation", ""),
            locales=locales,
            topics=topics,
            default_locale=data.get("default_locale", locales[0]),
            sample=bool(data.get("sample", False)),
            review_interval_months=min(max(months, 1), MAX_REVIEW_MONTHS),
            clinicians_required=_count(sign_off.get("clinicians_required"), 1),
            allow_self_sign_off=bool(sign_off.get("allow_self_sign_off", False)),
            emergency=tuple(data.get("emergency") or ()),
            **_releases(data.get("releases")),
        )

    def topic(self, topic_id: str) -> Topic | None:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        return None

    def clinicians_required_for(self, topic_id: str) -> int:
        topic = self.topic(topic_id)
        if topic is not None and topic.clinicians_required:
            return topic.clinicians_required
        return self.clinicians_required


def _count(value: Any, default: int | None) -> int | None:
    """A whole number from the file, or the default where the file has something else
    (the schema check reports it)."""
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else default
    )


def _releases(data: Any) -> dict:
    """The `releases` section: where releases are delivered, how long a notice holds."""
    data = data if isinstance(data, dict) else {}
    channels = []
    for entry in data.get("channels") or ():
        if not isinstance(entry, dict):
            continue
        for kind in ("git", "folder"):
            if isinstance(entry.get(kind), str) and entry[kind].strip():
                url = entry.get("url") if isinstance(entry.get("url"), str) else None
                channels.append(ReleaseChannel(kind, entry[kind].strip(), url))
                break
    days = _count(data.get("notice_days"), DEFAULT_NOTICE_DAYS)
    return {"channels": tuple(channels), "notice_days": min(days, MAX_NOTICE_DAYS)}
