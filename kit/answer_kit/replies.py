"""What a bot sends for a message, taken word for word from a verified release.

`Responder(bundle)` is built once per release; `ask(message, locale=, group=)` matches the
message (emergency triggers first, then the best answer, or none) and says what to send:
Telegram messages (HTML parse mode) and buttons. No word is made up here: every text is a
release's answer, emergency response, bot message or directory entry. Where a bot message is
missing, its place is left empty, or filled with the emergency numbers and the hand-off
contact from the directory.

- **Emergency first**, in private and in groups alike: the emergency response's summary.
- **An answer**: its summary, with a button for the full answer. In a group, an answer marked
  `private` is never sent; if it refers to an emergency number, those numbers are (a group is
  never left without them), and a button offers the rest in a private chat.
- **No confident answer**: the "not understood" message and the hand-off: "talk to a person"
  with a button opening the service's link, or "after hours" with its hours when the service
  is closed.
- **A sample library**: its notice ends every reply.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from answer_kit import content, hours
from answer_kit.content import Entry
from answer_kit.matching import Match, MatchConfig, Matcher

# What a button does besides opening a link: "more:KEY" sends an answer's full text;
# "private:KEY" opens a private chat at that answer.
MORE, PRIVATE = "more", "private"


@dataclass(frozen=True)
class Button:
    text: str
    url: str | None = None  # a link to open
    action: str | None = None  # or something the bot does: "more:KEY", "private:KEY"


@dataclass(frozen=True)
class Response:
    """The match, and what to send for it."""

    match: Match
    messages: tuple[str, ...] = ()  # Telegram HTML, each at most 4096 UTF-16 units
    buttons: tuple[Button, ...] = ()
    hand_off: dict | None = None  # the directory entry a person can reach, in the reply's language

    @property
    def emergency(self) -> bool:
        return bool(self.match.emergency)

    def to_json(self) -> dict:
        return {
            "emergency": self.emergency,
            "answer": self.match.answer,
            "candidates": list(self.match.candidates),
            "locale": self.match.locale,
            "confidence": self.match.confidence,
            "reply": list(self.messages),
            "buttons": [
                {k: v for k, v in (("text", b.text), ("url", b.url), ("action", b.action)) if v}
                for b in self.buttons
            ],
        }


@dataclass
class _Reply:
    messages: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)


class Responder:
    """Replies from one verified release's data."""

    def __init__(self, bundle: dict, config: MatchConfig | None = None):
        self.bundle = bundle
        self.by_key = {a["key"]: a for a in bundle.get("answers") or ()}
        self.matcher = Matcher(content.entries_from_bundle(bundle), config)
        library = bundle.get("library") or {}
        self.locales = list(library.get("locales") or self.matcher.locales)
        self.default_locale = library.get("default_locale") or (self.locales or [None])[0]
        self.sample = bool(library.get("sample"))

    # -- finding what to say ---------------------------------------------------------------

    def find(self, answer_id: str, locale: str | None) -> dict | None:
        """An entry of the release in `locale`, else the default locale's, else any."""
        for choice in (locale, self.default_locale, *self.locales):
            found = self.by_key.get(f"{answer_id}.{choice}")
            if found is not None:
                return found
        return None

    def _summary(self, answer_id: str, locale: str | None) -> str | None:
        found = self.find(answer_id, locale)
        return found["summary"]["telegram"] if found else None

    def emergency_numbers(self, locale: str | None) -> str:
        """The release's emergency numbers, one a line: "Name: number"."""
        lines = []
        for service in self.bundle.get("emergency") or ():
            name = _localised(service.get("name"), locale, self.default_locale)
            lines.append(f"{html.escape(name)}: <b>{html.escape(service['contact'])}</b>")
        return "\n".join(lines)

    def hand_off_service(self, locale: str | None) -> dict | None:
        """The service a person can reach: the first one with a link that the "talk to a
        person" message refers to."""
        message = self.find(content.TALK_TO_A_PERSON, locale)
        for service in (message or {}).get("services") or ():
            if service.get("link"):
                return service
        return None

    # -- replies ---------------------------------------------------------------------------

    def ask(
        self,
        message: str,
        *,
        locale: str | None = None,
        group: bool = False,
        now: dt.datetime | None = None,
    ) -> Response:
        """What to send for `message` (in a group chat if `group`)."""
        match = self.matcher.match(message, locale=locale or self.default_locale, group=group)
        language = match.locale or locale or self.default_locale
        reply = _Reply()
        for key in match.emergency:
            found = self.by_key.get(key)
            emergency = self.find(found["id"], language) if found else None
            if emergency is not None:
                reply.messages.append(emergency["summary"]["telegram"])
                if match.answer is None:  # one "read more" button: the answer's, if any
                    self._more_button(reply, emergency, language)
        if match.emergency and not reply.messages:
            reply.messages.append(self.emergency_numbers(language))
        service = None
        if match.answer is not None:
            self._answer(reply, self.by_key[match.answer], language, group)
        elif not match.emergency:
            said = self._summary(content.NOT_UNDERSTOOD, language)
            if said:
                reply.messages.append(said)
            service = self._hand_off(reply, language, now)
        self._sample_notice(reply, language)
        return Response(match, tuple(m for m in reply.messages if m), tuple(reply.buttons), service)

    def answer(self, key: str, *, group: bool = False) -> Response:
        """What is sent when answer `key` is the one found for a message (in a group chat if
        `group`): what `ask` sends after any emergency response. `more(key)` is what its
        "read more" button sends."""
        found = self.by_key[key]
        language = found["locale"]
        reply = _Reply()
        self._answer(reply, found, language, group)
        self._sample_notice(reply, language)
        return Response(
            Match(language), tuple(m for m in reply.messages if m), tuple(reply.buttons)
        )

    def _answer(self, reply: _Reply, answer: dict, locale: str, group: bool) -> None:
        if not group or answer.get("visibility") == "group":
            reply.messages.append(answer["summary"]["telegram"])
            self._more_button(reply, answer, locale)
            return
        # A group never gets a private answer, but never goes without its emergency numbers.
        numbers = [
            f"{html.escape(s['name'])}: <b>{html.escape(s['contact'])}</b>"
            for s in answer.get("services") or ()
            if s.get("kind") == "emergency"
        ]
        if numbers:
            reply.messages.append("\n".join(numbers))
        offer = self.find(content.CONTINUE_PRIVATELY, locale)
        if offer is not None:
            reply.messages.append(offer["summary"]["telegram"])
            reply.buttons.append(Button(offer["title"], action=f"{PRIVATE}:{answer['key']}"))

    def _more_button(self, reply: _Reply, answer: dict, locale: str) -> None:
        label = self.find(content.READ_MORE, locale)
        if label is not None and answer["body"]["telegram"]:
            reply.buttons.append(Button(label["title"], action=f"{MORE}:{answer['key']}"))

    def _hand_off(self, reply: _Reply, locale: str, now: dt.datetime | None) -> dict | None:
        service = self.hand_off_service(locale)
        person = self.find(content.TALK_TO_A_PERSON, locale)
        if service is None or person is None:
            numbers = self.emergency_numbers(locale)
            if numbers and not reply.messages:
                reply.messages.append(numbers)
            return service
        if hours.is_open(service.get("opening_hours"), now) is False:
            closed = self._summary(content.AFTER_HOURS, locale)
            reply.messages.append(
                "\n".join(t for t in (closed, html.escape(service.get("hours") or "")) if t)
            )
        else:
            reply.messages.append(person["summary"]["telegram"])
        reply.buttons.append(Button(person["title"], url=service["link"]))
        return service

    def _sample_notice(self, reply: _Reply, locale: str) -> None:
        if self.sample:
            notice = self._summary(content.SAMPLE_LIBRARY, locale)
            if notice:
                reply.messages.append(notice)

    def more(self, key: str) -> tuple[str, ...]:
        """The full text of answer `key`, as Telegram messages (nothing if there is none)."""
        found = self.by_key.get(key)
        return tuple(found["body"]["telegram"]) if found else ()

    def welcome(self, locale: str | None) -> Response:
        """The greeting for a new chat (and the sample notice, if it is one)."""
        language = locale if locale in self.locales else self.default_locale
        reply = _Reply()
        said = self._summary(content.WELCOME, language)
        reply.messages.append(said or self.emergency_numbers(language))
        self._sample_notice(reply, language)
        return Response(Match(language), tuple(m for m in reply.messages if m))

    def hand_off(self, locale: str | None, now: dt.datetime | None = None) -> Response:
        """ "Talk to a person" (or "after hours"), with its button."""
        language = locale if locale in self.locales else self.default_locale
        reply = _Reply()
        service = self._hand_off(reply, language, now)
        return Response(Match(language), tuple(reply.messages), tuple(reply.buttons), service)


def _localised(value, locale: str | None, default: str | None) -> str:
    if isinstance(value, str):
        return value
    value = value or {}
    return value.get(locale) or value.get(default) or next(iter(value.values()), "")


def ask(
    bundle: dict,
    message: str,
    *,
    locale: str | None = None,
    group: bool = False,
    now: dt.datetime | None = None,
) -> Response:
    """What a bot sends for `message`, from a verified release's data. Builds the index each
    time: a bot keeps one `Responder` per release instead."""
    return Responder(bundle).ask(message, locale=locale, group=group, now=now)


__all__ = ["Button", "Entry", "Responder", "Response", "ask"]
