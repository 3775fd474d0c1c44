"""What a bot sends, from a verified release: emergency first, group rules, the hand-off,
after hours, and never a word that is not in the release."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import answer_kit
from tests.kit.conftest import bundle_copy

OPEN = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)  # 15:00 in Moscow: the line is open
CLOSED = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)  # 06:00 in Moscow


def texts_of(bundle: dict) -> set[str]:
    """Every text a release holds that a bot may send."""
    found = set()
    for answer in bundle["answers"]:
        found |= {answer["summary"]["telegram"], answer["title"], *answer["body"]["telegram"]}
    return found


def only_release_words(response, bundle: dict) -> None:
    """Each message is a release text, or lines of directory entries' names, numbers, hours."""
    known = texts_of(bundle)
    pieces = set()
    for service in bundle["directory"]:
        pieces |= set(service["name"].values()) | {service["contact"]}
        pieces |= set((service.get("hours") or {}).values())
    for message in response.messages:
        if message in known:
            continue
        for line in message.split("\n"):
            if line in known:
                continue
            rest = re.sub(r"</?b>", "", line)
            for piece in sorted(pieces, key=len, reverse=True):
                rest = rest.replace(piece, "")
            assert rest.strip(" :") == "", f"not in the release: {line!r}"
    for button in response.buttons:
        assert button.text in known


def test_an_emergency_comes_first_in_private_and_in_groups(responder, sample_release):
    for group in (False, True):
        reply = responder.ask("друг не дышит", group=group, now=OPEN)
        assert reply.emergency and reply.match.locale == "ru"
        emergency = responder.find("emergency-response", "ru")
        assert reply.messages[0] == emergency["summary"]["telegram"]
        assert "103" in reply.messages[0] and "112" in reply.messages[0]
        only_release_words(reply, sample_release.data)


def test_an_answer_is_its_summary_with_a_button_for_the_full_text(responder, sample_release):
    reply = responder.ask("how long can hepatitis c survive on surfaces", now=OPEN)
    assert reply.match.answer == "hiv-hcv-transmission.en" and not reply.emergency
    answer = responder.find("hiv-hcv-transmission", "en")
    assert reply.messages[0] == answer["summary"]["telegram"]
    more = [b for b in reply.buttons if b.action == "more:hiv-hcv-transmission.en"]
    assert more and more[0].text == responder.find("bot-read-more", "en")["title"]
    assert responder.more("hiv-hcv-transmission.en") == tuple(answer["body"]["telegram"])
    # A sample library's notice ends every reply.
    assert reply.messages[-1] == responder.find("bot-sample-library", "en")["summary"]["telegram"]
    only_release_words(reply, sample_release.data)


def test_an_answer_sends_what_asking_sends_once_it_is_found(responder, sample_release):
    for message, group in (
        ("how long can hepatitis c survive on surfaces", False),
        ("попал в артерию что делать", False),
        ("попал в артерию что делать", True),
    ):
        asked = responder.ask(message, group=group, now=OPEN)
        found = responder.answer(asked.match.answer, group=group)
        assert (found.messages, found.buttons) == (asked.messages, asked.buttons)
        assert found.match.locale == asked.match.locale


def test_a_private_answer_never_reaches_a_group_but_its_numbers_do(responder, sample_release):
    private = responder.ask("попал в артерию что делать", now=OPEN)
    assert private.match.answer == "hitting-an-artery.ru"
    artery = responder.find("hitting-an-artery", "ru")
    assert artery["visibility"] == "private"
    assert private.messages[0] == artery["summary"]["telegram"]

    group = responder.ask("попал в артерию что делать", group=True, now=OPEN)
    assert group.match.answer == "hitting-an-artery.ru"
    assert not any(artery["summary"]["telegram"] in m for m in group.messages)
    assert "103" in group.messages[0] and "112" in group.messages[0]
    offer = responder.find("bot-continue-privately", "ru")
    assert offer["summary"]["telegram"] in group.messages
    assert [b.action for b in group.buttons] == ["private:hitting-an-artery.ru"]
    only_release_words(group, sample_release.data)

    # Private, and naming no emergency number: only the offer.
    bundle = bundle_copy(sample_release)
    for answer in bundle["answers"]:
        if answer["id"] == "hiv-hcv-testing":
            answer["visibility"] = "private"
    testing = answer_kit.Responder(bundle).ask("где сдать тест на вич", group=True, now=OPEN)
    assert testing.match.answer == "hiv-hcv-testing.ru"
    assert testing.messages[0] == offer["summary"]["telegram"]
    assert not any("112" in m or "103" in m for m in testing.messages)


