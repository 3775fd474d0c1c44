"""`answer-bot`: run the bot (settings from the environment; see README.md)."""

from __future__ import annotations

import logging
import sys

import answer_kit
from answer_bot.handlers import AnswerBot, build_application
from answer_bot.releases import Releases
from answer_bot.settings import Settings, SettingsError


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        settings = Settings.from_environment()
        key = answer_kit.load_public_key(settings.key)
        governors = answer_kit.Governors.load(settings.governors) if settings.governors else None
    except (SettingsError, answer_kit.KitError, answer_kit.EvidenceError) as exc:
        print(f"answer-bot: {exc}", file=sys.stderr)
        return 2
    releases = Releases(
        settings.source,
        settings.folder,
        key,
        governors=governors,
        allow_sample=settings.allow_sample,
    )
    try:
        releases.load()
    except answer_kit.Refused as exc:
        logging.warning("%s; pulling a new release", exc)
    releases.pull()
    if releases.current is None:
        print("answer-bot: no release could be pulled and verified; see the log", file=sys.stderr)
        return 1
    application = build_application(
        settings.token, AnswerBot(releases), pull_every_s=settings.pull_every_s
    )
    application.run_polling()
    return 0


if __name__ == "__main__":
    sys.exit(main())
