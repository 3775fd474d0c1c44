"""Help: a short guide for each role, what each status means, and who to ask."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
)

from authoring_app.gui.extensions import SCREENSHOT_VIEWS
from authoring_app.gui.status_view import STATUSES, status_colour, status_word


def tr(text: str) -> str:
    return QApplication.translate("HelpWindow", text)


# Each guide: a title, then its steps. Written for someone who has never used the app.
GUIDES = {
    "author": (
        "Outreach worker",
        [
            "Make a new answer with File → New answer (Ctrl+N): write the question as people "
            "ask it, choose the topic and the language.",
            "Fill in the short reply that fits one chat message, the ways people ask, and when "
            "to get help urgently. The Checks tab on the right says what is still missing.",
            "Write the full answer below. The buttons above the text make words bold, lists, "
            "headings and links. Insert service (Ctrl+Shift+I) names a service from the "
            "directory: never type a phone number, the service's number is added for you.",
            "Save (Ctrl+S). Every save is kept: Answer → History shows each version and who "
            "saved it.",
            "When the answer is ready, send it for review in the Review tab. A doctor reads it "
            "and either signs it off or asks for changes.",
        ],
    ),
    "clinician": (
        "Doctor",
        [
            "The list on the left shows the answers waiting for you first.",
            "Open one: the Review tab shows what changed since the last sign-off, the "
            "conversation about it, and every check.",
            "Ask for changes with a note, or sign off. Before your passphrase, the app shows "
            "the exact text, every service it names and what your signature means.",
            "Your sign-off holds for that exact text only: any later edit needs a new one. "
            "Each answer comes back for review when its review date passes.",
        ],
    ),
    "publisher": (
        "Publisher",
        [
            "Library → Publish shows which signed-off answers go out, what changed since the "
            "last release, and what stops anything else.",
            "Confirm the version the app proposes. The release is signed with your key and "
            "sent to every place the library names; the result says where it went.",
            "Chat bots and web sites pick up the new release by themselves and check its "
            "signatures before they use it.",
        ],
    ),
    "governor": (
        "Governor",
        [
            "Governors decide who counts as a doctor or a publisher, how many doctors must "
            "sign each topic, and which services and numbers answers may name.",
            "Library → Governors and rules shows every change waiting for your signature. A "
            "change counts only once enough governors have signed that exact file.",
            "Until then the app keeps using the last version the governors signed, and a "
            "release never uses the pending one.",
        ],
    ),
}

STATUS_MEANINGS = {
    "draft": "Being written. Nobody has been asked to review this text yet.",
    "in review": "Sent to the doctors; waiting for a sign-off or a request for changes.",
    "changes requested": "A doctor asked for changes. Edit and save, then send it again.",
    "approved": "Signed off by enough doctors; it goes out with the next release.",
    "published": "Signed off and in a release: chat bots and web sites are using it.",
    "review due": "The sign-off is too old. A doctor must read it again; until then bots "
    "stop sending it.",
    "source changed": "A translation whose original changed since it was signed off, or is "
    "not signed off: a doctor signs off the original, then this translation again.",
    "retired": "Withdrawn on purpose; it is in no release.",
    "conflict": "Two people changed it on different computers. Choose or combine the two "
    "texts before anything else.",
}

# Who answers which kind of question, and the role to look for in the library.
WHO_TO_ASK = (
    ("clinician", "Is the medical content right? Ask a doctor:"),
    ("publisher", "Why is an answer not in the bot yet? Ask a publisher:"),
    ("governor", "Who may sign, or a service's number is wrong? Ask a governor:"),
)


class HelpWindow(QDialog):
    """Opens on the guide for `role`; a tab for each role, the statuses and who to ask."""

    def __init__(self, window, role: str = "author"):
        super().__init__(window)
        self.setObjectName("help_window")
        self.setWindowTitle(tr("Help"))
        self.tabs = QTabWidget()
        for title, steps in GUIDES.values():
            self.tabs.addTab(_page(_guide(steps)), tr(title))
        self.tabs.addTab(_page(_statuses()), tr("What the statuses mean"))
        self.tabs.addTab(_page(_who_to_ask(window)), tr("Who to ask"))
        self.tabs.setCurrentIndex(list(GUIDES).index(role) if role in GUIDES else 0)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(720, 520)

    def page_text(self, index: int) -> str:
        return self.tabs.widget(index).toPlainText()


def _page(text: str) -> QTextBrowser:
    page = QTextBrowser()
    page.setOpenExternalLinks(False)
    page.setHtml(text)
    return page


def _guide(steps: list[str]) -> str:
    return "<ol>" + "".join(f"<li style='margin-bottom:6px'>{tr(s)}</li>" for s in steps) + "</ol>"


def _statuses() -> str:
    rows = []
    for status in STATUSES:
        if status not in STATUS_MEANINGS:
            continue
        colour = status_colour(status).name()
        rows.append(
            f"<p><b style='color:{colour}'>{html.escape(status_word(status))}</b> — "
            f"{tr(STATUS_MEANINGS[status])}</p>"
        )
    return "".join(rows)


def _who_to_ask(window) -> str:
    library = getattr(window, "library", None)
    parts = []
    for role, question in WHO_TO_ASK:
        if library is None:
            names = []
        elif role == "governor":
            names = [g.name for g in library.info.governors]
        else:
            names = [p.name for p in library.roster.with_role(role)]
        listed = ", ".join(html.escape(n) for n in names) or tr("nobody is named yet")
        parts.append(f"<p><b>{tr(question)}</b><br>{listed}</p>")
    parts.append(f"<p>{tr('Anything else: ask the person who set up the app for you.')}</p>")
    return "".join(parts)


def role_of(window) -> str:
    """The guide to open first for the person using the app."""
    person = getattr(window, "person", None)
    library = getattr(window, "library", None)
    if person is not None and library is not None:
        if any(g.id == person.id for g in library.info.governors):
            return "governor"
        for role in ("clinician", "publisher", "author"):
            if person.has_role(role):
                return role
    return "author"


def show_help(window) -> None:
    HelpWindow(window, role_of(window)).exec()


def install(window) -> None:
    window.actions.menu("help", tr("&Help"))
    window.actions.add(
        "help",
        tr("&Guide…"),
        lambda: show_help(window),
        menu="help",
        shortcut="F1",
        tip=tr("How to use the app, for your role"),
    )


def help_screenshot(window):
    from authoring_app.gui.writing_views import over_window

    dialog = HelpWindow(window, "author")
    dialog.resize(min(760, window.width() - 40), min(560, window.height() - 40))
    return over_window(window, dialog)


SCREENSHOT_VIEWS["help"] = help_screenshot
