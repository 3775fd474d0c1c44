"""Content checks beyond the schema: what a careful editor would catch before a doctor reads it.

Each check has a stable code and a severity. `lint_answer` works on one answer (the editor runs
it on every keystroke); `lint_library` adds the checks that need the whole library.
"""

from __future__ import annotations

import re
from collections import Counter

from authoring_app.library import questions, readability
from authoring_app.library.answer import Answer
from authoring_app.library.directory import Directory
from authoring_app.library.info import LibraryInfo
from authoring_app.library.problems import Problem
from authoring_app.library.text import REF_PATTERN, TELEGRAM_LIMIT, find_refs, utf16_len

# Seven or more digits with the separators people type in phone numbers.
PHONE_PATTERN = re.compile(r"(?<![\w/.:#=-])\+?\d(?:[\s().-]{0,2}\d){6,}(?![\w/])")
RAW_HTML_PATTERN = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--)>")
CODE_SPAN_PATTERN = re.compile(r"`[^`\n]*`")

CODES = {
    "red-flags-missing": "an answer on a topic that needs red flags has none",
    "unknown-reference": "refer_to or {{ref:ID}} names a service missing from the directory",
    "phone-in-text": "a phone number typed into answer text instead of a directory reference",
    "summary-too-long": "the summary does not fit one Telegram message",
    "raw-html": "the body contains raw HTML, which is never published",
    "no-sources": "the answer lists no sources",
    "source-no-address": "a source has neither an address nor a DOI (and is not an offline document)",
    "body-empty": "the answer has no text beyond its summary",
    "duplicate-id": "two files define the same answer id and locale",
    "translation-source-missing": "translation_of names a locale with no answer of this id",
    "unknown-topic": "the topic is not listed in library.yaml",
    "unknown-locale": "the locale is not listed in library.yaml",
    "topic-mismatch": "translations of one answer sit in different topics",
    "unknown-emergency": "library.yaml lists an emergency number missing from the directory",
    "triggers-missing": "the emergency response lists no trigger words",
    "triggers-not-emergency": "trigger words on a file that is not the emergency response",
    "emergency-number-missing": "the emergency response names none of the emergency numbers",
    "emergency-private": "the emergency response is kept out of group chats",
    "unknown-bot-message": "a bot message whose id no bot sends",
    "unknown-time-zone": "opening hours in a time zone that does not exist",
    "hard-to-read": "the summary or the full answer is harder to read than the library's limit",
}


def _text_fields(answer: Answer) -> list[tuple[str, str]]:
    fields = [("title", answer.title), ("summary", answer.summary), ("body", answer.body)]
    fields += [(f"questions[{i}]", q) for i, q in enumerate(answer.questions)]
    fields += [(f"red_flags[{i}]", r) for i, r in enumerate(answer.red_flags)]
    return fields


def lint_answer(
    answer: Answer, info: LibraryInfo, directory: Directory, *, readability: bool = True
) -> list[Problem]:
    """Checks that need only this answer, the library's rules and its directory.
    `readability=False` leaves out the readability figures: only ever a warning, and the
    slowest check, which deciding what may be signed off or published does not need."""
    rel = answer.path
    problems: list[Problem] = []

    def add(field: str | None, code: str, message: str, severity: str = "error", **params) -> None:
        problems.append(
            Problem(rel, None, field, code, message, severity, tuple(params.items()))  # type: ignore[arg-type]
        )

    topic = info.topic(answer.topic)
    if topic is None:
        add(
            "topic",
            "unknown-topic",
            f"topic {answer.topic!r} is not in library.yaml (known: {', '.join(t.id for t in info.topics)})",
        )
    elif topic.red_flags_required and not answer.red_flags:
        add(
            "red_flags",
            "red-flags-missing",
            f"answers on {topic.label('en').lower()} must say when to get in-person or emergency care "
            "(add red_flags)",
        )
    if answer.locale not in info.locales:
        add(
            "locale",
            "unknown-locale",
            f"locale {answer.locale!r} is not one of the library's locales ({', '.join(info.locales)})",
        )

    known = directory.ids()
    for index, ref in enumerate(answer.refer_to):
        if ref not in known:
            add(f"refer_to[{index}]", "unknown-reference", f"{ref!r} is not in directory.yaml")
    contacts = {s.contact for s in directory if s.contact}
    for field, text in _text_fields(answer):
        for ref in find_refs(text):
            if ref not in known:
                add(
                    field,
                    "unknown-reference",
                    f"{{{{ref:{ref}}}}} names {ref!r}, which is not in directory.yaml",
                )
        plain = REF_PATTERN.sub(" ", CODE_SPAN_PATTERN.sub(" ", text))
        typed = [m.group(0).strip() for m in PHONE_PATTERN.finditer(plain)]
        typed += [
            c
            for c in contacts
            if c in plain and re.search(rf"(?<![\w+]){re.escape(c)}(?!\w)", plain)
        ]
        if typed:
            add(
                field,
                "phone-in-text",
                f"{typed[0]!r} looks like a phone number typed into the text; "
                "refer to the directory instead, e.g. {{ref:ambulance-103}}",
            )
    problems += _kind_problems(answer, info, directory)
    if utf16_len(answer.summary) > TELEGRAM_LIMIT:
        add(
            "summary",
            "summary-too-long",
            f"the summary is {utf16_len(answer.summary)} characters; one Telegram message holds {TELEGRAM_LIMIT}",
        )
    body_without_code = _strip_code(answer.body)
    html = RAW_HTML_PATTERN.search(body_without_code)
    if html:
        add("body", "raw-html", f"raw HTML {html.group(0)[:40]!r} is not allowed; use Markdown")
    if not answer.body.strip() and answer.kind == "answer":
        add(
            "body",
            "body-empty",
            "the answer has no text: write what a person reads after the summary",
        )
    if not answer.sources and answer.kind != "bot-message":  # a bot's own words cite nothing
        add("sources", "no-sources", "list the sources this answer is based on")
    for source in answer.sources:
        if not (source.url or source.doi or source.offline):
            add(
                "sources",
                "source-no-address",
                f"the source {source.title[:80]!r} has no address: give its web address or DOI "
                "so a reader can check it (or mark it as an offline document)",
                source=source.title,
            )
    if readability:
        problems += readability_problems(answer, info)
    return problems


