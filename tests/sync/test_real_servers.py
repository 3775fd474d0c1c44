"""Sync, clone and share against real servers on 127.0.0.1: git http-backend behind lighttpd
with basic auth, and OpenSSH with key-only login. Each failure has its own kind."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from authoring_app.library.library import Library
from authoring_app.sync import failures
from authoring_app.sync.connecting import clean_address
from authoring_app.sync.failures import SyncFailure
from authoring_app.sync.sync import clone_library, remote_status, share_library, sync
from authoring_app.sync.sync_lock import sync_lock
from authoring_app.sync.transport import Link, known_hosts_file
from tests.conftest import write_library
from tests.sync.helpers import EN, RU, edit
from tests.sync.servers import PASSWORD, USER, Person, Proxy, forget_credentials


def alex(lib):
    return lib.roster.get("alex")


def first_library(root: Path) -> Library:
    return Library.create(root / "first", template=write_library(root / "source"))


def shared_over(server, root: Path, url: str | None = None, person=None) -> Library:
    """A library on the first computer, shared to a new repository on `server`."""
    server.new_repository()
    lib = first_library(root)
    link = Link(responder=person or Person())
    share_library(lib, url or server.url(), link)
    result = sync(lib, alex(lib), link=link)
    assert result.ok, result
    return lib


# -- HTTP with basic auth ------------------------------------------------------------------


def test_a_password_in_the_address_is_used_once_and_never_stored_or_shown(
    http_server, tmp_path, capsys
):
    http_server.new_repository()
    lib = first_library(tmp_path)
    secret_url = (
        f"http://{USER}:{PASSWORD.replace(' ', '%20')}@127.0.0.1:{http_server.port}/git/shared.git"
    )
    person = Person()
    share_library(lib, secret_url, Link(responder=person))
    assert sync(lib, alex(lib), link=Link(responder=person)).ok
    config = (lib.path / ".git/config").read_text()
    assert PASSWORD not in config and "correct%20horse" not in config
    assert f"url = http://127.0.0.1:{http_server.port}/git/shared.git" in config
    assert not person.questions  # the address answered; the cache remembered it

    # A second computer signs in through the person's answers; nothing shows the password.
    forget_credentials()
    other = Person()
    copy = clone_library(http_server.url(), tmp_path / "second", Link(responder=other))
    assert [q.kind for q in other.questions] == ["username", "password"]
    assert other.questions[0].where == f"127.0.0.1:{http_server.port}"
    assert all(PASSWORD not in command for command in other.commands_seen)
    assert PASSWORD not in (copy.path / ".git/config").read_text()
    assert PASSWORD not in capsys.readouterr().out
    copy.close()
    lib.close()


def test_clean_address_takes_the_password_out():
    clean, given = clean_address("https://anna:p%40ss@git.example.org/team/library.git")
    assert clean == "https://git.example.org/team/library.git"
    assert (given.host, given.username, given.password) == ("git.example.org", "anna", "p@ss")
    assert clean_address("user@host:lib.git") == ("user@host:lib.git", None)
    assert clean_address("ssh://git:pw@host/lib.git")[0] == "ssh://git@host/lib.git"
    clean, given = clean_address("https://anna@git.example.org/lib.git")  # no password
    assert clean == "https://git.example.org/lib.git" and given.username == "anna"


def test_a_question_that_never_reached_the_app_is_asked_again_not_called_a_wrong_password(
    http_server, tmp_path, monkeypatch
):
    """When git's askpass program cannot reach the app (a busy machine), nobody answered:
    the command runs again, and the person's right password signs in."""
    from authoring_app.sync import askpass

    real_env = askpass.Asker.env
    broken = []

    def env_once_broken(self):
        found = dict(real_env.fget(self))
        if not broken:
            broken.append(self)
            found[askpass.SOCKET_VARIABLE] = str(tmp_path / "no-such-socket")
        return found

    monkeypatch.setattr(askpass.Asker, "env", property(env_once_broken))
    person = Person()
    lib = shared_over(http_server, tmp_path, person=person)
    assert broken and [q.kind for q in person.questions] == ["username", "password"]
    lib.close()


def test_a_wrong_password_is_sign_in_not_offline(http_server, tmp_path):
    lib = shared_over(http_server, tmp_path)
    revision = edit(lib, EN, "Written before the password changed.\n")
    forget_credentials()
    wrong = Person(password="an old password")
    result = sync(lib, alex(lib), link=Link(responder=wrong))
    assert result.outcome == failures.SIGN_IN and not result.offline
    assert "an old password" not in result.message + result.detail
    assert lib.head() == revision.commit and remote_status(lib).ahead == 1
    with pytest.raises(SyncFailure) as caught:
        clone_library(http_server.url(), tmp_path / "x", Link(responder=wrong))
    assert caught.value.failure.kind == failures.SIGN_IN
    assert not (tmp_path / "x").exists()
    assert sync(lib, alex(lib), link=Link(responder=Person())).pushed == 1
    lib.close()


