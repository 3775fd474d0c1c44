"""What the Publish dialog says of a plan, in the interface language: why the version, why
each answer stays out, and how anyone checks the release."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication


def verify_commands(library_path, version: str) -> str:
    """How anyone checks the release, in commands to paste into a terminal."""
    where = f'"{library_path}"'
    return "\n".join(
        [
            f"git -C {where} show published:releases/{version}/bundle.json > bundle.json",
            f"git -C {where} show published:releases/{version}/bundle.json.minisig"
            " > bundle.json.minisig",
            f"git -C {where} show published:releases/{version}/manifest.json > manifest.json",
            f"git -C {where} show published:publisher.pub > publisher.pub",
            "minisign -Vm bundle.json -p publisher.pub",
            "authoring-app verify bundle.json --key publisher.pub",
        ]
    )


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
