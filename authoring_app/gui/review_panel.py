"""The Review side panel: where the open answer stands, who signed, the thread, what changed;
and the review actions (submit, comment, request changes, sign off), each done by the core off
the GUI thread.

A button that cannot be used now is disabled, and says why in its tooltip and in the line under
the buttons. Sign off shows what is signed and what the signature means before it asks for the
passphrase.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from authoring_app.gui import ask
from authoring_app.gui.extensions import SCREENSHOT_VIEWS
from authoring_app.gui.review_html import diff_html, status_html, thread_html
from authoring_app.gui.review_view import (
    COMMENT_ACTION,
    REQUEST,
    SIGN,
    SUBMIT,
    ReviewView,
    load_review,
)
from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import LibraryError

SHORTCUTS = {
    SUBMIT: "Ctrl+Shift+U",
    COMMENT_ACTION: "Ctrl+Shift+M",
    REQUEST: "Ctrl+Shift+D",
    SIGN: "Ctrl+Shift+S",
}
PANEL_WIDTH = 540


class ReviewPanel(QWidget):
    def __init__(self, window):
        super().__init__()
        self.window = window
        self.view: ReviewView | None = None
        self.job: int | None = None
        self.pending: str | None = None  # an action asked for before the review was read
        self.setObjectName("review_panel")
        self.setAccessibleName(self.tr("Review"))

        self.heading = QLabel(self.tr("Open an answer to see its review."))
        self.heading.setObjectName("review_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setAccessibleName(self.tr("Review status"))

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        labels = {
            SUBMIT: self.tr("Submit for review"),
            COMMENT_ACTION: self.tr("Comment…"),
            REQUEST: self.tr("Request changes…"),
            SIGN: self.tr("Sign off…"),
        }
        for number, (action, text) in enumerate(labels.items()):
            button = QPushButton(text)
            button.setObjectName(f"review_{action}")
            button.setAccessibleName(text.rstrip("…"))
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, a=action: self.act(a))
            self.buttons[action] = button
            grid.addWidget(button, number // 2, number % 2)
        self.buttons[SIGN].setStyleSheet("QPushButton:enabled { font-weight: bold; }")
        self.why_not = QLabel()
        self.why_not.setObjectName("review_why_not")
        self.why_not.setWordWrap(True)
        self.why_not.setStyleSheet("color: #5f6b7a;")
        self.why_not.setAccessibleName(self.tr("Why some review buttons are disabled"))

        self.diff = QTextBrowser()
        self.diff.setObjectName("review_diff")
        self.diff.setAccessibleName(self.tr("What changed"))
        self.thread_label = QLabel(self.tr("<b>Review thread</b> (oldest first)"))
        self.thread = QTextBrowser()
        self.thread.setObjectName("review_thread")
        self.thread.setAccessibleName(self.tr("Review thread"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.why_not)
        layout.addWidget(self.diff, 3)
        layout.addWidget(self.thread_label)
        layout.addWidget(self.thread, 2)

    # -- showing ---------------------------------------------------------------------------

    def refresh(self, *_args) -> None:
        """Work out the review of the open answer again (off the GUI thread), when shown."""
        window = self.window
        key = window.current_key()
        if window.side_tabs.currentWidget() is not self:
            self.view = None  # worked out again when the panel is shown
            self._apply_state()
            return
        if window.library is None or key is None or window.editor.is_new:
            self.view = None
            self.heading.setText(self.tr("Open an answer to see its review."))
            self.diff.clear()
            self.thread.clear()
            self._apply_state()
            return
        library, person = window.library, window.person
        self.job = window.tasks.run(
            lambda: load_review(library, key, person),
            on_done=self._show,
            on_error=lambda exc: self.heading.setText(str(exc)),
            channel="review",
            description=self.tr("Reading the review"),
        )

    def _show(self, view: ReviewView) -> None:
        if view.key != self.window.current_key():
            return
        self.view = view
        self.heading.setText(status_html(view))
        self.diff.setHtml(diff_html(view))
        self.diff.setVisible(bool(view.baseline is not None or view.baseline_note))
        self.thread.setHtml(thread_html(view))
        self._apply_state()
        pending, self.pending = self.pending, None
        if pending is not None:
            self.act(pending)

    def refusal(self, action: str) -> str | None:
        """Why `action` cannot be done now (None: it can)."""
        if self.view is None:
            return self.tr("Open a saved answer first.")
        if self.window.editor.is_modified and action not in self.view.not_for_person:
            return self.tr("Save your changes first.")
        return self.view.refusals.get(action)

    def _apply_state(self) -> None:
        lines = []
        person = self.window.person
        for action, button in self.buttons.items():
            reason = self.refusal(action)
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
            window_action = self.window.actions.get(f"review.{action}")
            if window_action is not None:  # usable to open the panel even before it is read
                unknown = self.view is None and self.window.editor.has_answer
                window_action.setEnabled(reason is None or unknown)
                window_action.setToolTip("" if unknown else reason or "")
            relevant = {
                SUBMIT: ("author",),
                REQUEST: ("clinician",),
                SIGN: ("clinician",),
            }.get(action)
            if (
                reason
                and self.view is not None
                and person is not None
                and relevant
                and any(person.has_role(r) for r in relevant)
                and reason not in lines
            ):
                lines.append(f"{button.text().rstrip('…')}: {reason}")
        self.why_not.setText("\n".join(lines))
        self.why_not.setVisible(bool(lines))

    # -- acting ----------------------------------------------------------------------------

    def act_from_menu(self, action: str) -> None:
        """A menu command or shortcut: show the panel, then act once the review is read."""
        shown = self.window.side_tabs.currentWidget() is self
        if shown and self.view is not None and self.view.key == self.window.current_key():
            self.act(action)
            return
        self.pending = action
        if shown:
            self.refresh()
        else:
            show_review(self.window)  # refreshes, then acts

    def act(self, action: str) -> None:
        if self.refusal(action) is not None:
            self.window.statusBar().showMessage(self.refusal(action), 6000)
            return
        {
            SUBMIT: self.submit,
            COMMENT_ACTION: self.comment,
            REQUEST: self.request_changes,
            SIGN: self.sign_off,
        }[action]()

    def submit(self) -> None:
        from authoring_app.review import actions as review

        note = ask.message(
            self.window,
            self.tr("Send for review"),
            self.tr(
                "A note to the doctor, if you like: what changed, what to look at first. The "
                "doctor sees it in the review thread."
            ),
            self.tr("Send for review"),
            required=False,
        )
        if note is None:
            self.window.statusBar().showMessage(self.tr("Not sent for review."), 5000)
            return
        self._write(
            lambda library, key, person, private_key: review.submit(
                library, key, person, private_key, message=note.strip()
            ),
            self.tr("Sent for review"),
        )

    def comment(self) -> None:
        from authoring_app.review import actions as review

        text = ask.message(
            self.window,
            self.tr("Comment"),
            self.tr("Your comment is added to the review thread of this text."),
            self.tr("Add comment"),
        )
        if text:
            self._write(
                lambda library, key, person, private_key: review.comment(
                    library, key, person, private_key, text
                ),
                self.tr("Comment added"),
            )

    def request_changes(self) -> None:
        from authoring_app.review import actions as review

        reason = ask.message(
            self.window,
            self.tr("Request changes"),
            self.tr(
                "Say what must change before you can sign this off. The author sees this in "
                "the review thread."
            ),
            self.tr("Request changes"),
        )
        if reason:
            self._write(
                lambda library, key, person, private_key: review.request_changes(
                    library, key, person, private_key, reason
                ),
                self.tr("Changes requested"),
            )

    def sign_off(self) -> None:
        from authoring_app.gui.signoff_dialog import SignOffDialog
        from authoring_app.release.preview import sign_off_preview
        from authoring_app.review import actions as review
        from authoring_app.review.exceptions import ChecksStand
        from authoring_app.review.keys import KeyStore

        window, key, person = self.window, self.view.key, self.window.person
        try:
            review.check_sign_off(window.library, key, person)
        except ChecksStand:
            pass  # the dialog shows every check and refuses to sign, saying why
        except review.ReviewError as exc:
            ask.error(window, self.tr("Cannot sign off"), str(exc))
            return
        intro = self.tr(
            "You are about to sign off the exact text below. Your signature means: clinical "
            "approval for publication. Any later edit voids it."
        )
        bot = window.bot_index
        asked = bot.question_problems(window.library.answer(key)) if bot.matcher else None
        preview = sign_off_preview(window.library, key, question_checks=asked)
        dialog = SignOffDialog(
            preview,
            person,
            window.library.answer(key).content_hash(),
            intro,
            lambda passphrase: KeyStore().load(person.id, passphrase),
            window,
        )
        private_key = dialog.private_key if dialog.exec() else None
        if private_key is None:
            window.statusBar().showMessage(self.tr("Not signed."), 5000)
            return
        window.session_keys.remember(person.id, private_key)
        self._write(
            lambda library, k, p, key: _signed_status(library, review.sign_off(library, k, p, key)),
            self.tr("Signed off"),
            private_key,
            said=self.signed_words,
        )

    def signed_words(self, status) -> str:
        """What a sign-off achieved: approval, or how many of the sign-offs needed there are."""
        if status is None or len(status.sign_offs) >= status.required:
            return self.tr("Signed off: the answer is approved")
        return (
            self.tr("Signed off: %1 of %2 sign-offs; another doctor must sign too")
            .replace("%1", str(len(status.sign_offs)))
            .replace("%2", str(status.required))
        )

    def _write(self, operation, done_text: str, private_key=None, said=None) -> None:
        """Run `operation(library, key, person, private_key)` off the GUI thread, signed with
        the person's key (unlocked once while the app is open)."""
        window = self.window
        library, key, person = window.library, self.view.key, window.person
        private_key = private_key or window.session_keys.key_for(window, person)
        if private_key is None:
            window.statusBar().showMessage(
                self.tr("Not done: every review step is signed with your key."), 6000
            )
            return
        for button in self.buttons.values():
            button.setEnabled(False)
        window.tasks.run(
            lambda: operation(library, key, person, private_key),
            on_done=lambda result: self._written(said(result) if said else done_text),
            on_error=self._failed,
            description=done_text,
        )

    def _written(self, done_text: str) -> None:
        self.window.statusBar().showMessage(done_text, 5000)
        self.window.refresh_list()  # the list, the filters and this panel follow

    def _failed(self, exc: BaseException) -> None:
        ask.error(self.window, self.tr("Not done"), str(exc))
        self.refresh()