def test_no_answer_to_the_servers_question_is_sign_in(http_server, tmp_path):
    http_server.new_repository()
    lib = first_library(tmp_path)
    with pytest.raises(SyncFailure) as caught:
        share_library(lib, http_server.url(), Link(responder=None))
    assert caught.value.failure.kind == failures.SIGN_IN
    assert not lib.repo.remotes  # not connected to an address that does not work
    lib.close()


def test_a_person_slow_to_answer_is_not_a_stalled_link(http_server, tmp_path):
    http_server.new_repository()
    lib = first_library(tmp_path)
    person = Person()

    def slowly(question):
        time.sleep(2.5)  # reading the dialog, longer than the link may be silent
        return person(question)

    share_library(lib, http_server.url(), Link(responder=slowly, stall_seconds=1))
    assert [q.kind for q in person.questions] == ["username", "password"]
    lib.close()


def test_a_missing_repository_is_no_repository(http_server, tmp_path):
    lib = first_library(tmp_path)
    with pytest.raises(SyncFailure) as caught:
        share_library(lib, http_server.url("renamed.git"), Link(responder=Person()))
    assert caught.value.failure.kind == failures.NO_REPOSITORY
    lib.close()


def test_a_server_that_is_down_is_the_only_offline(http_server, tmp_path):
    lib = shared_over(http_server, tmp_path)
    revision = edit(lib, EN, "Written on a train.\n")
    http_server.stop()
    result = sync(lib, alex(lib), link=Link(responder=Person()))
    assert result.outcome == failures.OFFLINE and result.offline
    assert lib.head() == revision.commit and remote_status(lib).ahead == 1
    http_server.start()
    assert sync(lib, alex(lib), link=Link(responder=Person())).pushed == 1
    lib.close()


def test_a_stalled_link_is_noticed_and_nothing_changes(http_server, tmp_path):
    lib = shared_over(http_server, tmp_path)
    proxy = Proxy(http_server.port)
    lib.repo.git.remote("set-url", "origin", http_server.url(port=proxy.port))
    revision = edit(lib, EN, "Saved while the link was dead.\n")
    proxy.stall()
    result = sync(lib, alex(lib), link=Link(responder=Person(), stall_seconds=2))
    assert result.outcome == failures.OFFLINE
    assert "stopped responding" in result.detail
    assert lib.head() == revision.commit and not lib.repo.is_dirty(untracked_files=True)
    proxy.resume()
    assert sync(lib, alex(lib), link=Link(responder=Person())).pushed == 1
    proxy.close()
    lib.close()


def test_cancel_during_a_stalled_sync_leaves_the_library_as_it_was(http_server, tmp_path):
    lib = shared_over(http_server, tmp_path)
    proxy = Proxy(http_server.port)
    lib.repo.git.remote("set-url", "origin", http_server.url(port=proxy.port))
    revision = edit(lib, EN, "Kept.\n")
    proxy.stall()
    link = Link(responder=Person())
    threading.Timer(1.0, link.cancel.set).start()
    result = sync(lib, alex(lib), link=link)
    assert result.outcome == failures.CANCELLED
    assert lib.head() == revision.commit and not lib.repo.is_dirty(untracked_files=True)
    assert not list(Path(lib.repo.git_dir).rglob("*.lock"))
    proxy.close()
    lib.close()


def test_a_server_killed_mid_push_is_offline_and_the_next_sync_sends(http_server, tmp_path):
    lib = shared_over(http_server, tmp_path)
    proxy = Proxy(http_server.port)
    lib.repo.git.remote("set-url", "origin", http_server.url(port=proxy.port))
    revision = edit(lib, EN, "Sent when the server came back.\n")
    proxy.cut_when(b"POST /git/shared.git/git-receive-pack", then=http_server.kill)
    result = sync(lib, alex(lib), link=Link(responder=Person()))
    assert proxy.cuts >= 1
    assert result.outcome == failures.OFFLINE, result
    assert lib.head() == revision.commit
    proxy.cut_when(None)
    http_server.start()
    assert sync(lib, alex(lib), link=Link(responder=Person())).pushed == 1
    copy = clone_library(http_server.url(), tmp_path / "check", Link(responder=Person()))
    assert copy.answer(EN).body == "Sent when the server came back.\n"
    copy.close()
    proxy.close()
    lib.close()


def test_another_sync_of_the_same_library_says_who_holds_it(http_server, tmp_path):
    lib = shared_over(http_server, tmp_path)
    with sync_lock(lib.repo.git_dir, "desktop app", "Alex Author"):
        result = sync(lib, alex(lib), link=Link(responder=Person()))
    assert result.outcome == "running"
    assert result.holder.program == "desktop app" and result.holder.person == "Alex Author"
    assert sync(lib, alex(lib), link=Link(responder=Person())).ok
    lib.close()


# -- SSH with keys only ----------------------------------------------------------------------


