"""What a release says about trust: the governed roster, rules and directory its sign-offs
rest on, with the governors' signatures that make them count, so a consumer can check every
answer's clinical sign-off itself (see docs/bundle-format.md); and, for the publisher, what
changed in trust since the last release."""

from __future__ import annotations

from collections.abc import Mapping

from authoring_app.review.governance import GOVERNED_FILES, Governed

WHAT = {"library.yaml": "library", "people.yaml": "roster", "directory.yaml": "directory"}


def trust_section(trusted: Governed) -> dict:
    """The bundle's `trust`: the governors, how many must sign, and for each governed file its
    data and the signed records that made that data count."""
    return {
        "governors": [
            {"id": g.id, "name": g.name, "public_key": g.public_key} for g in trusted.governors
        ],
        "signatures_required": trusted.required,
        **{
            WHAT[name]: {
                "data": trusted.data[name],
                "approvals": [record.to_json() for record in trusted.approvals[name]],
            }
            for name in GOVERNED_FILES
        },
    }


def trust_changes(old: Mapping | None, new: Mapping) -> list[str]:
    """What changed in trust between two releases' `trust`, in words a publisher checks:
    governors, people and their roles and keys, rules, and directory entries."""
    if not old:
        return ["first release with governed trust: every person, key, rule and number is new"]
    changes = []
    if _governors(old) != _governors(new) or old.get("signatures_required") != new.get(
        "signatures_required"
    ):
        changes.append(
            f"governors: now {', '.join(sorted(_governors(new)))} "
            f"({new.get('signatures_required')} must sign)"
        )
    changes += _by_id("person", _people(old), _people(new))
    old_rules, new_rules = _rules(old), _rules(new)
    if old_rules != new_rules:
        changes.append("sign-off rules changed (library.yaml): clinicians, self sign-off or review")
    changes += _by_id("directory entry", _services(old), _services(new))
    return changes


def _governors(trust: Mapping) -> dict:
    return {g.get("id"): g.get("public_key") for g in trust.get("governors", ())}


def _data(trust: Mapping, what: str) -> Mapping:
    section = trust.get(what)
    data = section.get("data") if isinstance(section, Mapping) else None
    return data if isinstance(data, Mapping) else {}


def _people(trust: Mapping) -> dict:
    return {
        p.get("id"): p for p in _data(trust, "roster").get("people", ()) if isinstance(p, Mapping)
    }


def _services(trust: Mapping) -> dict:
    items = _data(trust, "directory").get("services", ())
    return {s.get("id"): s for s in items if isinstance(s, Mapping)}


def _rules(trust: Mapping) -> tuple:
    data = _data(trust, "library")
    topics = [
        (t.get("id"), t.get("clinicians_required"), t.get("high_risk"))
        for t in data.get("topics", ())
        if isinstance(t, Mapping)
    ]
    return (data.get("sign_off"), data.get("review_interval_months"), data.get("sample"), topics)


def _by_id(what: str, old: Mapping, new: Mapping) -> list[str]:
    changes = [f"{what} added: {key}" for key in sorted(new.keys() - old.keys(), key=str)]
    changes += [f"{what} removed: {key}" for key in sorted(old.keys() - new.keys(), key=str)]
    for key in sorted(old.keys() & new.keys(), key=str):
        if old[key] != new[key]:
            fields = sorted(
                name
                for name in set(old[key]) | set(new[key])
                if old[key].get(name) != new[key].get(name)
            )
            changes.append(f"{what} changed: {key} ({', '.join(fields)})")
    return changes
