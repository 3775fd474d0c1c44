"""What the main window does with the answer being edited: open, protect, save, recover, check."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer

from authoring_app.gui import ask
from authoring_app.gui.checks_panel import check_headline, field_label
from authoring_app.gui.dialogs import NewAnswerDialog, NewTranslationDialog, SettingsDialog
from authoring_app.gui.history_dialog import HistoryDialog
from authoring_app.library import readability
from authoring_app.library.answer import Answer, AnswerKey, parse_answer
from authoring_app.library.checks import lint_answer
from authoring_app.library.ids import id_from_title
from authoring_app.library.problems import Problem
from authoring_app.review import edits


def with_exceptions(problems: list[Problem], answer: Answer, view, library) -> list[Problem]:
    """`problems`, with each error a governor's exception lets pass for this exact text shown
    as a warning that names the governor and the reason."""
    from dataclasses import replace

    if view is None or not view.exceptions:
        return problems
    current = answer.content_hash()
    allowed = {check: (who, why) for done, check, who, why in view.exceptions if done == current}
    names = {g.id: g.name for g in library.info.governors}
    out = []
    for problem in problems:
        if problem.severity == "error" and problem.code in allowed:
            who, why = allowed[problem.code]
            extra = (("excepted_by", names.get(who, who)), ("reason", why))
            problem = replace(problem, severity="warning", params=problem.params + extra)
        out.append(problem)
    return out


def answer_problems(answer: Answer, library) -> list[Problem]:
    """Schema problems of the would-be file, then the content checks."""
    _, problems = parse_answer(answer.to_text(), answer.path)
    problems = [p for p in problems if p.code != "wrong-place"]
    return problems + lint_answer(answer, library.info, library.directory)


class EditingMixin:
    """Mixed into MainWindow; uses its editor, library, tasks, recovery and settings."""

    # -- opening ---------------------------------------------------------------------------

    def open_answer(self, key: AnswerKey) -> bool:
        """Show the answer `key` in the editor, after dealing with unsaved changes."""
        if self.library is None:
            return False
        if key == self.current_key() and not self.editor.is_new:
            return True
        if not self.leave_answer(on_saved=lambda: self.open_answer(key)):
            self.library_panel.select(self.current_key())
            return False
        saved = self.library.find(key)
        if saved is None:
            return False
        answer = saved
        recovered = self.recovery.store.read(key)
        if recovered is not None:
            if recovered.answer.content_hash() != saved.content_hash() and ask.restore_unsaved(
                self, recovered.answer.title or str(key), _when(recovered.saved_at)
            ):
                answer = recovered.answer
            else:
                self.recovery.discard(key)
        self.editor.load(answer, saved=saved)
        self.library_panel.select(key)
        self._opened(key)
        return True

    def _opened(self, key: AnswerKey | None) -> None:
        self._update_title()
        self._update_actions()
        self.answer_opened.emit(key)

    def offer_recovered(self) -> None:
        """At start: offer back text that was not saved when the app last stopped."""
        if self.library is None:
            return
        for recovered in self.recovery.store.pending():
            key = recovered.answer.key
            saved = self.library.find(key)
            if saved is not None and saved.content_hash() == recovered.answer.content_hash():
                self.recovery.discard(key)
                continue
            if saved is not None:
                self.open_answer(key)  # offers it itself
            elif ask.restore_unsaved(
                self, recovered.answer.title or str(key), _when(recovered.saved_at)
            ):
                self.editor.load(recovered.answer, saved=None, is_new=True)
                self.library_panel.select(None)
                self._opened(key)
            else:
                self.recovery.discard(key)
            return

    def leave_answer(self, on_saved=None) -> bool:
        """True if the editor may show something else now (saved, discarded or unchanged).

        With unsaved changes, asks: Save (then `on_saved` runs once saving is done; this
        returns False), Discard, or Cancel.
        """
        if not self.editor.is_modified:
            return True
        answer = self.editor.answer()
        choice = ask.unsaved_changes(self, answer.title or str(answer.key))
        if choice == ask.SAVE:
            self.save(after=on_saved)
            return False
        if choice == ask.DISCARD:
            self.recovery.discard(answer.key)
            saved = self.editor.saved
            if saved is not None:
                self.editor.load(saved, saved=saved)
            else:
                self.editor.clear()
                self._opened(None)
            return True
        return False

    # -- new answers -----------------------------------------------------------------------

    def new_answer(self) -> None:
        if self.library is None or not self.leave_answer():
            return
        existing = {a.key for a in self.library.answers()}
        dialog = NewAnswerDialog(self.library.info, existing, self.ui_locale, self)
        if dialog.exec():
            self._start_new(dialog.new_answer())
            self.editor.named_after_title = True  # until saved, the id follows the title

    def new_translation(self) -> None:
        source = self.editor.answer()
        if self.library is None or source is None or not self.leave_answer():
            return
        source = self.library.find(source.key) or source
        have = set(self.library.locales_of(source.id))
        free = [loc for loc in self.library.info.locales if loc not in have]
        dialog = NewTranslationDialog(source, free, self)
        if dialog.exec():
            self._start_new(dialog.new_answer())

    def _start_new(self, answer: Answer) -> None:
        self.editor.load(answer, saved=None, is_new=True)
        self.library_panel.select(None)
        self._opened(answer.key)
        self.editor.title.setFocus()

    # -- saving ----------------------------------------------------------------------------

    def save(self, after=None) -> int | None:
        """Save the answer off the GUI thread; returns the job id (None if nothing to do)."""
        answer = self.editor.answer()
        if answer is None or self.library is None:
            return None
        if not self.editor.is_modified:
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Nothing to save: no changes."), 4000
            )
            if after:
                after()
            return None
        if not self.ensure_person():
            ask.error(
                self,
                QCoreApplication.translate("MainWindow", "Not saved"),
                QCoreApplication.translate("MainWindow", "Say who you are before saving."),
            )
            return None
        answer = self._named_after_title(answer)
        parsed, problems = parse_answer(answer.to_text(), answer.path)
        if parsed is None:
            self._explain_unsavable(problems)
            return None
        person, library = self.person, self.library
        private_key = self.session_keys.key_for(self, person)
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Saving…"))
        self.actions["save"].setEnabled(False)
        return self.tasks.run(
            lambda: edits.kept(
                lambda key: edits.save_answer(library, answer, person, key),
                lambda: library.save_answer(answer, person),
                private_key,
            ),
            on_done=lambda outcome: self._saved(answer, after, self._why_unsigned(outcome[1])),
            on_error=self._save_failed,
            description=QCoreApplication.translate("MainWindow", "Saving"),
        )

    def _named_after_title(self, answer: Answer) -> Answer:
        """A new answer's id made again from its title as it is now, so a question
        corrected in the editor before the first save names the files, not the first try."""
        if not (self.editor.is_new and self.editor.named_after_title and answer.title):
            return answer
        answer_id = id_from_title(answer.title, {a.id for a in self.library.answers()})
        if answer_id == answer.id:
            return answer
        self.recovery.discard(answer.key)  # the unsaved text is kept under its new name
        self.editor.rename_new(answer_id)
        return answer.edited(id=answer_id)

    def _saved(self, answer: Answer, after, unsigned: str | None = None) -> None:
        self.recovery.discard(answer.key)
        self.editor.mark_saved(answer)
        if self.editor.is_modified:  # typed on while it was saving
            self._edited()
        self.editor.refresh_heading()
        self.refresh_list()
        self.library_panel.select(answer.key)
        self._update_actions()
        if unsigned is None:
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Saved"), 5000)
        else:
            self.tell_unsigned(unsigned)
        self.answer_saved.emit(answer.key)
        if after:
            after()

    def _why_unsigned(self, why: str | None) -> str | None:
        if why is None or self.session_keys.unlocked_for(self.person.id) is not None:
            return why
        return QCoreApplication.translate("MainWindow", "your signing key was not unlocked")

    def tell_unsigned(self, why: str) -> None:
        """Say, once while the app is open and then in the status bar, that a text was kept
        without the person's signature, and what that means."""
        text = QCoreApplication.translate(
            "MainWindow", "Saved, but not signed as yours: a doctor cannot sign it off yet."
        )
        self.statusBar().showMessage(text, 10000)
        if self._told_unsigned:
            return
        self._told_unsigned = True
        ask.inform(
            self,
            QCoreApplication.translate("MainWindow", "Saved without your signature"),
            QCoreApplication.translate(
                "MainWindow",
                "Your text is saved and nothing is lost. It is not signed as yours (%1), so a "
                "doctor cannot sign it off until you save it again with your signing key "
                "unlocked.",
            ).replace("%1", why),
        )

    def _save_failed(self, exc: BaseException) -> None:
        self._update_actions()
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Not saved"), 5000)
        ask.error(
            self,
            QCoreApplication.translate("MainWindow", "Not saved"),
            QCoreApplication.translate(
                "MainWindow", "Your text was not saved: %1\n\nIt is kept safe; try saving again."
            ).replace("%1", str(exc)),
        )

    def _explain_unsavable(self, problems: list[Problem]) -> None:
        lines = [f"• {field_label(p.field)}: {check_headline(p.code)}" for p in problems[:8]]
        ask.error(
            self,
            QCoreApplication.translate("MainWindow", "Not saved yet"),
            QCoreApplication.translate("MainWindow", "Fill in these fields first:")
            + "\n\n"
            + "\n".join(lines),
        )
        self.show_side_panel("checks")
        if problems:
            self.editor.focus_field(problems[0].field or "")

    # -- as you type -----------------------------------------------------------------------

    def _edited(self) -> None:
        editor = self.editor

        def snapshot():
            answer = editor.answer()
            if answer is None or not editor.is_modified:
                return None
            return answer, editor.is_new, editor.saved.content_hash() if editor.saved else None

        if self.recovery is not None:
            self.recovery.changed(snapshot)

    def _modified_changed(self, modified: bool) -> None:
        self._update_title()
        self.setWindowModified(modified)
        if modified:
            self._before_voiding()

    def _before_voiding(self) -> None:
        """The first change to a signed-off text: say what saving will void, once per answer;
        if the person leaves it, the saved text comes back."""
        key = self.current_key()
        view = self.statuses.get(key) if key is not None and not self.editor.is_new else None
        if view is None or not view.signed_by:
            return
        asked = (key, view.signed_by)
        if asked in self.warned_of_voiding:
            return
        self.warned_of_voiding.add(asked)
        released = view.status in ("approved", "published", "review due")
        title = self.editor.title.text() or str(key)
        if ask.void_sign_offs(self, title, len(view.signed_by), released):
            return
        self.warned_of_voiding.discard(asked)  # asked again when they next start changing it
        QTimer.singleShot(0, lambda: self._put_back(key))

    def _put_back(self, key: AnswerKey) -> None:
        saved = self.library.find(key) if self.library is not None else None
        if saved is not None and self.current_key() == key:
            self.recovery.discard(key)
            self.editor.load(saved, saved=saved)

    def run_checks(self) -> None:
        answer = self.editor.answer()
        if answer is None or self.library is None:
            self.checks.show_problems(None)
            self.checks.show_readability(None)
            return
        limit = self.library.info.readability_limit(answer.locale)
        self.checks.show_readability(
            readability.readings(answer.summary, answer.body, answer.locale, limit)
        )
        problems = answer_problems(answer, self.library)
        problems = with_exceptions(problems, answer, self.statuses.get(answer.key), self.library)
        self.checks.show_problems(problems + self.bot_index.question_problems(answer))

    # -- other windows ---------------------------------------------------------------------

    def history_dialog(self) -> HistoryDialog | None:
        key = self.current_key()
        if key is None or self.library is None or self.editor.is_new:
            return None
        dialog = HistoryDialog(self.library, key, self.person, self.tasks, self)
        dialog.restored.connect(self._restored)
        return dialog

    def show_history(self) -> None:
        if not self.leave_answer(on_saved=self.show_history):
            return
        dialog = self.history_dialog()
        if dialog is not None:
            dialog.exec()

    def _restored(self, key: AnswerKey) -> None:
        saved = self.library.find(key)
        if saved is not None:
            self.recovery.discard(key)
            self.editor.load(saved, saved=saved)
        self.refresh_list()
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "The earlier version is back and saved."), 5000
        )
        self.answer_saved.emit(key)

    def show_settings(self) -> None:
        dialog = SettingsDialog(self.settings.language, self)
        if dialog.exec():
            self.settings.language = dialog.chosen_language()
            ask.inform(
                self,
                QCoreApplication.translate("MainWindow", "Settings"),
                QCoreApplication.translate(
                    "MainWindow", "The new language is used from the next time you start the app."
                ),
            )


def _when(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
