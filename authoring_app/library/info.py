"""library.yaml: the library's name, languages, topics, sign-off rules and governors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from authoring_app.library.directory import Localised, localise
from authoring_app.library.readability import DEFAULT_LIMITS, Limit, limits_from
from authoring_app.library.roster import items_of

DEFAULT_REVIEW_MONTHS = 12
MAX_REVIEW_MONTHS = 36
DEFAULT_NOTICE_DAYS = 7  # how long a freshness notice holds
MAX_NOTICE_DAYS = 90
DEFAULT_DUE_SOON_DAYS = (30, 60)  # how far ahead a review shows as due soon


@dataclass(frozen=True)
class Topic:
    id: str
    title: Localised
    red_flags_required: bool = False
    clinicians_required: int | None = None
    high_risk: bool = False  # no self sign-off here, whatever allow_self_sign_off says

    def label(self, locale: str) -> str:
        return localise(self.title, locale) or self.id


@dataclass(frozen=True)
class Governor:
    """One of the people who decide who counts (see review/governance.py)."""

    id: str
    name: str
    public_key: str
    demo: bool = False


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


# The statements every published answer carries, in each of its languages (library.yaml
# `statements`): health-information standards ask for all three.
STATEMENTS = {
    "interests": "conflicts of interest and funding",
    "report_an_error": "how a reader reports an error or gives feedback",
    "consultation": "that the information supports but does not replace a consultation",
}


def _statements(data: Any) -> dict[str, dict[str, str]]:
    data = data if isinstance(data, dict) else {}
    return {
        name: {k: v for k, v in value.items() if isinstance(v, str)}
        for name, value in data.items()
        if name in STATEMENTS and isinstance(value, dict)
    }


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
    governors: tuple[Governor, ...] = ()
    signatures_required: int = 0  # governors who must sign a change (0: no governors yet)
    # Whether the rules could be read as written (a rule of the wrong type is not silently
    # replaced by a default: the library's sign-off rules then do not hold, see review).
    rules_valid: bool = True
    channels: tuple[ReleaseChannel, ...] = ()
    notice_days: int = DEFAULT_NOTICE_DAYS
    # What every published answer carries besides its own text (STATEMENTS), by locale.
    statements: dict[str, dict[str, str]] = field(default_factory=dict)
    due_soon_days: tuple[int, ...] = DEFAULT_DUE_SOON_DAYS  # ascending
    # Per language, where a text becomes hard to read (checks.readability): (locale, limit)
    readability: tuple[tuple[str, Limit], ...] = tuple(DEFAULT_LIMITS.items())

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
                high_risk=t.get("high_risk") is True,
            )
            for t in items_of(data, "topics")
            if isinstance(t.get("id"), str) and "title" in t
        )
        locales = tuple(data.get("locales") or ("en",))
        months = data.get("review_interval_months", DEFAULT_REVIEW_MONTHS)
        governance = data.get("governance") if isinstance(data.get("governance"), dict) else {}
        governors = tuple(
            Governor(g["id"], str(g.get("name") or g["id"]), g["public_key"], g.get("demo") is True)
            for g in items_of(governance, "governors")
            if isinstance(g.get("id"), str) and isinstance(g.get("public_key"), str)
        )
        rules = [
            sign_off.get("clinicians_required", 1),
            *(t.get("clinicians_required", 1) for t in items_of(data, "topics")),
            governance.get("signatures_required", 1) if governance else 1,
        ]
        rules_valid = (
            all(_count(value, None) is not None for value in rules)
            and isinstance(months, int)
            and not isinstance(months, bool)
            and 1 <= months <= MAX_REVIEW_MONTHS
            and isinstance(sign_off.get("allow_self_sign_off", False), bool)
        )
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
            governors=governors,
            signatures_required=_count(governance.get("signatures_required"), 0) or 0,
            rules_valid=rules_valid,
            statements=_statements(data.get("statements")),
            due_soon_days=_due_soon_days(data.get("review_due_soon_days")),
            readability=tuple(limits_from(_section(data, "checks").get("readability")).items()),
            **_releases(data.get("releases")),
        )

    def missing_statements(self, locales) -> list[str]:
        """ "name (locale)" of each statement a release in `locales` would lack."""
        return [
            f"{name} ({locale})"
            for name in STATEMENTS
            for locale in locales
            if not self.statements.get(name, {}).get(locale, "").strip()
        ]

    def topic(self, topic_id: str) -> Topic | None:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        return None

    def self_sign_off_allowed(self, topic_id: str) -> bool:
        """May the last editor of an answer in this topic sign it off? Never in a topic the
        governors marked high risk."""
        topic = self.topic(topic_id)
        return self.allow_self_sign_off and not (topic is not None and topic.high_risk)

    @property
    def demonstration_only(self) -> bool:
        """A sample library governed only by demonstration governors, whose keys anyone may
        read: the one place demonstration people's records count."""
        return self.sample and bool(self.governors) and all(g.demo for g in self.governors)

    def readability_limit(self, locale: str) -> Limit:
        """Where a text in `locale` becomes hard to read."""
        return dict(self.readability).get(locale, Limit())

    def clinicians_required_for(self, topic_id: str) -> int:
        topic = self.topic(topic_id)
        if topic is not None and topic.clinicians_required:
            return topic.clinicians_required
        return self.clinicians_required


def _section(data: dict, name: str) -> dict:
    return data[name] if isinstance(data.get(name), dict) else {}


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


def _due_soon_days(value) -> tuple[int, ...]:
    """`review_due_soon_days` as ascending whole days (1 to 365); the default if unusable
    (validation reports the mistake)."""
    if not isinstance(value, list):
        return DEFAULT_DUE_SOON_DAYS
    days = sorted({v for v in value if isinstance(v, int) and not isinstance(v, bool)})
    days = [d for d in days if 1 <= d <= 365][:3]
    return tuple(days) or DEFAULT_DUE_SOON_DAYS
