"""The main window: the library on the left, the editor in the middle, side panels on the right.

Seams for other parts of the app (see `authoring_app.gui.extensions`):
`add_side_panel`, `actions` (an ActionRegistry), `tasks` (a TaskRunner) and the signals below.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from authoring_app.gui import ask
from authoring_app.gui.actions import ActionRegistry
from authoring_app.gui.bot_index import BotIndex
from authoring_app.gui.checks_panel import ChecksPanel
from authoring_app.gui.editing import EditingMixin
from authoring_app.gui.editor import AnswerEditor
from authoring_app.gui.extensions import window_extensions
from authoring_app.gui.identity_dialog import IdentityDialog
from authoring_app.gui.library_list import LibraryPanel
from authoring_app.gui.main_menus import build_menus
from authoring_app.gui.recovery import RecoveryWriter
from authoring_app.gui.session_keys import SessionKeys
from authoring_app.gui.settings import Settings
from authoring_app.gui.status_view import library_statuses
from authoring_app.gui.tasks import TaskRunner
from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Library
from authoring_app.library.recovery import RecoveryStore
from authoring_app.sync.opening import open_library

LIST_WIDTH, EDITOR_WIDTH, SIDE_WIDTH = 400, 760, 240  # at first, of 1400 pixels
LIST_MIN_WIDTH, EDITOR_MIN_WIDTH = 280, 540  # what a side panel leaves them when it widens


def ask_person(parent, roster, current: str | None) -> str | None:
    """Who is at the keyboard? (Tests replace this.)"""
    dialog = IdentityDialog(roster, current, parent)
    return dialog.person_id() if dialog.exec() else None


class MainWindow(EditingMixin, QMainWindow):
    library_loaded = Signal(object)  # Library
    library_refreshed = Signal()
    answer_opened = Signal(object)  # AnswerKey or None
    answer_saved = Signal(object)  # AnswerKey
    person_changed = Signal(object)  # Person or None

    def __init__(self, settings: Settings, ui_locale: str = "en", tasks: TaskRunner | None = None):
        super().__init__()
        self.settings = settings
        self.ui_locale = ui_locale
        self.tasks = tasks or TaskRunner(self)
        self.library: Library | None = None
        self.statuses: dict = {}  # AnswerKey -> StatusView
        self.warned_of_voiding: set = set()  # (key, signers): told that saving voids them
        self.person = None
        self.session_keys = SessionKeys()  # the person's signing key, once unlocked
        self._told_unsigned = False
        self.recovery: RecoveryWriter | None = None
        self._owns_library = False
        self._after_save = None
        self.before_close: list = []  # what must stop cleanly before the window closes
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Authoring app"))
        self._build()
        self.bot_index = BotIndex(self)  # what a bot would answer: checks, Try a question
        self.bot_index.changed.connect(self.run_checks)
        self._build_actions()
        for install in window_extensions():
            install(self)
        self._fit_side_tabs()

    # -- structure -------------------------------------------------------------------------

    def _build(self) -> None:
        self.toolbar = QToolBar(self.tr("Main toolbar"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.actions = ActionRegistry(self, self.toolbar)

        self.library_panel = LibraryPanel()
        self.library_panel.answer_selected.connect(self.open_answer)

        self.banner = QLabel(self.tr("Sample library: demonstration text and accounts"))
        self.banner.setObjectName("sample_banner")
        self.banner.setStyleSheet(
            "background: #fff4c2; color: #5c4400; padding: 6px; border: 1px solid #e0c45c;"
        )
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.editor = AnswerEditor()
        self.editor.modified_changed.connect(self._modified_changed)
        self.editor.edited.connect(self._edited)
        self.editor.checks_due.connect(self.run_checks)
        self.editor.title.textChanged.connect(lambda _t: self._update_title())
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.banner)
        centre_layout.addWidget(self.editor, 1)

        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("side_panel")
        self.side_tabs.setAccessibleName(self.tr("Side panel"))
        self._side_names: dict[str, QWidget] = {}
        self.checks = ChecksPanel()
        self.checks.field_activated.connect(self.editor.focus_field)
        self.add_side_panel(self.checks, self.tr("Checks"), name="checks")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.library_panel)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([LIST_WIDTH, EDITOR_WIDTH, SIDE_WIDTH])
        self.setCentralWidget(self.splitter)

        self.person_label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        self.busy.setAccessibleName(self.tr("Working"))
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.person_label)
        self.tasks.busy_changed.connect(self._busy_changed)
        self.editor.clear()

    def _build_actions(self) -> None:
        build_menus(self, can_clone=_clone_library() is not None)
        self._update_actions()

    # -- seams -----------------------------------------------------------------------------

    def add_side_panel(self, widget: QWidget, title: str, name: str | None = None) -> int:
        """Add a tab to the side panel on the right; returns its index."""
        widget.setAccessibleName(widget.accessibleName() or title)
        index = self.side_tabs.addTab(widget, title)
        self._side_names[name or title] = widget
        return index

    def side_panel(self, name: str) -> QWidget | None:
        return self._side_names.get(name)

    def show_side_panel(self, name: str) -> bool:
        widget = self._side_names.get(name)
        if widget is None:
            return False
        self.side_tabs.setCurrentWidget(widget)
        return True

    def _fit_side_tabs(self) -> None:
        """Start the side panel wide enough to show every tab's name in full, taking the
        room from the list (whose long titles are cut short anyway), not the editor."""
        side = max(SIDE_WIDTH, self.side_tabs.tabBar().sizeHint().width() + 12)
        self.splitter.setSizes([LIST_WIDTH + SIDE_WIDTH - side, EDITOR_WIDTH, side])

    def widen_side_panel(self, width: int) -> None:
        """Give the side panel up to `width` pixels, taken from the editor and then the list,
        but never so many that the editor's form is cut (on a laptop's narrow screen)."""
        sizes = self.splitter.sizes()
        if len(sizes) != 3 or sizes[2] >= width:
            return
        total = max(sum(sizes), self.width() - 20)
        editor = max(EDITOR_MIN_WIDTH, self.editor.form_width())
        left = max(total // 4, 320)
        if total - left - width < editor:
            narrowest = max(LIST_MIN_WIDTH, self.library_panel.minimumSizeHint().width())
            left = max(narrowest, total - width - editor)
        width = max(sizes[2], min(width, total - left - editor))
        self.splitter.setSizes([left, total - left - width, width])

    def current_key(self) -> AnswerKey | None:
        answer = self.editor.answer()
        return answer.key if answer is not None else None

    # -- the library -----------------------------------------------------------------------

    def open_library(self, path: Path | str) -> int:
        """Open the library at `path` off the GUI thread; `library_loaded` says when."""
        self.statusBar().showMessage(self.tr("Opening the library…"))
        return self.tasks.run(
            lambda: _open_with_statuses(path),
            on_done=lambda found: self.set_library(found[0], owned=True, statuses=found[1]),
            on_error=lambda exc: ask.error(self, self.tr("Could not open the library"), str(exc)),
            channel="open-library",
            description=self.tr("Opening the library"),
        )

    def set_library(
        self, library: Library, *, owned: bool = False, person=None, statuses=None
    ) -> None:
        """Show `library`. With `owned`, the window closes it when done with it. `statuses`
        (from `library_statuses`), if already worked out, fill the list at once; otherwise
        the list shows at once and its statuses follow."""
        self._close_library()
        self.library, self._owns_library = library, owned
        self.statuses = {}
        self.recovery = RecoveryWriter(RecoveryStore(library.path), self)
        self.settings.add_recent_library(library.path)
        self.banner.setVisible(library.info.sample)
        self.editor.set_library(library.info, library.directory, self.ui_locale, library.find)
        self.editor.clear()
        self.person = person or library.roster.get(self.settings.person_id(library.path) or "")
        self.session_keys.forget()
        if statuses is None:
            self.refresh_list()
        else:
            self.statuses = statuses
            self._show_list()
        self._show_person()
        self.statusBar().showMessage(
            self.tr("%1: %2 answers")
            .replace("%1", library.info.name)
            .replace("%2", str(len(library.answers()))),
            5000,
        )
        self._update_title()
        self._update_actions()
        self.library_loaded.emit(library)
        if statuses is not None:
            self.library_refreshed.emit()

    def refresh_list(self) -> int | None:
        """Show the library's answers now, and their statuses once worked out (off the GUI
        thread); returns the id of that job. `library_refreshed` says when all is shown."""
        if self.library is None:
            return None
        self._show_list()
        library = self.library
        return self.tasks.run(
            lambda: library_statuses(library),
            on_done=lambda statuses: self._statuses_ready(library, statuses),
            on_error=lambda exc: self.statusBar().showMessage(str(exc), 8000),
            channel="statuses",
            description=self.tr("Working out where each answer stands"),
        )

    def _statuses_ready(self, library: Library, statuses) -> None:
        if library is not self.library:
            return  # worked out for a library that has since been closed or replaced
        self.statuses = statuses
        self._show_list()
        self.library_refreshed.emit()

    def _show_list(self) -> None:
        self.library_panel.set_library(self.library, self.statuses, self.ui_locale, self.person)
        key = self.current_key()
        if key is not None:
            self.library_panel.select(key)

    def reload_library(self) -> None:
        if self.library is None or not self.leave_answer():
            return
        self.library.reload()
        self.editor.clear()
        self.refresh_list()

    def _close_library(self) -> None:
        if self.library is not None and self._owns_library:
            self.library.close()
        self.library = None

    def choose_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a library folder"))
        if folder and self.leave_answer():
            self.open_library(folder)

    def clone_library(self):
        from authoring_app.gui.share_dialog import CloneDialog

        if not self.leave_answer():
            return None
        dialog = CloneDialog(self)
        dialog.open()
        return dialog

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_libraries:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(
                lambda _checked=False, p=path: self.leave_answer() and self.open_library(p)
            )
        if not self.settings.recent_libraries:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    # -- who I am --------------------------------------------------------------------------

    def ensure_person(self) -> bool:
        if self.person is not None or self.library is None:
            return self.person is not None
        return self.change_person()

    def change_person(self) -> bool:
        if self.library is None:
            return False
        current = self.person.id if self.person else None
        chosen = ask_person(self, self.library.roster, current)
        if chosen is None:
            return False
        self.person = self.library.roster.get(chosen)
        self.session_keys.forget()  # never leave a key unlocked for the next person
        self.settings.set_person_id(self.library.path, chosen)
        self._show_person()
        self.refresh_list()
        self.person_changed.emit(self.person)
        return True

    def _show_person(self) -> None:
        self.person_label.setText(
            self.tr("You are: %1").replace("%1", self.person.name)
            if self.person
            else self.tr("You have not said who you are")
        )

    # -- small things ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.library_panel.search.setFocus()
        self.library_panel.search.selectAll()

    def edit_command(self, name: str) -> None:
        widget = self.focusWidget()
        if widget is not None and hasattr(widget, name):
            getattr(widget, name)()

    def _busy_changed(self, busy: bool, description: str) -> None:
        self.busy.setVisible(busy)
        self.busy.setToolTip(description)

    def _update_title(self) -> None:
        parts = []
        answer = self.editor.answer()
        if answer is not None:
            parts.append((answer.title or str(answer.key)) + "[*]")
        if self.library is not None:
            parts.append(self.library.info.name)
        parts.append(self.tr("Authoring app"))
        self.setWindowTitle(" — ".join(parts))

    def _update_actions(self) -> None:
        has_library = self.library is not None
        has_answer = self.editor.has_answer
        self.actions["new_answer"].setEnabled(has_library)
        self.actions["save"].setEnabled(has_answer)
        self.actions["new_translation"].setEnabled(has_answer and not self.editor.is_new)
        self.actions["history"].setEnabled(has_answer and not self.editor.is_new)

    def closeEvent(self, event) -> None:  # Qt override
        if not self.leave_answer(on_saved=self.close):
            event.ignore()
            return
        if self.recovery is not None:
            self.recovery.flush()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        for stop in self.before_close:
            stop()
        self.tasks.wait()
        self.bot_index.wait()
        self._close_library()
        event.accept()


def _open_with_statuses(path: Path | str) -> tuple[Library, dict | None]:
    """Open a library and work out its statuses in one go (off the GUI thread), so the list
    is built once; if the statuses cannot be worked out, the list shows without them and
    `refresh_list` says why."""
    library = open_library(path, statuses_next=True)
    try:
        return library, library_statuses(library)
    except Exception:  # reported when the list is refreshed
        return library, None


def _clone_library():
    """core sync's clone_library, where that is available."""
    try:
        from authoring_app.sync.connecting import clone_library
    except ImportError:
        return None
    return clone_library
