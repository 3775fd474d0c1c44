"""Fail safe: what a bot or site may still show when it has no current release.

A release stops being current when it expires (and no notice naming it renews it), when its key is revoked, or when it no
longer verifies; before the first pull there is none. Answers are then not served at all:
stale advice is worse than none. But the emergency numbers and the ways to reach a person
(the library's hotlines) from the last release that verified are still offered, marked as
coming from a release that is no longer current, so nobody in need is left with nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from answer_kit.config import DEFAULT, Limits
from answer_kit.errors import Refused
from answer_kit.installed import PullFolder
from answer_kit.pulling import current, stored_notice, verify_installed
from answer_kit.verify import Keys, VerifiedBundle, VerifiedNotice, now_utc

REACH_A_PERSON_KINDS = ("hotline",)


@dataclass(frozen=True)
class Fallback:
    """Emergency numbers and ways to reach a person, from the last release that verified
    (`from_version`; None if no release here ever verified, and then both are empty)."""

    reason: str  # why there is no current release, in one line
    from_version: str | None
    emergency: tuple[dict, ...] = ()
    reach_a_person: tuple[dict, ...] = ()

    def lines(self, locale: str) -> list[str]:
        """The contacts as plain lines in `locale` (the library's own words and numbers)."""
        return [_line(service, locale) for service in (*self.emergency, *self.reach_a_person)]


@dataclass(frozen=True)
class Serving:
    """What a bot or site in folder `to` may serve now."""

    release: VerifiedBundle | None  # the current release: serve its answers
    fallback: Fallback | None  # set exactly when there is no current release
    notice: VerifiedNotice | None = None  # the last freshness notice that verified

    @property
    def current(self) -> bool:
        return self.release is not None


def _localised(value, locale: str, default: str) -> str:
    if isinstance(value, dict):
        return value.get(locale) or value.get(default) or next(iter(value.values()), "")
    return value or ""


def _line(service: dict, locale: str) -> str:
    name = _localised(service.get("name"), locale, "en")
    hours = _localised(service.get("hours"), locale, "en")
    return f"{name}: {service['contact']}" + (f" ({hours})" if hours else "")


def fallback_of(bundle: VerifiedBundle | None, reason: str) -> Fallback:
    """The contacts a verified (perhaps expired) release offers, with `reason`."""
    if bundle is None:
        return Fallback(reason, None)
    people = tuple(s for s in bundle.data["directory"] if s.get("kind") in REACH_A_PERSON_KINDS)
    return Fallback(reason, bundle.version, tuple(bundle.data["emergency"]), people)


def _last_verified(folder: PullFolder, keys: Keys) -> VerifiedBundle | None:
    """The newest release here that verifies, expired or not: current, else previous."""
    for link in ("current", "previous"):
        try:
            files = folder.release_files(link)
            if files is not None:
                return verify_installed(folder, files, keys, None)
        except Refused:
            continue
    return None


def serving(
    to: Path | str, keys: Keys, *, now: dt.datetime | None = None, limits: Limits = DEFAULT
) -> Serving:
    """The release to serve from `to` at `now`, or the fallback and why there is none."""
    moment = now_utc(now)
    folder = PullFolder(to, limits)
    try:
        notice = stored_notice(folder, keys)
    except Refused:
        notice = None
    try:
        release = current(folder.root, keys, limits=limits)
    except Refused as exc:
        return Serving(None, fallback_of(_last_verified(folder, keys), str(exc)), notice)
    if release is None:
        return Serving(None, fallback_of(None, f"no release has been pulled into {to} yet"))
    if moment >= release.current_until:
        until = f"{release.current_until:%Y-%m-%dT%H:%M:%SZ}"
        reason = f"release {release.version} expired at {until}"
        return Serving(None, fallback_of(release, reason), notice)
    return Serving(replace(release, as_of=moment), None, notice)
