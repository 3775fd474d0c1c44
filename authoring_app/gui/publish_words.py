"""What the Publish dialog says of a plan, in the interface language: why the version, why
each answer stays out, where the release goes, and how anyone checks it."""

from __future__ import annotations

import html
import re
import shlex

from PySide6.QtWidgets import QApplication

from authoring_app.gui.checks_panel import check_headline


def verify_commands(library_path, publisher_id: str, channels=()) -> str:
    """How anyone checks the release, in commands to paste into a terminal: the publisher
    exports their key (for bot maintainers to pin), then the release is pulled and checked
    from where bots read it (a channel on the web if there is one), or from this library."""
    where = shlex.quote(str(library_path))
    sources = [c.read_from for c in channels]
    source = next((s for s in sources if s.startswith("https://")), None)
    source = shlex.quote(source or (sources[0] if sources else str(library_path)))
    return "\n".join(
        [
            f"authoring-app keys export --person {shlex.quote(publisher_id)} --library {where}"
            " > publisher.pub",
            "answer-kit fingerprint publisher.pub",
            f"answer-kit pull {source} --to answers --key publisher.pub",
            "answer-kit verify answers/current --key publisher.pub",
            "minisign -Vm answers/current/bundle.json -p publisher.pub",
        ]
    )


def channel_words(channel) -> str:
    """A releases channel in a publisher's words, with where bots read it."""
    if channel.kind == "folder":
        text = QApplication.translate("PublishDialog", "the releases folder %1").replace(
            "%1", channel.where
        )
    else:
        text = QApplication.translate("PublishDialog", "the releases repository %1").replace(
            "%1", channel.where
        )
    if channel.url and channel.url != channel.where:
        text += " " + QApplication.translate("PublishDialog", "(bots read it at %1)").replace(
            "%1", channel.url
        )
    return text


def channels_html(channels, notice) -> str:
    """Where releases go, and until when bots are told the latest is current."""
    if channels:
        items = "".join(f"<li>{html.escape(channel_words(c))}</li>" for c in channels)
        text = "<p><b>{}</b></p><ul style='margin:0'>{}</ul>".format(
            html.escape(
                QApplication.translate("PublishDialog", "Bots and sites receive releases from:")
            ),
            items,
        )
    else:
        text = "<p style='color:#b35c00;'>{}</p>".format(
            html.escape(
                QApplication.translate(
                    "PublishDialog",
                    "No releases channel is set up: bots and sites can read releases only with "
                    "access to this library. Whoever looks after the library can name one in "
                    "library.yaml (see the guide for bot maintainers).",
                )
            )
        )
    if notice is not None:
        text += "<p>{}</p>".format(
            html.escape(
                QApplication.translate(
                    "PublishDialog", "Bots are told that release %1 is current until %2."
                )
                .replace("%1", notice.version)
                .replace("%2", f"{notice.expires:%Y-%m-%d %H:%M} UTC")
            )
        )
    return text


def delivery_html(deliveries) -> str:
    """Where the release went: one line a channel, with what went wrong."""
    if not deliveries:
        return "<p>{}</p>".format(
            html.escape(
                QApplication.translate(
                    "PublishDialog",
                    "It is kept in this library only: no place where bots read releases is "
                    "set up yet.",
                )
            )
        )
    problems = {
        "no-folder": QApplication.translate(
            "PublishDialog", "there is no such folder on this computer"
        ),
        "unsafe-path": QApplication.translate(
            "PublishDialog", "a folder in it is a link to somewhere else, so nothing was written"
        ),
        "cannot-write": QApplication.translate("PublishDialog", "it cannot be written to (%1)"),
        "rejected": QApplication.translate(
            "PublishDialog", "it holds releases this library does not have: sync, then send again"
        ),
        "unreachable": QApplication.translate("PublishDialog", "it cannot be reached (%1)"),
    }
    lines = []
    for delivery in deliveries:
        where = channel_words(delivery.channel)
        if delivery.delivered:
            line = "<span style='color:#1b5e20;'>✓ {}</span>".format(
                html.escape(
                    QApplication.translate("PublishDialog", "Sent to %1").replace("%1", where)
                )
            )
        else:
            why = problems.get(delivery.problem, "%1").replace("%1", delivery.detail)
            line = "<span style='color:#b71c1c;'>✗ {}</span>".format(
                html.escape(
                    QApplication.translate("PublishDialog", "Not sent to %1: %2")
                    .replace("%1", where)
                    .replace("%2", why)
                )
            )
        lines.append(line)
    if not all(d.delivered for d in deliveries):
        lines.append(
            html.escape(
                QApplication.translate(
                    "PublishDialog",
                    "The release is safe in this library: use “Send again” once that is fixed.",
                )
            )
        )
    return "<p>" + "<br>".join(lines) + "</p>"


def why_words(plan) -> str:
    """Why the proposed version, in the interface language (the core's words otherwise)."""
    words = {
        "first": QApplication.translate("PublishDialog", "the first release"),
        "minor": QApplication.translate("PublishDialog", "answers added: %1").replace(
            "%1", str(len(plan.added))
        ),
        "patch": QApplication.translate("PublishDialog", "approved text changed: %1").replace(
            "%1", str(len(plan.changed))
        ),
    }
    if plan.bump == "major" and plan.removed:
        return QApplication.translate("PublishDialog", "answers removed: %1").replace(
            "%1", str(len(plan.removed))
        )
    if plan.bump == "patch" and not plan.changed:
        return plan.why
    return words.get(plan.bump, plan.why)


