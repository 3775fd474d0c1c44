"""Sharing from the desktop app against real servers: signing in through a dialog, first
contact with an SSH server, a stalled link that Save never waits for, Stop, and quitting
during a sync."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit

from authoring_app.gui.server_dialogs import HostKeyDialog, SignInDialog
from authoring_app.sync.transport import known_hosts_file
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import click, settle
from tests.sync.helpers import EN
from tests.sync.servers import PASSWORD, USER, Proxy, forget_credentials


def modal(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=20_000)
    return QApplication.activeModalWidget()


def every_text(widget) -> str:
    """Everything a person can read in a window or dialog (and what its fields hold)."""
    texts = [widget.windowTitle()]
    for child in widget.findChildren(QLabel):
        texts.append(child.text())
    for child in widget.findChildren(QLineEdit):
        if child.echoMode() == QLineEdit.EchoMode.Normal:
            texts.append(child.text())
    return "\n".join(texts)


def share(qtbot, window, address: str):
    window.actions["share_library"].trigger()
    dialog = window.findChild(QDialog, "share_dialog")
    qtbot.keyClicks(dialog.address, address)
    click(qtbot, dialog.start_button)
    return dialog


def sign_in(qtbot, username=USER, password=PASSWORD) -> str:
    dialog = modal(qtbot, SignInDialog)
    seen = every_text(dialog)
    dialog.username.setText(username)
    qtbot.keyClicks(dialog.password, password)
    dialog.accept()
    return seen


def test_share_asks_for_the_password_in_a_dialog_and_never_shows_it(
    qtbot, http_server, window, tmp_path
):
    http_server.new_repository()
    dialog = share(qtbot, window, http_server.url())
    asked = sign_in(qtbot)
    assert f"127.0.0.1:{http_server.port}" in asked
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    settle(qtbot, window)
    assert window.sync_control.label.text() == "Up to date"
    assert PASSWORD not in (window.library.path / ".git/config").read_text()
    assert PASSWORD not in every_text(window) + every_text(dialog) + asked

    # The clone dialog on another computer: wrong password first, then the right one.
    forget_credentials()
    window.actions["clone_library"].trigger()
    clone = window.findChild(QDialog, "clone_dialog")
    qtbot.keyClicks(clone.address, http_server.url())
    clone.folder.setText(str(tmp_path))
    click(qtbot, clone.start_button)
    sign_in(qtbot, password="an old password")
    qtbot.waitUntil(lambda: clone.outcome.isVisible(), timeout=20_000)
    assert "Sign-in failed" in clone.outcome.text()
    assert not (tmp_path / "shared").exists()
    click(qtbot, clone.start_button)
    sign_in(qtbot)
    qtbot.waitUntil(lambda: window.library.path == (tmp_path / "shared").resolve(), timeout=20_000)
    assert PASSWORD not in every_text(clone) and "an old password" not in every_text(clone)
    settle(qtbot, window)


def test_first_contact_with_an_ssh_server_shows_the_fingerprint(qtbot, ssh_server, window):
    ssh_server.new_repository()
    dialog = share(qtbot, window, ssh_server.url())
    first = modal(qtbot, HostKeyDialog)
    assert first.fingerprint.text() == ssh_server.fingerprint()
    click(qtbot, first.refuse_button)
    qtbot.waitUntil(lambda: dialog.outcome.isVisible(), timeout=20_000)
    assert "Server not trusted" in dialog.outcome.text()
    assert not window.library.repo.remotes

    click(qtbot, dialog.start_button)
    click(qtbot, modal(qtbot, HostKeyDialog).connect_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    settle(qtbot, window)
    assert str(ssh_server.port) in known_hosts_file().read_text()
    assert window.sync_control.label.text() == "Up to date"


@pytest.fixture
def stalled(qtbot, http_server, window, monkeypatch):
    """The window's library shared over HTTP, then its link going dead."""
    from authoring_app.sync import transport

    http_server.new_repository()
    address = (
        f"http://{USER}:{PASSWORD.replace(' ', '%20')}@127.0.0.1:{http_server.port}/git/shared.git"
    )
    dialog = share(qtbot, window, address)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    settle(qtbot, window)
    proxy = Proxy(http_server.port)
    window.library.repo.git.remote("set-url", "origin", http_server.url(port=proxy.port))
    monkeypatch.setattr(transport, "STALL_SECONDS", 600)  # only Stop or quitting ends it
    proxy.stall()
    yield window
    proxy.close()


