"""Helpers for review tests: signing keys for the test roster, and ready-made steps."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library.answer import AnswerKey
from authoring_app.review import actions as review
from authoring_app.review import edits
from tests import people
from tests.people import KEYS

EN = AnswerKey("abscess-signs", "en")
RU = AnswerKey("abscess-signs", "ru")
OVERDOSE = AnswerKey("overdose-signs", "en")
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def give_keys(library, *people: str) -> dict[str, Ed25519PrivateKey]:
    """The signing keys of `people`: the keys the governed roster holds for them."""
    return {person_id: KEYS[person_id] for person_id in people}


def save(library, answer, person_id: str = "alex", message=None, *, now=None):
    """Save `answer` as `person_id`'s text, signed with their key, as the app does."""
    return edits.save_answer(library, answer, person_id, KEYS[person_id], message, now=now)


def govern(library, name: str, change, *, by=("gov-one", "gov-two"), now=None):
    """Change governed file `name` and have the governors `by` approve it (tests.people)."""
    return people.govern(library, name, change, by=by, now=now)


def add_overdose_answer(library) -> AnswerKey:
    """An answer in the overdose topic, which needs two clinicians."""
    answer = library.answer(EN).edited(id=OVERDOSE.id, topic="overdose", title="Overdose signs")
    save(library, answer)
    return OVERDOSE


def approve(library, key, keys, *, now=None) -> None:
    """Submit `key` and sign it off by every clinician in `keys`."""
    review.submit(library, key, "alex", KEYS["alex"], now=now)
    for person_id, private_key in keys.items():
        review.sign_off(library, key, person_id, private_key, now=now)


def review_lines(library, key) -> list[dict]:
    path = Path(library.path) / "reviews" / f"{key.id}.{key.locale}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def write_lines(library, key, records: list[dict]) -> None:
    path = Path(library.path) / "reviews" / f"{key.id}.{key.locale}.jsonl"
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text(text, "utf-8")