def readability_problems(answer: Answer, info: LibraryInfo) -> list[Problem]:
    """A warning (never an error) for a summary or full answer harder to read than the
    library's limit for its language."""
    found = []
    for reading in answer_readings(answer, info):
        if not reading.too_hard:
            continue
        said = (
            "SMOG grade {} is above this library's {}"
            if reading.figure.measure == readability.SMOG
            else "reading ease {} of 100 is below this library's {}"
        )
        found.append(
            Problem(
                answer.path,
                None,
                reading.field,
                "hard-to-read",
                f"hard to read: {said.format(reading.value_text, reading.limit_text)}; "
                "use shorter sentences and words",
                "warning",
                (
                    ("measure", reading.figure.measure),
                    ("value", reading.value_text),
                    ("limit", reading.limit_text),
                ),
            )
        )
    return found


def answer_readings(answer: Answer, info: LibraryInfo) -> list[readability.Reading]:
    """How easy the answer's summary and full text are to read, against the library's limit."""
    limit = info.readability_limit(answer.locale)
    return readability.readings(answer.summary, answer.body, answer.locale, limit)


def _kind_problems(answer: Answer, info: LibraryInfo, directory: Directory) -> list[Problem]:
    """What the emergency response and the bot's own messages need besides an answer's checks."""
    from answer_kit.content import BOT_MESSAGE, BOT_MESSAGES, EMERGENCY

    rel, found = answer.path, []
    if answer.kind == EMERGENCY:
        if not answer.triggers:
            found.append(
                Problem(
                    rel,
                    None,
                    "triggers",
                    "triggers-missing",
                    "list the words and phrases people write in an emergency, e.g. 'not breathing'",
                )
            )
        named = set(answer.refer_to) | {
            ref for _field, text in _text_fields(answer) for ref in find_refs(text)
        }
        if info.emergency and not named & set(info.emergency):
            found.append(
                Problem(
                    rel,
                    None,
                    "refer_to",
                    "emergency-number-missing",
                    f"refer to an emergency number ({', '.join(info.emergency)})",
                )
            )
        if answer.visibility != "group":
            found.append(
                Problem(
                    rel,
                    None,
                    "visibility",
                    "emergency-private",
                    "a bot sends the emergency response in group chats too: "
                    "set visibility to group",
                )
            )
        found += questions.example_problems(answer)
    elif answer.triggers:
        found.append(
            Problem(
                rel,
                None,
                "triggers",
                "triggers-not-emergency",
                "only the emergency response has trigger words; remove them or make this "
                "file the emergency response",
            )
        )
    if answer.kind == BOT_MESSAGE and answer.id not in BOT_MESSAGES:
        found.append(
            Problem(
                rel,
                None,
                "id",
                "unknown-bot-message",
                f"no bot sends a message called {answer.id!r} "
                f"(known: {', '.join(sorted(BOT_MESSAGES))})",
                "warning",
            )
        )
    return found


def _directory_problems(directory: Directory) -> list[Problem]:
    """Opening hours a bot cannot read."""
    import zoneinfo

    found = []
    for service in directory:
        zone = (service.opening_hours or {}).get("time_zone")
        if not zone:
            continue
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            found.append(
                Problem(
                    "directory.yaml",
                    None,
                    f"services[{service.id}].opening_hours.time_zone",
                    "unknown-time-zone",
                    f"{service.id}: {zone!r} is not a time zone; write one like Europe/Moscow",
                )
            )
    return found


def _strip_code(markdown: str) -> str:
    """Drop fenced and inline code, where angle brackets are text, not HTML."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            out.append(CODE_SPAN_PATTERN.sub(" ", line))
    return "\n".join(out)


def lint_library(answers: list[Answer], info: LibraryInfo, directory: Directory) -> list[Problem]:
    """Every per-answer check, plus those that compare answers with each other."""
    problems: list[Problem] = []
    by_key = {a.key: a for a in answers}
    for answer in answers:
        problems += lint_answer(answer, info, directory)
        if answer.translation_of:
            source = by_key.get(type(answer.key)(answer.id, answer.translation_of))
            if source is None:
                problems.append(
                    Problem(
                        answer.path,
                        None,
                        "translation_of",
                        "translation-source-missing",
                        f"this is a translation of {answer.id}.{answer.translation_of}, which does not exist",
                    )
                )
            elif source.topic != answer.topic:
                problems.append(
                    Problem(
                        answer.path,
                        None,
                        "topic",
                        "topic-mismatch",
                        f"the source {source.path} is in topic {source.topic!r}",
                        "warning",
                    )
                )
    known = directory.ids()
    for service_id in info.emergency:
        if service_id not in known:
            problems.append(
                Problem(
                    "library.yaml",
                    None,
                    "emergency",
                    "unknown-emergency",
                    f"{service_id!r} is not in directory.yaml",
                )
            )
    problems += _directory_problems(directory)
    for name, ids in (
        ("directory.yaml", [s.id for s in directory]),
        ("library.yaml", [t.id for t in info.topics]),
    ):
        for dup, count in Counter(ids).items():
            if count > 1:
                problems.append(
                    Problem(name, None, None, "duplicate-id", f"{dup!r} is listed {count} times")
                )
    return problems