def _signed_status(library, record):
    """The answer's status just after `record` was signed (None if it cannot be read)."""
    from authoring_app.review.library_status import answer_status

    try:
        return answer_status(library, record.key)
    except (LibraryError, OSError, ValueError):  # signed; only the words about it are lost
        return None


def install(window) -> None:
    panel = ReviewPanel(window)
    window.review_panel = panel
    window.add_side_panel(panel, QApplication.translate("ReviewPanel", "Review"), name="review")
    window.actions.menu("review", QApplication.translate("ReviewPanel", "&Review"), before=None)
    window.actions.add(
        "show_review",
        QApplication.translate("ReviewPanel", "Show &review"),
        lambda: show_review(window),
        menu="review",
        shortcut="Ctrl+Shift+R",
    )
    texts = {
        SUBMIT: QApplication.translate("ReviewPanel", "&Submit for review"),
        COMMENT_ACTION: QApplication.translate("ReviewPanel", "&Comment…"),
        REQUEST: QApplication.translate("ReviewPanel", "Request &changes…"),
        SIGN: QApplication.translate("ReviewPanel", "Sign &off…"),
    }
    for action, text in texts.items():
        window.actions.add(
            f"review.{action}",
            text,
            lambda a=action: panel.act_from_menu(a),
            menu="review",
            shortcut=SHORTCUTS[action],
        ).setEnabled(False)
    window.answer_opened.connect(panel.refresh)
    window.person_changed.connect(panel.refresh)
    window.library_refreshed.connect(panel.refresh)
    window.editor.modified_changed.connect(lambda _m: panel._apply_state())
    window.side_tabs.currentChanged.connect(lambda _i: _panel_shown(window, panel))


