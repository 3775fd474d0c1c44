"""Unsaved editor text, kept on disk until it is saved, so a crash never loses an edit.

Each answer being edited has one recovery file,
`<data dir>/recovery/<library hash>/<id>.<locale>.json`, rewritten atomically a moment after
every change and removed when the answer is saved or the change is discarded.

This module is Qt-free.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from authoring_app.library import atomic, paths
from authoring_app.library.answer import Answer, AnswerKey, Source, normalise_body

FORMAT = 1


def library_hash(library_path: Path | str) -> str:
    """A short stable name for a library folder, used to keep its recovery files apart."""
    resolved = str(Path(library_path).expanduser().resolve())
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class RecoveredText:
    """Text that was being edited when the app last stopped."""

    answer: Answer
    saved_at: dt.datetime
    is_new: bool  # the answer had never been saved
    base_hash: str | None  # the content hash of the saved text the edit started from


def answer_to_json(answer: Answer) -> dict:
    """Every field of `answer`, including empty ones, so half-filled forms survive too."""
    return {
        "id": answer.id,
        "locale": answer.locale,
        "topic": answer.topic,
        "title": answer.title,
        "questions": list(answer.questions),
        "summary": answer.summary,
        "red_flags": list(answer.red_flags),
        "refer_to": list(answer.refer_to),
        "sources": [s.to_json() for s in answer.sources],
        "tags": list(answer.tags),
        "visibility": answer.visibility,
        "translation_of": answer.translation_of,
        "kind": answer.kind,
        "triggers": list(answer.triggers),
        "body": answer.body,
    }


def answer_from_json(data: dict) -> Answer:
    return Answer(
        id=str(data["id"]),
        locale=str(data["locale"]),
        topic=str(data.get("topic", "")),
        title=str(data.get("title", "")),
        questions=tuple(str(q) for q in data.get("questions") or ()),
        summary=str(data.get("summary", "")),
        body=normalise_body(str(data.get("body", ""))),
        red_flags=tuple(str(r) for r in data.get("red_flags") or ()),
        refer_to=tuple(str(r) for r in data.get("refer_to") or ()),
        sources=tuple(Source.from_json(s) for s in data.get("sources") or ()),
        tags=tuple(str(t) for t in data.get("tags") or ()),
        visibility=str(data.get("visibility", "group")),
        translation_of=data.get("translation_of"),
        kind=str(data.get("kind", "answer")),
        triggers=tuple(str(t) for t in data.get("triggers") or ()),
    )


class RecoveryStore:
    """The recovery files of one library."""

    def __init__(self, library_path: Path | str, root: Path | None = None):
        base = root if root is not None else paths.data_dir() / "recovery"
        self.folder = base / library_hash(library_path)

    def path_for(self, key: AnswerKey) -> Path:
        return self.folder / f"{key}.json"

    def write(self, answer: Answer, *, is_new: bool, base_hash: str | None) -> Path:
        path = self.path_for(answer.key)
        data = {
            "format": FORMAT,
            "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "is_new": is_new,
            "base_hash": base_hash,
            "answer": answer_to_json(answer),
        }
        atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return path

    def read(self, key: AnswerKey) -> RecoveredText | None:
        return self._read(self.path_for(key))

    def discard(self, key: AnswerKey) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path_for(key).unlink()

    def pending(self) -> list[RecoveredText]:
        """Every recovery file of this library, newest first (unreadable ones are skipped)."""
        if not self.folder.is_dir():
            return []
        found = [r for p in sorted(self.folder.glob("*.json")) if (r := self._read(p))]
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    @staticmethod
    def _read(path: Path) -> RecoveredText | None:
        try:
            data = json.loads(path.read_text("utf-8"))
            return RecoveredText(
                answer=answer_from_json(data["answer"]),
                saved_at=dt.datetime.fromisoformat(data["saved_at"]),
                is_new=bool(data.get("is_new", False)),
                base_hash=data.get("base_hash"),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
