"""The directory (directory.yaml): services and emergency numbers that answers refer to by id."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from authoring_app.library.text import find_refs

if TYPE_CHECKING:
    from authoring_app.library.answer import Answer

from authoring_app.library.roster import items_of

Localised = dict[str, str]


def localise(value: Localised | str | None, locale: str, fallback: str = "en") -> str:
    """Pick the text for `locale` from a {ru: ..., en: ...} value (or a plain string)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(locale) or value.get(fallback) or next(iter(value.values()), "")


@dataclass(frozen=True)
class Service:
    id: str
    kind: str
    name: Localised
    contact: str
    hours: Localised = field(default_factory=dict)
    address: Localised = field(default_factory=dict)
    url: str | None = None
    example: bool = False
    link: str | None = None  # a t.me or https address a chat button can open
    opening_hours: dict | None = None  # {time_zone, weekly: [{days, opens, closes}]}

    def label(self, locale: str) -> str:
        """How an answer's text names this service, where it says {{ref:ID}}.

        An emergency number is said as people say it ("call 103"); a service by its name and
        contact, "Name (contact)".
        """
        if self.kind == "emergency":
            return self.contact
        return f"{localise(self.name, locale)} ({self.contact})"

    def to_json(self, text: Callable[[Localised], Any]) -> dict:
        """The service as JSON; `text` turns a {ru: ..., en: ...} value into what to write
        (one language's text, or several)."""
        data = {"id": self.id, "kind": self.kind, "name": text(self.name), "contact": self.contact}
        for key in ("hours", "address"):
            value = text(getattr(self, key))
            if value:
                data[key] = value
        if self.url:
            data["url"] = self.url
        if self.link:
            data["link"] = self.link
        if self.opening_hours:
            data["opening_hours"] = self.opening_hours
        if self.example:
            data["example"] = True
        return data


def _localised(value: Any) -> Localised:
    if value is None:
        return {}
    return {"*": value} if isinstance(value, str) else dict(value)


def _opening_hours(value: Any) -> dict | None:
    """Opening hours as plain data (schema-checked elsewhere), times always as "HH:MM" text:
    YAML reads an unquoted 10:00 as a number of minutes in some dialects."""
    if not isinstance(value, dict):
        return None
    weekly = []
    for item in value.get("weekly") or ():
        if isinstance(item, dict):
            weekly.append(
                {
                    "days": [str(day) for day in item.get("days") or ()],
                    "opens": str(item.get("opens", "")),
                    "closes": str(item.get("closes", "")),
                }
            )
    return {"time_zone": str(value.get("time_zone", "")), "weekly": weekly}


@dataclass(frozen=True)
class Directory:
    services: tuple[Service, ...] = ()

    @classmethod
    def from_data(cls, data: Any) -> Directory:
        services = []
        for item in items_of(data, "services"):
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                services.append(
                    Service(
                        id=item["id"],
                        kind=item["kind"],
                        name=_localised(item["name"]),
                        contact=str(item["contact"]),
                        hours=_localised(item.get("hours")),
                        address=_localised(item.get("address")),
                        url=item.get("url"),
                        example=bool(item.get("example", False)),
                        link=item.get("link"),
                        opening_hours=_opening_hours(item.get("opening_hours")),
                    )
                )
        return cls(tuple(services))

    @cached_property
    def _by_id(self) -> dict[str, Service]:
        """Services by id, built once: answers look entries up thousands of times per
        release. With a repeated id the first entry wins, as a scan from the top would."""
        by_id: dict[str, Service] = {}
        for service in self.services:
            by_id.setdefault(service.id, service)
        return by_id

    def get(self, service_id: str) -> Service | None:
        try:
            return self._by_id.get(service_id)
        except TypeError:  # not an id at all (a malformed reference)
            return None

    def ids(self) -> set[str]:
        return {s.id for s in self.services}

    def __iter__(self):
        return iter(self.services)


def referenced_ids(answer: Answer) -> list[str]:
    """The directory ids an answer names: refer_to first, then {{ref:ID}} in its text."""
    ids = list(answer.refer_to)
    for text in (answer.summary, *answer.red_flags, answer.body):
        ids += find_refs(text)
    return list(dict.fromkeys(ids))


def shown_services(answer: Answer, directory: Directory) -> list[dict]:
    """Every directory entry the answer shows, in its language, as its part of a bundle lists
    them (an id the directory lacks as {"id": ..., "missing": true}): what a clinician's
    sign-off covers besides the text."""
    shown = []
    for ref in referenced_ids(answer):
        service = directory.get(ref)
        if service is None:
            shown.append({"id": ref, "missing": True})
        else:
            shown.append(service.to_json(lambda value: localise(value, answer.locale)))
    return shown


def services_digest(shown: list[dict]) -> str:
    """sha256: of the canonical JSON (keys sorted, compact, UTF-8) of `shown_services`; a
    consumer works it out again from the bundle's `services` of the answer."""
    text = json.dumps(shown, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
