"""Whole flows on a real HTTP server through the command line: exit statuses by kind,
conflicts labelled by person on every computer, and two publishers at once."""

from __future__ import annotations

import pytest

from authoring_app import cli
from authoring_app.library.answer import AnswerKey
from authoring_app.release import published
from authoring_app.sync.opening import open_library
from authoring_app.sync.sync import conflicts, sync
from authoring_app.sync.transport import Link
from tests.release.helpers import PASSPHRASE, give_keys, sign_all
from tests.sync.helpers import EN, edit
from tests.sync.servers import PASSWORD, USER, Person, forget_credentials


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def secret_url(server, name="shared.git") -> str:
    return f"http://{USER}:{PASSWORD.replace(' ', '%20')}@127.0.0.1:{server.port}/git/{name}"


def test_each_failure_has_its_own_exit_status(http_server, library, capsys, tmp_path):
    http_server.new_repository()
    lib = ["--library", library.path]
    code, out, err = run(capsys, "share", http_server.url(), "--as", "alex", *lib)
    assert code == 11 and "sign in again" in err  # no terminal to ask on, no password
    missing = secret_url(http_server, "missing.git")
    code, out, err = run(capsys, "share", missing, "--as", "alex", *lib)
    assert code == 15 and "no shared library at that address" in err
    code, out, err = run(capsys, "share", secret_url(http_server), "--as", "alex", *lib)
    assert code == 0, err
    assert PASSWORD not in out + err and PASSWORD not in (library.path / ".git/config").read_text()
    edit(library, EN, "Kept while the server is down.\n")
    http_server.stop()
    code, out, err = run(capsys, "sync", "--as", "alex", *lib)
    assert code == 10 and "cannot be reached" in out and "will be sent" in out
    http_server.start()
    forget_credentials()  # the password changed meanwhile; no terminal to ask on
    code, out, err = run(capsys, "sync", "--as", "alex", *lib)
    assert code == 11 and "sign in again" in out
    code, out, err = run(capsys, "clone", http_server.url(), tmp_path / "copy")
    assert code == 11 and not (tmp_path / "copy").exists()
    code, out, err = run(capsys, "share", secret_url(http_server), "--as", "alex", *lib)
    assert code == 0 and "sent 1 change(s)" in out


def test_conflicts_are_labelled_by_person_the_same_on_both_computers(http_server, tmp_path):
    from tests.sync.test_real_servers import shared_over

    anna_computer = shared_over(http_server, tmp_path)
    link = Link(responder=Person())
    from authoring_app.sync.sync import clone_library

    boris_computer = clone_library(http_server.url(), tmp_path / "boris", link)
    edit(anna_computer, EN, "Anna's words.\n", person="alex")
    edit(boris_computer, EN, "Boris's words.\n", person="dr-two")
    assert sync(anna_computer, anna_computer.roster.get("alex"), link=link).pushed == 1
    merged_here = sync(boris_computer, boris_computer.roster.get("dr-two"), link=link)
    assert merged_here.conflicts == [EN]
    received = sync(anna_computer, anna_computer.roster.get("alex"), link=link)
    assert received.conflicts == [EN]  # the computer that receives the merge says so too

    def labels(lib):
        (conflict,) = conflicts(lib)
        return {who: answer.body for answer, who, _when in conflict.sides()}

    expected = {"Alex Author": "Anna's words.\n", "Dr Two": "Boris's words.\n"}
    assert labels(anna_computer) == labels(boris_computer) == expected
    (conflict,) = conflicts(anna_computer)
    assert all(when is not None for _a, _w, when in conflict.sides())
    anna_computer.close()
    boris_computer.close()


def test_resolve_keeps_the_named_persons_version_on_any_computer(team, capsys):
    a, b = team
    edit(a, EN, "By Alex.\n", person="alex")
    edit(b, EN, "By Dr Two.\n", person="dr-two")
    sync(a, a.roster.get("alex"))
    sync(b, b.roster.get("alex"))
    sync(a, a.roster.get("alex"))  # a receives the conflict b's merge made
    base = ["--library", a.path, "--as", "alex"]
    code, _out, err = run(capsys, "resolve", "abscess-signs.en", "--keep", "mine", *base)
    assert code == 1 and "different texts on different computers" in err
    code, out, _err = run(capsys, "conflicts", "--library", a.path)
    assert "Alex Author's version, saved" in out and "Dr Two's version, saved" in out
    code, out, err = run(capsys, "resolve", "abscess-signs.en", "--keep", "dr-two", *base)
    assert code == 0, err
    with open_library(a.path) as again:
        assert again.answer(EN).body == "By Dr Two.\n" and conflicts(again) == []


