"""What the Telegram bot sends for one answer, from the text as it is now (saved or not).

The answer and the bot's own messages it needs (the "read more" button's label, the offer to
continue privately, the sample notice) are rendered as a release renders them, and the kit's
`Responder` (the code the bot runs) decides what is sent and in which order, so a preview of
it cannot drift from the bot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from answer_kit import Responder, content
from answer_kit.replies import MORE
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.directory import Directory, localise, referenced_ids
from authoring_app.library.info import LibraryInfo
from authoring_app.release.bundle import RENDERED
from authoring_app.release.rendering import answer_texts, render_parts

# Why a release would refuse the text as it is (the faces word them).
SUMMARY_TOO_LONG = "summary-too-long"  # the summary does not fit one Telegram message
BODY_RENDERS_EMPTY = "body-renders-empty"  # the body renders as nothing
NO_READ_MORE = "no-read-more"  # the library has no "read more" button: the body is never sent

# The bot's own messages an answer's reply can use.
_BOT_MESSAGES = (content.READ_MORE, content.CONTINUE_PRIVATELY, content.SAMPLE_LIBRARY)


@dataclass(frozen=True)
class Chat:
    """One answer in a chat with the bot."""

    messages: tuple[str, ...]  # Telegram HTML, sent at once, in this order
    buttons: tuple[str, ...]  # the labels of the buttons under the last message
    more: tuple[str, ...]  # sent when the "read more" button is pressed
    problems: tuple[str, ...] = ()  # codes: why a release would refuse this text as it is


def chat_of(
    answer: Answer,
    info: LibraryInfo,
    directory: Directory,
    find: Callable[[AnswerKey], Answer | None],
    *,
    group: bool = False,
) -> Chat:
    """What the bot sends when a message finds `answer` (in a group chat if `group`); `find`
    gives the library's current text of another answer (for the bot's own messages)."""
    entry, problems = _entry(answer, info, directory)
    entries = [entry]
    for message_id in _BOT_MESSAGES:
        found = find(AnswerKey(message_id, answer.locale))
        if found is not None and message_id != answer.id:
            entries.append(_entry(found, info, directory)[0])
    bundle = {
        "answers": entries,
        "library": {"locales": list(info.locales), "sample": info.sample},
        "emergency": [],
    }
    responder = Responder(bundle)
    response = responder.answer(entry["key"], group=group)
    pressed = any((b.action or "").startswith(f"{MORE}:") for b in response.buttons)
    if entry["body"]["telegram"] and not group and not pressed:
        problems.append(NO_READ_MORE)
    return Chat(
        messages=response.messages,
        buttons=tuple(b.text for b in response.buttons),
        more=responder.more(entry["key"]) if pressed else (),
        problems=tuple(problems),
    )


def _entry(answer: Answer, info: LibraryInfo, directory: Directory) -> tuple[dict, list[str]]:
    """The answer as a release holds it, as far as the bot's replies read it; with the codes
    of what would keep it out of a release (as `bundle.with_parts` refuses it)."""
    parts = render_parts(answer_texts(answer, directory))
    services = [
        directory.get(ref).to_json(lambda value: localise(value, answer.locale))
        for ref in referenced_ids(answer)
        if directory.get(ref) is not None
    ]
    problems = []
    if parts["summary_messages"] > 1:
        problems.append(SUMMARY_TOO_LONG)
    if answer.body.strip() and not parts["body"]["text"].strip():
        problems.append(BODY_RENDERS_EMPTY)
    entry = {
        "id": answer.id,
        "locale": answer.locale,
        "key": str(answer.key),
        "kind": answer.kind,
        "title": answer.title,
        "questions": list(answer.questions),
        "visibility": answer.visibility,
        "services": services,
        **{name: parts[name] for name in RENDERED},
    }
    return entry, problems
