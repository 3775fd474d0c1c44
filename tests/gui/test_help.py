"""Help is where people are: F1 opens the guide for the person's own role, every status is
explained, and the people to ask are named from the library's own roster."""

from __future__ import annotations

from PySide6.QtCore import Qt

from authoring_app.gui.help_window import GUIDES, STATUS_MEANINGS, HelpWindow, role_of
from authoring_app.gui.status_view import STATUSES, status_word
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import in_next_dialog


def test_f1_opens_the_guide_for_an_outreach_worker(qtbot, window):
    seen = {}

    def look(dialog):
        seen["tab"] = dialog.tabs.tabText(dialog.tabs.currentIndex())
        seen["text"] = dialog.page_text(dialog.tabs.currentIndex())
        seen["tabs"] = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        dialog.reject()

    in_next_dialog(look)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.library_panel.view, Qt.Key.Key_F1)
    assert seen["tab"] == "Outreach worker"
    assert "Insert service" in seen["text"]
    assert "never type a phone number" in seen["text"]
    assert seen["tabs"] == [
        "Outreach worker",
        "Doctor",
        "Publisher",
        "Governor",
        "What the statuses mean",
        "Who to ask",
    ]
    assert window.menuBar().actions()[-1].text() == "&Help"


def test_a_doctor_starts_on_the_doctors_guide(qtbot, library, settings):
    window = make_window(qtbot, library, settings, person_id="dr-one")
    try:
        assert role_of(window) == "clinician"
        dialog = HelpWindow(window, role_of(window))
        qtbot.addWidget(dialog)
        assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Doctor"
    finally:
        drain(qtbot, window)


def test_every_status_is_explained_and_the_people_to_ask_are_named(qtbot, window, library):
    dialog = HelpWindow(window)
    qtbot.addWidget(dialog)
    statuses = dialog.page_text(len(GUIDES))
    for status in STATUSES:
        assert status_word(status) in statuses
        assert status in STATUS_MEANINGS, f"Help does not explain {status!r}"
    who = dialog.page_text(len(GUIDES) + 1)
    for person in library.roster.with_role("clinician"):
        assert person.name in who
    for governor in library.info.governors:
        assert governor.name in who


def test_a_name_in_the_roster_is_shown_as_text_never_as_markup(qtbot, window, library):
    """A hostile roster entry cannot put a link or markup into the Help window."""
    person = library.roster.with_role("clinician")[0]
    object.__setattr__(person, "name", "<a href='https://evil.example'>Dr Evil</a>")
    dialog = HelpWindow(window)
    qtbot.addWidget(dialog)
    who = dialog.page_text(len(GUIDES) + 1)
    assert "<a href='https://evil.example'>Dr Evil</a>" in who


def test_the_formatting_buttons_say_what_they_do_and_their_keys(qtbot, window):
    toolbar = window.editor.body_toolbar
    for name in ("bold", "bullets", "numbers", "heading", "link", "service", "source"):
        assert toolbar.actions_by_name[name].toolTip(), name
    assert toolbar.actions_by_name["bold"].toolTip() == "Bold: make the chosen words bold (Ctrl+B)"
    assert toolbar.actions_by_name["link"].toolTip().endswith("(Ctrl+K)")