def test_resolve_newer_and_older_mean_the_same_everywhere(team, monkeypatch):
    from authoring_app.sync.conflicts import choose

    a, b = team
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-03-02T10:00:00+00:00")
    edit(a, EN, "Older.\n")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-03-02T10:05:00+00:00")
    edit(b, EN, "Newer.\n")
    monkeypatch.delenv("GIT_AUTHOR_DATE")
    sync(a, a.roster.get("alex"))
    sync(b, b.roster.get("alex"))
    sync(a, a.roster.get("alex"))
    for lib in (a, b):
        (conflict,) = conflicts(lib)
        assert choose(conflict, "newer", lib.roster).body == "Newer.\n"
        assert choose(conflict, "older", lib.roster).body == "Older.\n"
        with pytest.raises(Exception, match="saved both versions"):
            choose(conflict, "alex", lib.roster)


@pytest.fixture
def publishers(sample_library, http_server, tmp_path):
    """The sample library, signed off, shared over HTTP, and a second publisher's copy."""
    keys = give_keys(sample_library, ["demo-clinician-1", "demo-clinician-2", "demo-publisher"])
    sign_all(sample_library, keys, ["demo-clinician-1", "demo-clinician-2"])
    http_server.new_repository()
    assert cli.main(["share", secret_url(http_server), "--as", "demo-author",
                     "--library", str(sample_library.path)]) == 0  # fmt: skip
    assert cli.main(["clone", http_server.url(), str(tmp_path / "second")]) == 0
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE)
    return sample_library.path, tmp_path / "second", secret


def test_two_publishers_at_once_strand_one_release_and_repair_sets_it_aside(
    publishers, http_server, capsys
):
    first, second, secret = publishers

    def publish(where):
        return run(capsys, "publish", "--library", where, "--as", "demo-publisher",
                   "--passphrase-file", secret, "--yes")  # fmt: skip

    http_server.stop()
    code, out, err = publish(first)  # offline: made here, sent later
    assert code == 0 and "sent with the next sync" in out, err
    http_server.start()
    with open_library(second) as lib:  # the second publisher's release differs: one answer less
        key = AnswerKey("talking-to-someone", "en")
        lib.save_answer(lib.answer(key).edited(body="Changed, not signed off.\n"),
                        lib.roster.get("demo-author"))  # fmt: skip
    code, out, err = publish(second)
    assert code == 0 and "Sent release 1.0.0" in out, err

    code, out, err = run(capsys, "sync", "--as", "demo-author", "--library", first)
    assert "release 1.0.0 was made here while another computer published" in out
    with open_library(first) as lib:
        assert "stranded-release" in {p.code for p in lib.problems}
    code, out, err = publish(first)
    assert code == 1 and "run `authoring-app repair" in err
    code, out, err = run(capsys, "repair", "--as", "demo-publisher", "--library", first)
    assert "release 1.0.0 was made here" in out and "set aside" in out
    with open_library(first) as lib, open_library(second) as other:
        assert published.tip(lib) == published.tip(other)
        assert lib.repo.git.for_each_ref("refs/stranded-releases")  # kept, not lost
        assert "stranded-release" not in {p.code for p in lib.problems}
    code, out, err = publish(first)
    assert code == 0 and "Sent release 1.1.0" in out, err


def test_publishing_receives_the_shared_releases_first(publishers, capsys):
    first, second, secret = publishers
    base = ["--as", "demo-publisher", "--passphrase-file", secret, "--yes"]
    code, out, err = run(capsys, "publish", "--library", second, *base)
    assert code == 0 and "Sent release 1.0.0" in out, err
    code, out, err = run(capsys, "publish", "--library", first, *base)
    assert code == 0 and "Nothing to publish" in out, err
    with open_library(first) as lib:
        assert published.latest_release(lib).version == "1.0.0"
    assert AnswerKey("talking-to-someone", "en")