def test_not_understood_hands_off_to_a_person_or_says_it_is_after_hours(responder, sample_release):
    opened = responder.ask("what time does your office open", now=OPEN)
    assert opened.match.declined and not opened.emergency
    assert opened.messages[0] == responder.find("bot-not-understood", "en")["summary"]["telegram"]
    talk = responder.find("bot-talk-to-a-person", "en")
    assert opened.messages[1] == talk["summary"]["telegram"]
    assert [(b.text, b.url) for b in opened.buttons] == [
        (talk["title"], "https://t.me/example_support_line_sample")
    ]
    closed = responder.ask("what time does your office open", now=CLOSED)
    after = responder.find("bot-after-hours", "en")["summary"]["telegram"]
    assert closed.messages[1].startswith(after)
    assert "Example hours: every day 12:00–22:00" in closed.messages[1]
    assert closed.buttons == opened.buttons  # a message can still be left
    only_release_words(opened, sample_release.data)
    only_release_words(closed, sample_release.data)


def test_without_bot_messages_it_says_nothing_of_its_own(sample_release):
    bundle = bundle_copy(sample_release)
    bundle["answers"] = [a for a in bundle["answers"] if a.get("kind") != "bot-message"]
    bare = answer_kit.Responder(bundle)
    declined = bare.ask("tell me a joke", now=OPEN)
    assert declined.match.declined and not declined.buttons
    # Only the directory's emergency numbers: no made-up sentence.
    assert declined.messages == (bare.emergency_numbers("en"),)
    assert "112" in declined.messages[0]
    answered = bare.ask("попал в артерию что делать", group=True, now=OPEN)
    assert answered.buttons == () and "103" in answered.messages[0]
    only_release_words(declined, bundle)


def test_hostile_messages_get_a_reply_not_a_crash(responder):
    for message in (
        "",
        " ",
        "\x00\x01",
        "🙂" * 5000,
        "od " * 10_000,
        "<b>не дышит</b>",
        "ё" * 3000,
    ):
        reply = responder.ask(message, now=OPEN)
        assert reply.messages
    assert responder.ask("<b>не дышит</b>").emergency


def test_the_language_follows_the_message_then_the_chat(responder):
    assert responder.ask("где сдать тест на вич", locale="en").match.locale == "ru"
    assert responder.ask("where do i get an hiv test", locale="ru").match.locale == "en"
    assert responder.ask("?!", locale="en").match.locale == "en"
    assert responder.ask("?!").match.locale == "ru"  # the library's default


def test_ask_command_prints_what_the_bot_would_send(sample_release):
    done = subprocess.run(
        [sys.executable, "-m", "answer_kit", "ask", str(sample_release.folder), "не дышит",
         "--json", "--key", str(sample_release.key_file), "--allow-sample"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["emergency"] is True and result["reply"]
    assert set(result) >= {"emergency", "answer", "candidates", "reply"}
    tampered = sample_release.folder.parent / "tampered"
    tampered.mkdir(exist_ok=True)
    for name in answer_kit.FILES:
        (tampered / name).write_bytes((sample_release.folder / name).read_bytes())
    data = (tampered / "bundle.json").read_bytes().replace(b"112", b"911")
    (tampered / "bundle.json").write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "answer_kit", "ask", str(tampered), "не дышит",
         "--key", str(sample_release.key_file), "--allow-sample"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and "refused" in done.stderr and "Traceback" not in done.stderr
