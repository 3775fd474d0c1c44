"""What the "Try a question" panel says of a match, in the interface language: titles, where
each answer stands, its short reply as plain text. Never a score, an id or Markdown."""

from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from answer_kit.matching import Match
from authoring_app.gui.status_view import status_colour, status_word
from authoring_app.library.answer import AnswerKey
from authoring_app.release.render import render_text

SHORT_REPLY_CHARS = 320
EMERGENCY_BOX = "background:#fdecea; border:1px solid #e0a9a4; padding:6px; color:#7f1d1d;"


def tr(text: str) -> str:
    return QCoreApplication.translate("TryPanel", text)


def quoted(title: str) -> str:
    """A title in the interface language's quotation marks, escaped for rich text."""
    return html.escape(tr("“%1”")).replace("%1", html.escape(title))


@lru_cache(maxsize=256)
def _plain(markdown: str) -> str:
    """A short reply as a person reads it: no Markdown marks, cut at a word if long."""
    text = " ".join(render_text(markdown).split())
    if len(text) > SHORT_REPLY_CHARS:
        text = text[:SHORT_REPLY_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def _standing(window, key: str) -> str:
    """Where the library's answer `key` stands, in words and its colour."""
    editor = window.editor
    if editor.is_modified and str(window.current_key()) == key:
        words = tr("new, not saved yet") if editor.is_new else tr("with your unsaved changes")
        return f"<span style='color:#b35c00;'>{html.escape(words)}</span>"
    view = window.statuses.get(AnswerKey.parse(key))
    status = view.status if view is not None else "draft"
    release = window.bot_index.release
    if status == "published":
        words = tr("published: bots send it")
    elif release is not None and key in release.matcher.entries:
        words = tr("%1: bots send an earlier text").replace("%1", status_word(status))
    else:
        words = tr("%1: not published").replace("%1", status_word(status))
    return f"<span style='color:{status_colour(status).name()};'>{html.escape(words)}</span>"


def _entry(matcher, key: str, own):
    """The entry `key`: the open answer's text where it is `own`, else the index's."""
    if own is not None and own.key == key:
        return own
    return matcher.entries.get(key)


def _emergency_of(matcher, match: Match, own):
    """The emergency response a bot sends: the one in the message's language, if any."""
    for key in match.emergency:
        entry = _entry(matcher, key, own)
        if entry is not None and entry.locale == match.locale:
            return entry, key
    key = match.emergency[0]
    return _entry(matcher, key, own), key


def _answer_block(title: str, standing: str, reply: str) -> str:
    block = f"<p style='margin-top:4px;'><b>{quoted(title)}</b>"
    if standing:
        block += f"<br>{standing}"
    if reply:
        block += f"<br><span style='color:#333;'>{html.escape(reply)}</span>"
    return block + "</p>"


def _declined() -> str:
    return "<p><b>{}</b><br>{}</p>".format(
        html.escape(tr("The bot would not answer this.")),
        html.escape(
            tr(
                "It would say it did not understand and offer a person to talk to; after "
                "hours, it says when someone will be there."
            )
        ),
    )


def result_html(window, match: Match | None, own) -> str:
    """What a bot would send from the library now, drafts and unsaved changes included
    (`own`: the open answer's text, where the index does not hold it yet)."""
    bot = window.bot_index
    out = "<h3 style='margin-bottom:0;'>{}</h3><p style='color:#5f6b7a; margin-top:2px;'>{}</p>".format(
        html.escape(tr("From the library now")),
        html.escape(tr("Drafts and unsaved changes included: not what bots send yet.")),
    )
    if match is None or bot.matcher is None:
        answers = len(window.library.answers()) if window.library is not None else 0
        waiting = tr("Getting ready: reading %1 answers…").replace("%1", str(answers))
        return out + f"<p><i>{html.escape(waiting)}</i></p>"
    matcher = bot.matcher
    if match.emergency:
        entry, key = _emergency_of(matcher, match, own)
        title = entry.title if entry is not None else ""
        out += "<div style='{}'><b>{}</b>{}</div>".format(
            EMERGENCY_BOX,
            html.escape(tr("First, the emergency response:")),
            _answer_block(
                title,
                _standing(window, key),
                _plain(entry.summary) if entry is not None else "",
            ),
        )
    if match.answer is not None:
        entry = _entry(matcher, match.answer, own)
        heading = tr("Then the answer:") if match.emergency else tr("The bot would send:")
        out += f"<p style='margin-bottom:0;'><b>{html.escape(heading)}</b></p>"
        out += _answer_block(entry.title, _standing(window, match.answer), _plain(entry.summary))
        if entry.visibility != "group":
            out += "<p style='color:#5f6b7a;'>{}</p>".format(
                html.escape(
                    tr(
                        "In a group chat the bot sends only the emergency numbers of this "
                        "answer and offers to continue in private."
                    )
                )
            )
    elif match.emergency:
        out += "<p>{}</p>".format(
            html.escape(tr("No other answer: the bot sends the emergency response alone."))
        )
    else:
        out += _declined()
    others = [key for key in match.candidates if key != match.answer]
    if others:
        label = (
            tr("Other answers that came close:")
            if match.answer
            else tr("Closest answers, not close enough to send:")
        )
        items = "".join(
            f"<li>{quoted(entry.title)} · {_standing(window, key)}</li>"
            for key in others
            if (entry := _entry(matcher, key, own)) is not None
        )
        out += f"<p style='margin-bottom:0;'>{html.escape(label)}</p><ul>{items}</ul>"
    return out


def release_html(window, match: Match | None, bot) -> str:
    """What bots send today: the same message against the latest release."""
    release = bot.release
    if release is None:
        heading = tr("From the latest release")
        if bot.no_release:
            body = tr("Nothing is published yet: bots have no answers to send.")
        else:
            body = tr("Reading the latest release…")
        return f"<hr><h3>{html.escape(heading)}</h3><p>{html.escape(body)}</p>"
    heading = tr("From release %1: what bots send today").replace("%1", release.version)
    out = f"<hr><h3>{html.escape(heading)}</h3>"
    entries = release.matcher.entries
    if match.emergency:
        key = next((k for k in match.emergency if k.endswith(f".{match.locale}")), None)
        entry = entries.get(key or match.emergency[0])
        out += "<p style='color:#7f1d1d;'><b>{}</b> {}</p>".format(
            html.escape(tr("First, the emergency response:")), quoted(entry.title if entry else "")
        )
    if match.answer is not None:
        heading = tr("Then the answer:") if match.emergency else tr("The bot sends:")
        title = entries[match.answer].title
        out += f"<p><b>{html.escape(heading)}</b> {quoted(title)}</p>"
    elif not match.emergency:
        out += _declined()
    return out
