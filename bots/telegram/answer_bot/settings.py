"""The bot's settings, from the environment (a systemd unit or a container sets them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class SettingsError(Exception):
    """A setting is missing or wrong; the message says which and how to set it."""


@dataclass(frozen=True)
class Settings:
    token: str  # from @BotFather
    source: str  # where releases are published: a git URL or path, or a folder of files
    key: Path  # the publisher's key, pinned from a second channel
    folder: Path  # where pulled releases are kept
    pull_every_s: float = 3600.0
    governors: Path | None = None  # the library's governor keys, pinned the same way
    allow_sample: bool = False  # serve a sample library's release (demonstration only)

    @classmethod
    def from_environment(cls, environ=os.environ) -> Settings:
        missing = [
            name
            for name in ("ANSWER_BOT_TOKEN", "ANSWER_BOT_SOURCE", "ANSWER_BOT_KEY")
            if not environ.get(name)
        ]
        if missing:
            raise SettingsError(f"set {', '.join(missing)} (see bots/telegram/README.md)")
        key = Path(environ["ANSWER_BOT_KEY"]).expanduser()
        if not key.is_file():
            raise SettingsError(f"ANSWER_BOT_KEY: no key file at {key}")
        try:
            every = float(environ.get("ANSWER_BOT_PULL_MINUTES", "60")) * 60
        except ValueError:
            raise SettingsError("ANSWER_BOT_PULL_MINUTES must be a number of minutes") from None
        if every < 60:
            raise SettingsError("ANSWER_BOT_PULL_MINUTES must be at least 1")
        folder = Path(environ.get("ANSWER_BOT_FOLDER", "~/.local/share/answer-bot")).expanduser()
        governors = None
        if environ.get("ANSWER_BOT_GOVERNORS"):
            governors = Path(environ["ANSWER_BOT_GOVERNORS"]).expanduser()
            if not governors.is_file():
                raise SettingsError(f"ANSWER_BOT_GOVERNORS: no governors file at {governors}")
        allow = environ.get("ANSWER_BOT_ALLOW_SAMPLE", "").strip().lower() in ("1", "yes", "true")
        return cls(
            environ["ANSWER_BOT_TOKEN"],
            environ["ANSWER_BOT_SOURCE"],
            key,
            folder,
            every,
            governors,
            allow,
        )
