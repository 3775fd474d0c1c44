"""The Telegram bot, driven through python-telegram-bot's real application and dispatcher
with recorded updates. Its request class records every call and never touches the network
(as the framework's own tests swap in an offline request)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import shutil

import pytest
from answer_bot.handlers import AnswerBot, build_application
from answer_bot.releases import Releases
from telegram import Update
from telegram.request import BaseRequest

import answer_kit

BOT = {"id": 99, "is_bot": True, "first_name": "Night shift", "username": "night_shift_bot"}
OPEN = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)  # the sample support line is open
CLOSED = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)


class RecordingRequest(BaseRequest):
    """Answers the Bot API calls the bot makes, and records them; anything else fails."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.message_id = 0

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, url, method, request_data=None, *args, **kwargs):
        name = url.rsplit("/", 1)[-1]
        params = request_data.json_parameters if request_data else {}
        params = {k: json.loads(v) if v[:1] in "[{" else v for k, v in params.items()}
        self.calls.append((name, params))
        if name == "getMe":
            result = BOT
        elif name == "sendMessage":
            self.message_id += 1
            result = {
                "message_id": self.message_id,
                "date": 0,
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "text": params["text"],
                "from": BOT,
            }
        elif name == "answerCallbackQuery":
            result = True
        else:
            raise AssertionError(f"the bot called {name}, which no test expects")
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def sent(self) -> list[dict]:
        return [params for name, params in self.calls if name == "sendMessage"]


def user(language="ru"):
    return {"id": 7, "is_bot": False, "first_name": "Sam", "language_code": language}


def text_update(text, *, chat_type="private", language="ru", reply_to_bot=False, number=1):
    chat = {"id": -100 if chat_type != "private" else 7, "type": chat_type}
    message = {"message_id": number, "date": 0, "chat": chat, "from": user(language), "text": text}
    if text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    if reply_to_bot:
        message["reply_to_message"] = {
            "message_id": 1,
            "date": 0,
            "chat": chat,
            "from": BOT,
            "text": "…",
        }
    return {"update_id": number, "message": message}


def button_update(data, *, chat_type="private"):
    chat = {"id": -100 if chat_type != "private" else 7, "type": chat_type}
    message = {"message_id": 5, "date": 0, "chat": chat, "from": BOT, "text": "…"}
    return {
        "update_id": 50,
        "callback_query": {
            "id": "q1",
            "from": user(),
            "chat_instance": "c",
            "data": data,
            "message": message,
        },
    }


@pytest.fixture
def bot_world(sample_release, tmp_path):
    """A bot that pulled the sample release from a folder, and its recording request."""
    key = answer_kit.load_public_key(sample_release.key_file)
    releases = Releases(str(sample_release.channel), tmp_path / "releases", key, allow_sample=True)
    assert releases.pull(now=OPEN)
    clock = {"now": OPEN}
    bot = AnswerBot(releases, clock=lambda: clock["now"])
    request = RecordingRequest()
    application = build_application("123:TEST", bot, request=request)
    return application, request, clock, sample_release.data


def feed(application, *updates) -> None:
    async def run():
        await application.initialize()
        try:
            for data in updates:
                await application.process_update(Update.de_json(data, application.bot))
        finally:
            await application.shutdown()

    asyncio.run(run())


def release_texts(bundle) -> set[str]:
    found = set()
    for answer in bundle["answers"]:
        found |= {answer["summary"]["telegram"], answer["title"], *answer["body"]["telegram"]}
    return found


def summary(bundle, key) -> str:
    return next(a for a in bundle["answers"] if a["key"] == key)["summary"]["telegram"]


def test_an_emergency_gets_the_emergency_response_first(bot_world):
    application, request, _clock, bundle = bot_world
    feed(application, text_update("друг не дышит, что делать"))
    sent = request.sent()
    assert sent[0]["text"] == summary(bundle, "emergency-response.ru")
    assert sent[0]["parse_mode"] == "HTML"
    assert all(m["text"] in release_texts(bundle) for m in sent)


