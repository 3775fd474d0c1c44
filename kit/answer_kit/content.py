"""What a bot finds in a release: answers, the emergency response and the bot's own messages,
as plain entries the matcher reads (the authoring app makes the same entries from a library).

Every word a bot sends is reviewed content. Besides answers, a library holds files of two other
kinds, reviewed and signed off the same way:

- `emergency`: the emergency response, one per language, with the `triggers` (words and
  phrases people write in an emergency) that make a bot send it before any matching;
- `bot-message`: one of the bot's own messages, named by its id (`BOT_MESSAGES`). A message
  whose button opens something uses its title as the button's label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ANSWER, EMERGENCY, BOT_MESSAGE = "answer", "emergency", "bot-message"
KINDS = (ANSWER, EMERGENCY, BOT_MESSAGE)

WELCOME = "bot-welcome"
NOT_UNDERSTOOD = "bot-not-understood"
TALK_TO_A_PERSON = "bot-talk-to-a-person"
AFTER_HOURS = "bot-after-hours"
SAMPLE_LIBRARY = "bot-sample-library"
CONTINUE_PRIVATELY = "bot-continue-privately"
READ_MORE = "bot-read-more"

# The bot's own messages: id -> when it is sent.
BOT_MESSAGES = {
    WELCOME: "greets a person who starts a chat, and says what the bot can do",
    NOT_UNDERSTOOD: "the bot has no answer it is confident of",
    TALK_TO_A_PERSON: "offers a person to talk to; its title labels the button that opens the "
    "first service it refers to with a link",
    AFTER_HOURS: "no one is there now: the service it refers to is outside its opening hours",
    SAMPLE_LIBRARY: "added to every reply while the release is a sample library's",
    CONTINUE_PRIVATELY: "in a group, the answer is for private messages only; its title labels "
    "the button that opens a private chat",
    READ_MORE: "its title labels the button that sends the full answer",
}


@dataclass(frozen=True)
class Entry:
    """One answer, emergency response or bot message in one language, as the matcher reads
    it. `summary` is plain text; `status` is free text a front end may show (e.g. "draft")."""

    id: str
    locale: str
    kind: str = ANSWER
    title: str = ""
    questions: tuple[str, ...] = ()
    summary: str = ""
    triggers: tuple[str, ...] = ()
    visibility: str = "group"
    tags: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    body: str = ""  # the full answer as plain text
    status: str = ""

    @property
    def key(self) -> str:
        return f"{self.id}.{self.locale}"


def _texts(value, limit: int = 200) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(item) for item in value[:limit] if isinstance(item, str))


def entries_from_bundle(bundle: dict) -> list[Entry]:
    """The entries of a verified bundle's data, in bundle order."""
    found = []
    for item in bundle.get("answers") or ():
        summary = item.get("summary") or {}
        body = item.get("body") or {}
        found.append(
            Entry(
                id=str(item["id"]),
                locale=str(item["locale"]),
                kind=str(item.get("kind") or ANSWER),
                title=str(item.get("title") or ""),
                questions=_texts(item.get("questions")),
                summary=str(summary.get("text") or "") if isinstance(summary, dict) else "",
                triggers=_texts(item.get("triggers")),
                visibility=str(item.get("visibility") or "private"),
                tags=_texts(item.get("tags")),
                red_flags=_texts(item.get("red_flags")),
                body=str(body.get("text") or "") if isinstance(body, dict) else "",
            )
        )
    return found


def of_kind(entries: Iterable[Entry], kind: str) -> list[Entry]:
    return [entry for entry in entries if entry.kind == kind]