def test_first_contact_with_an_ssh_server_shows_its_fingerprint_and_asks(
    ssh_server, tmp_path, monkeypatch
):
    monkeypatch.setenv("AUTHORING_APP_CONFIG_DIR", str(tmp_path / "settings with spaces"))
    ssh_server.new_repository()
    lib = first_library(tmp_path)
    declined = Person(trust_host=False)
    with pytest.raises(SyncFailure) as caught:
        share_library(lib, ssh_server.url(), Link(responder=declined))
    assert caught.value.failure.kind == failures.HOST_UNKNOWN
    question = declined.questions[0]
    assert question.kind == "host-key" and question.fingerprint == ssh_server.fingerprint()
    assert f"127.0.0.1]:{ssh_server.port}" in question.where

    accepted = Person(trust_host=True)
    share_library(lib, ssh_server.url(), Link(responder=accepted))
    assert sync(lib, alex(lib), link=Link(responder=accepted)).ok
    assert str(ssh_server.port) in known_hosts_file().read_text()
    assert sum(q.kind == "host-key" for q in accepted.questions) == 1  # asked once only
    lib.close()


def test_a_changed_host_key_is_refused_with_a_warning(ssh_server, tmp_path):
    lib = shared_over(ssh_server, tmp_path, ssh_server.url())
    known = known_hosts_file().read_text()
    edit(lib, EN, "Not sent to an impostor.\n")
    ssh_server.new_host_key()
    ssh_server.restart()
    person = Person(trust_host=True)
    result = sync(lib, alex(lib), link=Link(responder=person))
    assert result.outcome == failures.HOST_CHANGED
    assert "intercept" in result.message
    assert not any(q.kind == "host-key" for q in person.questions)  # never asked to accept
    assert known_hosts_file().read_text() == known
    assert remote_status(lib).ahead == 1
    lib.close()


def test_a_key_the_server_refuses_is_key_refused(ssh_server, tmp_path, monkeypatch):
    lib = shared_over(ssh_server, tmp_path, ssh_server.url())
    monkeypatch.setenv("GIT_SSH_COMMAND", ssh_server.ssh_command(ssh_server.other_key))
    result = sync(lib, alex(lib), link=Link(responder=Person()))
    assert result.outcome == failures.KEY_REFUSED
    lib.close()


def test_a_missing_repository_over_ssh_is_no_repository(ssh_server, tmp_path):
    with pytest.raises(SyncFailure) as caught:
        clone_library(ssh_server.url("renamed.git"), tmp_path / "x", Link(responder=Person()))
    assert caught.value.failure.kind == failures.NO_REPOSITORY


def test_edits_travel_over_ssh_both_ways(ssh_server, tmp_path):
    lib = shared_over(ssh_server, tmp_path, ssh_server.url())
    copy = clone_library(ssh_server.url(), tmp_path / "second", Link(responder=Person()))
    edit(lib, EN, "From the first.\n")
    edit(copy, RU, "Со второго.\n")
    assert sync(lib, alex(lib), link=Link(responder=Person())).pushed == 1
    assert sync(copy, alex(copy), link=Link(responder=Person())).ok
    assert sync(lib, alex(lib), link=Link(responder=Person())).ok
    assert lib.answer(RU).body == "Со второго.\n" and copy.answer(EN).body == "From the first.\n"
    copy.close()
    lib.close()


@pytest.mark.slow
def test_clones_syncing_at_once_over_http_lose_nothing_and_are_never_offline(http_server, tmp_path):
    """A short run of benchmarks/sync_concurrency.py (which reports the figures)."""
    from benchmarks.sync_concurrency import run

    http_server.stop()  # the benchmark starts its own
    report = run(clones=3, rounds=6, root=tmp_path)
    assert report["edits_lost"] == 0 and report["false_offline"] == 0
    assert report["outcomes"] == {"synced": 18}
    assert report["clones_agree_at_the_end"]
    assert report["answers_left_in_conflict"] == 1  # round 5: all three edited one answer


def test_a_clone_stopped_halfway_leaves_no_folder(http_server, tmp_path):
    lib = shared_over(http_server, tmp_path)
    proxy = Proxy(http_server.port)
    proxy.stall()
    link = Link(responder=Person())
    threading.Timer(1.0, link.cancel.set).start()
    with pytest.raises(SyncFailure) as caught:
        clone_library(http_server.url(port=proxy.port), tmp_path / "half", link)
    assert caught.value.failure.kind == failures.CANCELLED
    assert not (tmp_path / "half").exists()
    proxy.close()
    lib.close()


def test_the_command_line_says_who_is_syncing_already(http_server, tmp_path, capsys):
    from authoring_app import cli

    lib = shared_over(http_server, tmp_path)
    with sync_lock(lib.repo.git_dir, "desktop app", "Alex Author"):
        code = cli.main(["sync", "--as", "alex", "--library", str(lib.path)])
    out = capsys.readouterr().out
    assert code == 17 and "already running (desktop app of Alex Author" in out
    assert "Wait for that sync to finish" in out
    lib.close()