def test_a_question_gets_its_answer_and_the_full_text_on_request(bot_world):
    application, request, _clock, bundle = bot_world
    feed(application, text_update("where do i get an hiv test", language="en"))
    sent = request.sent()
    assert sent[0]["text"] == summary(bundle, "hiv-hcv-testing.en")
    buttons = [b for row in sent[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == [{"text": "Read the full answer", "callback_data": "more:hiv-hcv-testing.en"}]
    request.calls.clear()
    feed(application, button_update("more:hiv-hcv-testing.en"))
    body = next(a for a in bundle["answers"] if a["key"] == "hiv-hcv-testing.en")["body"][
        "telegram"
    ]
    assert [m["text"] for m in request.sent()] == body


def test_in_a_group_it_keeps_quiet_unless_addressed_or_an_emergency(bot_world):
    application, request, _clock, bundle = bot_world
    feed(application, text_update("где сдать тест на вич", chat_type="supergroup"))
    assert request.sent() == []
    feed(application, text_update("он не дышит!!", chat_type="supergroup", number=2))
    assert request.sent()[0]["text"] == summary(bundle, "emergency-response.ru")
    request.calls.clear()
    feed(
        application,
        text_update("@night_shift_bot где сдать тест на вич", chat_type="group", number=3),
    )
    assert request.sent()[0]["text"] == summary(bundle, "hiv-hcv-testing.ru")


def test_a_private_answer_stays_out_of_a_group_but_its_numbers_do_not(bot_world):
    application, request, _clock, bundle = bot_world
    feed(application, text_update("/ask попал в артерию, кровь алая", chat_type="supergroup"))
    texts = [m["text"] for m in request.sent()]
    assert summary(bundle, "hitting-an-artery.ru") not in texts
    assert "103" in texts[0] and "112" in texts[0]
    buttons = [b for row in request.sent()[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == [
        {
            "text": "Продолжить в личных сообщениях",
            "url": "https://t.me/night_shift_bot?start=hitting-an-artery_ru",
        }
    ]
    # The full text is not sent to the group even if someone presses an old button.
    request.calls.clear()
    feed(application, button_update("more:hitting-an-artery.ru", chat_type="supergroup"))
    assert request.sent() == []
    # The private chat the button opens gets the whole answer.
    feed(application, text_update("/start hitting-an-artery_ru", number=9))
    assert request.sent()[0]["text"] == summary(bundle, "hitting-an-artery.ru")


def test_when_it_does_not_know_it_hands_off_or_says_it_is_after_hours(bot_world):
    application, request, clock, bundle = bot_world
    feed(application, text_update("what time does your office open", language="en"))
    sent = request.sent()
    assert sent[0]["text"] == summary(bundle, "bot-not-understood.en")
    assert sent[1]["text"] == summary(bundle, "bot-talk-to-a-person.en")
    link = {"text": "Talk to a person", "url": "https://t.me/example_support_line_sample"}
    assert sent[-1]["reply_markup"]["inline_keyboard"] == [[link]]  # with the last message
    request.calls.clear()
    clock["now"] = CLOSED
    feed(application, text_update("/person", language="en", number=2))
    sent = request.sent()
    assert sent[0]["text"].startswith(summary(bundle, "bot-after-hours.en"))
    assert sent[-1]["reply_markup"]["inline_keyboard"] == [[link]]


def test_an_expired_release_gives_only_the_numbers_and_a_person(bot_world):
    application, request, clock, bundle = bot_world
    clock["now"] = dt.datetime(2099, 1, 1, 12, 0, tzinfo=dt.UTC)
    feed(application, text_update("where do i get an hiv test", language="en"))
    texts = [m["text"] for m in request.sent()]
    assert summary(bundle, "hiv-hcv-testing.en") not in texts
    assert "112" in texts[0] and "103" in texts[0]


def test_a_tampered_release_is_refused_and_the_bot_goes_on_with_its_own(bot_world, tmp_path):
    application, request, _clock, bundle = bot_world
    releases = application.handlers[0][0].callback.__self__.releases
    tampered = tmp_path / "tampered"
    shutil.copytree(releases.source, tampered)
    bundle_file = tampered / "releases" / "1.0.0" / "bundle.json"
    bundle_file.write_bytes(bundle_file.read_bytes().replace(b"103", b"104"))
    releases.source = str(tampered)
    assert releases.pull(now=OPEN) is False
    feed(application, text_update("друг не дышит"))
    assert "104" not in request.sent()[0]["text"] and "103" in request.sent()[0]["text"]


def renewed_channel(sample_release, folder, now: dt.datetime):
    """A copy of the sample release's channel whose notice the publisher renewed at `now`."""
    from types import SimpleNamespace

    from cryptography.hazmat.primitives import serialization

    from authoring_app.release.notice import build_notice
    from authoring_app.review.demo_keys import DEMO_PASSPHRASE, demo_key_files

    channel = shutil.copytree(sample_release.channel, folder)
    text = demo_key_files()["demo-publisher"].read_bytes()
    pem = text[text.index(b"-----BEGIN") :]
    private_key = serialization.load_pem_private_key(pem, DEMO_PASSPHRASE.encode())
    raw = (channel / "bundle.json").read_bytes()
    notice = build_notice(
        library_name=sample_release.data["library"]["name"],
        version=sample_release.data["version"],
        sha256=__import__("hashlib").sha256(raw).hexdigest(),
        size=len(raw),
        signer=SimpleNamespace(id="demo-publisher", name="Demo publisher"),
        private_key=private_key,
        now=now,
        days=7,
    )
    for name, data in notice.files().items():
        (channel / name).write_bytes(data)
    return channel


def test_an_answer_leaves_the_bot_on_its_review_date_and_the_rest_stay(sample_release, tmp_path):
    bundle = sample_release.data
    dates = {a["key"]: a["governance"]["next_review"] for a in bundle["answers"]}
    day = dt.date.fromisoformat(dates["opioid-overdose-signs.en"])
    later = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    assert dates["hiv-hcv-testing.en"] > later.date().isoformat()
    channel = renewed_channel(sample_release, tmp_path / "channel", later - dt.timedelta(hours=1))
    key = answer_kit.load_public_key(sample_release.key_file)
    releases = Releases(str(channel), tmp_path / "releases", key, allow_sample=True)
    clock = {"now": OPEN}
    assert releases.pull(now=OPEN)
    request = RecordingRequest()
    application = build_application(
        "123:TEST", AnswerBot(releases, lambda: clock["now"]), request=request
    )
    question = "what are the signs of an opioid overdose"
    feed(application, text_update(question, language="en"))
    assert summary(bundle, "opioid-overdose-signs.en") in [m["text"] for m in request.sent()]

    # Past the release's own expiry, a renewed notice keeps it current; the answer whose review
    # date has come is no longer sent, the others are, and the emergency response always is.
    clock["now"] = later
    releases.pull(now=later)
    request.calls.clear()
    feed(application, text_update(question, language="en", number=2))
    texts = [m["text"] for m in request.sent()]
    assert texts and summary(bundle, "opioid-overdose-signs.en") not in texts
    request.calls.clear()
    feed(application, text_update("my friend is not breathing", language="en", number=3))
    assert request.sent()[0]["text"] == summary(bundle, "emergency-response.en")
    request.calls.clear()
    feed(application, text_update("where do i get an hiv test", language="en", number=4))
    assert request.sent()[0]["text"] == summary(bundle, "hiv-hcv-testing.en")