def test_save_never_waits_for_a_stalled_sync_and_stop_leaves_the_library_as_it_was(qtbot, stalled):
    window = stalled
    from tests.gui.test_sync_gui import click_sync

    click_sync(qtbot, window, wait=False)
    assert window.sync_control.running
    assert window.actions["sync"].text() == "Stop s&ync"
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.body, "Saved while the link is dead. ")
    window.actions["save"].trigger()
    qtbot.waitUntil(lambda: not window.editor.is_modified, timeout=10_000)
    assert window.sync_control.running  # the save did not wait for the sync
    saved = window.library.head()
    assert "Saved while the link is dead." in window.library.answer(EN).body

    click_sync(qtbot, window)  # Stop
    assert window.statusBar().currentMessage() == "Stopped. Nothing was changed."
    assert window.library.head() == saved
    assert not window.library.repo.is_dirty(untracked_files=True)


def test_quitting_during_a_sync_stops_it_cleanly(qtbot, stalled):
    window = stalled
    from tests.gui.test_sync_gui import click_sync

    click_sync(qtbot, window, wait=False)
    assert window.sync_control.running
    window.close()
    assert not window.network.running
    drain(qtbot, window)


def test_a_changed_host_key_warns_of_interception(
    qtbot, ssh_server, library, settings, answers_to_questions
):
    from authoring_app.sync.sync import share_library, sync
    from authoring_app.sync.transport import Link
    from tests.gui.test_sync_gui import click_sync
    from tests.sync.servers import Person

    ssh_server.new_repository()
    share_library(library, ssh_server.url(), Link(responder=Person()))
    assert sync(library, library.roster.get("alex"), link=Link(responder=Person())).ok
    ssh_server.new_host_key()
    ssh_server.restart()
    window = make_window(qtbot, library, settings)
    click_sync(qtbot, window)
    ((name, args),) = [a for a in answers_to_questions if a[0] == "error"]
    assert args[1] == "Warning: possible interception" and "intercepting" in args[2]
    drain(qtbot, window)


def test_publishing_on_a_shared_library_sends_the_release(
    qtbot, http_server, sample_library, settings, tmp_path
):
    from authoring_app.release import published
    from authoring_app.sync.sync import clone_library, share_library, sync
    from authoring_app.sync.transport import Link
    from tests.gui.review_helpers import in_next_dialog, plain
    from tests.release.helpers import PASSPHRASE, give_keys, sign_all
    from tests.sync.servers import Person

    keys = give_keys(sample_library, ["demo-clinician-1", "demo-clinician-2", "demo-publisher"])
    sign_all(sample_library, keys, ["demo-clinician-1", "demo-clinician-2"])
    http_server.new_repository()
    share_library(sample_library, http_server.url(), Link(responder=Person()))
    assert sync(sample_library, sample_library.roster.get("demo-author")).ok
    window = make_window(qtbot, sample_library, settings, person_id="demo-publisher")
    window.actions["publish"].trigger()
    dialog = window.publish_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=15_000)
    in_next_dialog(lambda unlock: (qtbot.keyClicks(unlock.passphrase, PASSPHRASE), unlock.accept()))
    click(qtbot, dialog.publish_button)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert "It was sent to the shared library." in plain(dialog.outcome)
    dialog.accept()
    drain(qtbot, window)
    copy = clone_library(http_server.url(), tmp_path / "bot-side", Link(responder=Person()))
    assert published.latest_release(copy).version == "1.0.0"
    copy.close()


def test_a_failed_attempt_lets_the_person_try_again_even_if_its_thread_ends_late(
    qtbot, window, monkeypatch
):
    """A busy computer may keep the network thread alive a moment after it reported the
    failure; the dialog must still show its buttons ready for a second try."""
    import threading
    import time

    from authoring_app.gui import network

    class LateThread(threading.Thread):
        def run(self):
            super().run()
            time.sleep(0.5)

    monkeypatch.setattr(network.threading, "Thread", LateThread)
    window.actions["clone_library"].trigger()
    clone = window.findChild(QDialog, "clone_dialog")
    qtbot.keyClicks(clone.address, "http://127.0.0.1:9/nothing-listens-here.git")
    click(qtbot, clone.start_button)
    qtbot.waitUntil(lambda: clone.outcome.isVisible(), timeout=20_000)
    assert clone.start_button.isEnabled()
    clone.reject()