def _panel_shown(window, panel) -> None:
    if window.side_tabs.currentWidget() is panel:
        _widen(window)
        panel.refresh()


def show_review(window) -> None:
    window.show_side_panel("review")


def _widen(window) -> None:
    """The review needs more room than the checks: widen the side panel while it shows."""
    if window.side_tabs.currentWidget() is getattr(window, "review_panel", None):
        window.widen_side_panel(PANEL_WIDTH)


def review_screenshot(window):
    """As a doctor who has not signed the open answer: its review, thread and changes."""
    library, key = window.library, window.current_key()
    if library is not None and key is not None:
        window.person = _screenshot_reviewer(library, key) or window.person
        window._show_person()
        window.person_changed.emit(window.person)
    window.show_side_panel("review")
    _settle(window)
    return window


def _screenshot_reviewer(library, key: AnswerKey):
    """The doctor with most to see: one who took part in this answer's review, else any."""
    from authoring_app.review.library_status import answer_status

    clinicians = library.roster.with_role("clinician")
    status = answer_status(library, key)
    took_part = [r.person for r in status.records]
    ranked = sorted(
        clinicians,
        key=lambda p: (p.id == status.last_editor, p.id in status.signers, -took_part.count(p.id)),
    )
    return ranked[0] if ranked else None


def _settle(window) -> None:
    for _ in range(20):
        window.tasks.wait()
        QApplication.processEvents()
        if not window.tasks.busy:
            break


SCREENSHOT_VIEWS["review"] = review_screenshot
