"""The roster (people.yaml): who may draft, review and publish, and their public keys."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

ROLES = ("author", "clinician", "publisher")


@dataclass(frozen=True)
class PreviousKey:
    """A key a person signed with before: records signed with it count only if dated
    before `until` (when it was replaced, or from when the governors revoked it)."""

    public_key: str
    until: dt.datetime
    reason: str = ""


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    roles: tuple[str, ...]
    credentials: str = ""
    email: str | None = None
    public_key: str | None = None  # "ed25519:<base64>"
    demo: bool = False
    previous_keys: tuple[PreviousKey, ...] = ()
    # The languages a clinician reviews in; a sign-off in another one does not count.
    # Empty: not said (every language counts, and validation asks the governors to say).
    languages: tuple[str, ...] = ()

    def keys_at(self, moment: dt.datetime) -> list[str]:
        """The public keys a record dated `moment` may be signed with: the current key, and
        each earlier key still valid then (records carry whole seconds, so a record dated
        the second a key was replaced was signed with it)."""
        keys = [self.public_key] if self.public_key else []
        return keys + [k.public_key for k in self.previous_keys if moment <= k.until]

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def git_email(self) -> str:
        return self.email or f"{self.id}@people.invalid"

    @property
    def display(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


@dataclass(frozen=True)
class Roster:
    people: tuple[Person, ...] = ()

    @classmethod
    def from_data(cls, data: Any) -> Roster:
        people = []
        for item in items_of(data, "people"):
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                people.append(
                    Person(
                        id=item["id"],
                        name=item["name"],
                        roles=tuple(item.get("roles") or ()),
                        credentials=item.get("credentials", ""),
                        email=item.get("email"),
                        public_key=item.get("public_key"),
                        demo=bool(item.get("demo", False)),
                        previous_keys=_previous_keys(item.get("previous_keys")),
                        languages=tuple(item.get("languages") or ()),
                    )
                )
        return cls(tuple(people))

    @cached_property
    def _by_id(self) -> dict[str, Person]:
        """People by id, built once (a release looks thousands up); the first of a repeated
        id wins, as a scan from the top would."""
        by_id: dict[str, Person] = {}
        for person in self.people:
            by_id.setdefault(person.id, person)
        return by_id

    def get(self, person_id: str) -> Person | None:
        try:
            return self._by_id.get(person_id)
        except TypeError:  # not an id at all (a malformed reference)
            return None

    def with_role(self, role: str) -> list[Person]:
        return [p for p in self.people if p.has_role(role)]

    def __iter__(self):
        return iter(self.people)


def items_of(data: Any, key: str) -> list:
    """The list under `key`, or nothing if the file is too broken to have one."""
    items = data.get(key) if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _previous_keys(items) -> tuple[PreviousKey, ...]:
    found = []
    for item in items if isinstance(items, list) else ():
        with contextlib.suppress(KeyError, TypeError, AttributeError, ValueError):
            until = dt.datetime.fromisoformat(str(item["until"]).replace("Z", "+00:00"))
            found.append(PreviousKey(str(item["public_key"]), until, str(item.get("reason", ""))))
    return tuple(found)