def left_out_words(item) -> str:
    """Why an answer stays out, in the interface language (the core's words as a tooltip)."""
    found = re.search(r"(\d+) of (\d+)", item.reason)
    counts = found.groups() if found else ("?", "?")
    words = {
        "draft": QApplication.translate("PublishDialog", "not sent for review or not signed off"),
        "in review": QApplication.translate(
            "PublishDialog", "waiting for doctors' sign-off (%1 of %2 so far)"
        )
        .replace("%1", counts[0])
        .replace("%2", counts[1]),
        "changes requested": QApplication.translate("PublishDialog", "a doctor asked for changes"),
        "review due": QApplication.translate(
            "PublishDialog", "its review is overdue: a doctor must sign it off again"
        ),
        "conflict": QApplication.translate(
            "PublishDialog", "edited on two computers: choose or combine first"
        ),
        "retired": QApplication.translate("PublishDialog", "retired"),
        "source changed": QApplication.translate(
            "PublishDialog",
            "a translation of a text that changed or is not signed off: a doctor must sign "
            "off the original, then the translation again",
        ),
        "checks stand": QApplication.translate(
            "PublishDialog",
            "must-fix checks stand: %1 (fix them, or a governor records an exception)",
        ).replace("%1", "; ".join(check_headline(code) for code in getattr(item, "checks", ()))),
    }
    text = words.get(item.status, plain(item.reason))
    if item.status == "draft" and "changed after its sign-off" in item.reason:
        text = QApplication.translate(
            "PublishDialog", "edited after its sign-off: needs signing off again"
        )
    return text


def plain(text: str) -> str:
    return " ".join(str(text).split())


def tr(text: str) -> str:
    return QApplication.translate("PublishDialog", text)


def sent_words(sent) -> str:
    """Whether a release just made reached the shared library (sync/releases.py)."""
    if not sent.shared:
        return tr("This library is not shared; the release stays on this computer.")
    if sent.stranded:
        return tr(
            "Another computer published at the same moment, so this release was not sent. "
            "Repair the library, then publish again."
        )
    if sent.failure is not None:
        return tr("It will be sent to the shared library with the next sync.")
    return tr("It was sent to the shared library.")


_TRUST = [
    (r"first release with governed trust: .*", "first release with governed trust: every person, key, rule and number is new"),
    (r"governors: now (.+) \((\d+) must sign\)", "governors: now %1 (%2 must sign)"),
    (r"sign-off rules changed \(library\.yaml\).*", "the sign-off rules changed: clinicians, self sign-off or review"),
    (r"person added: (.+)", "person added: %1"),
    (r"person removed: (.+)", "person removed: %1"),
    (r"person changed: (.+) \((.+)\)", "person changed: %1 (%2)"),
    (r"directory entry added: (.+)", "service added to the directory: %1"),
    (r"directory entry removed: (.+)", "service removed from the directory: %1"),
    (r"directory entry changed: (.+) \((.+)\)", "service changed in the directory: %1 (%2)"),
]  # fmt: skip


def trust_words(change: str) -> str:
    """One change in who counts (release/trust.py), in the interface language."""
    for pattern, words in _TRUST:
        if found := re.fullmatch(pattern, change):
            text = QApplication.translate("PublishDialog", words)
            for number, value in enumerate(found.groups(), 1):
                text = text.replace(f"%{number}", value)
            return text
    return change


def trust_html(changes) -> str:
    """The changes in who counts since the last release, first in the dialog: each sign-off
    below is worth what they make it."""
    if not changes:
        return ""
    heading = QApplication.translate(
        "PublishDialog", "Changed since the last release in who counts (check these first):"
    )
    items = "".join(f"<li>{html.escape(trust_words(change))}</li>" for change in changes)
    return f'<p style="color:#5a3500;"><b>{html.escape(heading)}</b></p><ul>{items}</ul>'


def due_soon_html(items, titles, shown: int = 8) -> str:
    """The warning of answers in the release whose review comes soon (`due_soon.coming_up`):
    on that date each leaves the bots unless a doctor signs it off again."""
    if not items:
        return ""
    head = tr("Due for review soon (%1):").replace("%1", str(len(items)))
    why = tr(
        "On its review date each leaves the bots (the others stay) unless a doctor signs it "
        "off again before then."
    )
    lines = []
    for item in items[:shown]:
        when = (
            tr("due today")
            if item.days_left == 0
            else tr("due %1, in %2 days")
            .replace("%1", item.review_due.isoformat())
            .replace("%2", str(item.days_left))
        )
        title = titles.get(item.key) or str(item.key)
        lines.append(f"{html.escape(title)} ({item.key}): {html.escape(when)}")
    if len(items) > shown:
        lines.append(html.escape(tr("and %1 more").replace("%1", str(len(items) - shown))))
    return '<p style="color:#b35c00;"><b>{}</b> {}<br>{}</p>'.format(
        html.escape(head), html.escape(why), "<br>".join(lines)
    )
