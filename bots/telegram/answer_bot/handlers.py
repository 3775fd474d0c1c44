"""Telegram updates in, the verified release's words out.

Handlers are thin: each turns an update into a call of the consumer kit (`Responder`) and
sends exactly the messages and buttons it returns. In a group the bot speaks when it is
addressed (a mention, a reply to it, /ask), and always when a message holds an emergency
trigger; a private answer is never sent to a group.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

import answer_kit
from answer_bot.releases import Releases

log = logging.getLogger(__name__)
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)


def _locale(update: Update) -> str | None:
    user = update.effective_user
    code = (user.language_code or "") if user else ""
    return code[:2].lower() or None


def _is_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type in GROUPS


def _start_link(bot_username: str, key: str) -> str:
    """A link opening a private chat with the bot at answer `key` ("id.locale")."""
    answer_id, _, locale = key.rpartition(".")
    return f"https://t.me/{bot_username}?start={answer_id}_{locale}"


def _markup(buttons, bot_username: str) -> InlineKeyboardMarkup | None:
    rows = []
    for button in buttons:
        if button.url:
            rows.append([InlineKeyboardButton(button.text, url=button.url)])
        elif button.action and button.action.startswith(answer_kit.replies.PRIVATE + ":"):
            key = button.action.split(":", 1)[1]
            rows.append([InlineKeyboardButton(button.text, url=_start_link(bot_username, key))])
        elif button.action:
            rows.append([InlineKeyboardButton(button.text, callback_data=button.action[:64])])
    return InlineKeyboardMarkup(rows) if rows else None


class AnswerBot:
    """The bot's behaviour, around the releases it answers from."""

    def __init__(self, releases: Releases, clock=None):
        self.releases = releases
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def _responder(self) -> tuple[answer_kit.Responder | None, bool]:
        current = self.releases.at(self.clock())
        if current is None:
            return None, False
        return current.responder, current.fresh(self.clock())

    async def _send(self, update: Update, response: answer_kit.Response, context) -> None:
        chat = update.effective_chat
        messages = list(response.messages)
        markup = _markup(response.buttons, context.bot.username)
        for number, text in enumerate(messages):
            last = number == len(messages) - 1
            await context.bot.send_message(
                chat.id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup if last else None,
                disable_web_page_preview=True,
            )

    async def _stale(self, update: Update, responder: answer_kit.Responder, context) -> None:
        """The release has expired: only the emergency numbers and how to reach a person."""
        locale = _locale(update)
        numbers = responder.emergency_numbers(locale)
        hand_off = responder.hand_off(locale, self.clock())
        response = answer_kit.Response(
            hand_off.match, tuple(m for m in (numbers, *hand_off.messages) if m), hand_off.buttons
        )
        await self._send(update, response, context)

    async def message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = (update.effective_message.text or "") if update.effective_message else ""
        await self._reply(update, context, text, needs_address=True)

    async def _reply(self, update: Update, context, text: str, *, needs_address: bool) -> None:
        responder, fresh = self._responder()
        if responder is None:
            log.warning("no release to answer from yet")
            return
        group = _is_group(update)
        if group and needs_address:
            text, addressed = self._addressed(update, text, context.bot.username)
            if not addressed and not responder.matcher.emergencies(text):
                return
        if not fresh:
            await self._stale(update, responder, context)
            return
        response = responder.ask(text, locale=_locale(update), group=group, now=self.clock())
        await self._send(update, response, context)

    @staticmethod
    def _addressed(update: Update, text: str, username: str | None) -> tuple[str, bool]:
        message = update.effective_message
        mention = f"@{username}" if username else None
        if mention and mention.casefold() in text.casefold():
            return text.replace(mention, " "), True
        replied = message.reply_to_message if message else None
        if replied is not None and replied.from_user and replied.from_user.username == username:
            return text, True
        return text, False

    async def ask_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ask QUESTION: how a group addresses the bot."""
        text = " ".join(context.args or ())
        if text.strip():
            await self._reply(update, context, text, needs_address=False)

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        responder, fresh = self._responder()
        if responder is None:
            return
        if not fresh:
            await self._stale(update, responder, context)
            return
        payload = (context.args or [""])[0]
        answer_id, _, locale = payload.rpartition("_")
        found = responder.by_key.get(f"{answer_id}.{locale}") if answer_id else None
        if found is not None and not _is_group(update) and found.get("kind") is None:
            response = answer_kit.Response(
                answer_kit.Match(locale, answer=found["key"]),
                (found["summary"]["telegram"], *found["body"]["telegram"]),
            )
        else:
            response = responder.welcome(_locale(update))
        await self._send(update, response, context)

    async def person(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/person: how to reach someone (or that it is after hours)."""
        responder, _fresh = self._responder()
        if responder is not None:
            await self._send(update, responder.hand_off(_locale(update), self.clock()), context)

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A "read the full answer" button."""
        query = update.callback_query
        await query.answer()
        responder, fresh = self._responder()
        kind, _, key = (query.data or "").partition(":")
        if responder is None or not fresh or kind != answer_kit.replies.MORE:
            return
        found = responder.by_key.get(key)
        if found is None or (_is_group(update) and found.get("visibility") != "group"):
            return
        for text in responder.more(key):
            await context.bot.send_message(
                update.effective_chat.id,
                text,
                parse_mode=ParseMode.HTML,
                disable_web_page_preview=True,
            )


def build_application(
    token: str, bot: AnswerBot, *, request=None, pull_every_s=None
) -> Application:
    """The framework's application with the bot's handlers. `request` replaces the network
    (tests pass one that records calls); `pull_every_s` pulls releases on that schedule."""
    builder = ApplicationBuilder().token(token)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if pull_every_s:

        async def pull_on_schedule(application: Application) -> None:
            async def loop() -> None:
                while True:
                    await asyncio.to_thread(bot.releases.pull)
                    await asyncio.sleep(pull_every_s)

            application.create_task(loop())

        builder = builder.post_init(pull_on_schedule)
    application = builder.build()
    application.add_handler(CommandHandler("start", bot.start))
    application.add_handler(CommandHandler(["person", "human"], bot.person))
    application.add_handler(CommandHandler("ask", bot.ask_command))
    application.add_handler(CallbackQueryHandler(bot.button))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, bot.message))
    return application
