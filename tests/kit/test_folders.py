"""Sources and folders as an attacker shapes them: options smuggled in as a source, git
transports that run commands, symbolic links in the bot's folder or the site's, and an id
that climbs out of the site. Nothing outside the folders is touched, and each is refused in
one line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import answer_kit
from answer_kit import cli
from tests.kit.helpers import NOW, Channel, Signer, answer, bundle


@pytest.fixture
def channel(tmp_path):
    signer = Signer()
    channel = Channel(tmp_path / "channel", signer)
    channel.publish(bundle("1.0.0"))
    return channel


def pull(channel, to, **kwargs):
    return answer_kit.pull(str(channel.folder), to, channel.signer.public, now=NOW, **kwargs)


@pytest.mark.parametrize(
    "source",
    [
        "--upload-pack=touch {marker}",
        "-uuntouched",
        "ext::sh -c touch% {marker}",
        "git+ext::sh -c touch% {marker}",
        "fd::3",
    ],
)
def test_a_source_never_reaches_git_as_an_option_or_a_command(tmp_path, source):
    marker = tmp_path / "ran"
    with pytest.raises(answer_kit.Refused, match="cannot start with '-'|run commands"):
        answer_kit.pull(source.format(marker=marker), tmp_path / "bot", Signer().public, now=NOW)
    assert not marker.exists()


def test_the_command_line_refuses_such_a_source_in_one_line(tmp_path, capsys):
    marker = tmp_path / "ran"
    key = Signer().key_file(tmp_path)
    code = cli.main(
        [
            "pull",
            "--to",
            str(tmp_path / "bot"),
            "--key",
            str(key),
            "--",
            f"--upload-pack=touch {marker}",
        ]
    )
    err = capsys.readouterr().err
    assert code == 4 and err.count("\n") == 1 and "cannot start with '-'" in err
    assert not marker.exists()


def test_git_gets_the_source_after_a_double_dash(tmp_path):
    """Even past the first check, an option-shaped source is only a repository name to git."""
    from answer_kit.sources import GitSource

    marker = tmp_path / "ran"
    source = GitSource(f"--upload-pack=touch {marker}; git-upload-pack", tmp_path / "cache.git")
    with pytest.raises(answer_kit.Unreachable, match="cannot fetch the published branch"):
        source.read("notice.json", 1000)
    assert not marker.exists()


def test_plain_http_and_passwords_in_addresses_are_refused(tmp_path):
    key = Signer().public
    with pytest.raises(answer_kit.Refused, match="plain http"):
        answer_kit.pull("http://example.org/releases/", tmp_path / "bot", key, now=NOW)
    with pytest.raises(answer_kit.Refused, match="user name or password"):
        answer_kit.pull("https://me:secret@example.org/r/", tmp_path / "bot", key, now=NOW)


def test_a_releases_folder_that_is_a_link_is_never_written_or_deleted_through(tmp_path, channel):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "0.9.0").mkdir(parents=True)
    (elsewhere / "0.9.0" / "precious.txt").write_text("keep me")
    to = tmp_path / "bot"
    to.mkdir()
    os.symlink(elsewhere, to / "releases")
    with pytest.raises(answer_kit.Refused, match="releases is a symbolic link"):
        pull(channel, to)
    assert (elsewhere / "0.9.0" / "precious.txt").read_text() == "keep me"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["0.9.0"]


@pytest.mark.parametrize("name", [".cache", "notice.json", "revoked-keys"])
def test_other_links_in_the_bot_folder_are_refused(tmp_path, channel, name):
    target = tmp_path / "target"
    target.mkdir()
    to = tmp_path / "bot"
    to.mkdir()
    os.symlink(target, to / name)
    with pytest.raises(answer_kit.Refused, match="symbolic link"):
        pull(channel, to)
    assert list(target.iterdir()) == []


def test_a_current_link_pointing_out_of_the_folder_is_refused(tmp_path, channel):
    to = tmp_path / "bot"
    pull(channel, to)
    outside = tmp_path / "outside"
    outside.mkdir()
    (to / "current").unlink()
    os.symlink(outside, to / "current")
    with pytest.raises(answer_kit.Refused, match="not into"):
        pull(channel, to)
    state = answer_kit.serving(to, channel.signer.public, now=NOW)
    assert not state.current and "not into" in state.fallback.reason


def test_links_among_the_releases_are_removed_not_followed(tmp_path, channel):
    to = tmp_path / "bot"
    pull(channel, to)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "data.txt").write_text("keep me")
    os.symlink(victim, to / "releases" / "0.1.0")
    channel.publish(bundle("1.1.0", previous="1.0.0"), issued=NOW)
    assert pull(channel, to).version == "1.1.0"
    assert not (to / "releases" / "0.1.0").is_symlink()
    assert (victim / "data.txt").read_text() == "keep me"


def test_an_id_cannot_climb_out_of_the_site(tmp_path):
    hostile = answer("evil", title="Evil")
    hostile["id"] = "../../../outside"
    hostile["topic"] = {"id": "../../up", "title": "Up"}
    data = bundle("1.0.0", answers=[answer(), hostile])
    data["answers"][0]["locale"] = "../en"
    site = tmp_path / "www"
    written = answer_kit.write_site(data, site)
    assert all(".." not in page and not page.startswith("/") for page in written)
    outside = {p for p in tmp_path.rglob("*") if site not in p.parents and p != site}
    assert outside == set()


def test_a_link_inside_the_site_folder_is_never_written_through(tmp_path):
    site = tmp_path / "www"
    answer_kit.write_site(bundle("1.0.0"), site)
    victim = tmp_path / "victim"
    victim.mkdir()
    (site / "en").rename(tmp_path / "old-en")
    os.symlink(victim, site / "en")
    with pytest.raises(answer_kit.SiteError, match="symbolic link"):
        answer_kit.write_site(bundle("1.0.0"), site)
    assert list(victim.iterdir()) == []


def test_a_git_source_with_a_cache_link_is_refused(tmp_path, channel):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    to = tmp_path / "bot"
    (to / ".cache").mkdir(parents=True)
    target = tmp_path / "target"
    target.mkdir()
    os.symlink(target, to / ".cache" / "source.git")
    with pytest.raises(answer_kit.Refused, match="symbolic link"):
        answer_kit.pull(str(repo), to, channel.signer.public, now=NOW)
    assert list(target.iterdir()) == []


def test_a_path_from_data_is_never_read_outside_the_source(tmp_path):
    from answer_kit.sources import FolderSource, checked_path

    for path in ("../etc/passwd", "/etc/passwd", "releases/../../x", "a//b"):
        with pytest.raises(answer_kit.Refused, match="not a plain relative path"):
            checked_path(path)
    with pytest.raises(answer_kit.Refused):
        FolderSource(Path(tmp_path)).read("../x", 10)
