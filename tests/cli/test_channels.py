"""A publisher and a bot maintainer from the terminal, as docs/bundle-format.md tells them:
export the key, check its fingerprint, publish to the channels, renew the notice, pull over
HTTPS and git, serve, build the site; and what a bot shows when nothing is current."""

from __future__ import annotations

import subprocess

import pytest

from answer_kit import cli as kit
from authoring_app import cli
from tests.release.helpers import PASSPHRASE, set_release_channels, signed_sample


def run(capsys, main, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def publisher(sample_library, static_host, git_daemon, tmp_path):
    """The signed sample library with two channels, and the publisher's passphrase file."""
    signed_sample(sample_library)
    subprocess.run(
        ["git", "init", "-q", "--bare", str(git_daemon.root / "releases.git")], check=True
    )
    set_release_channels(
        sample_library,
        [
            {"folder": str(static_host.folder), "url": static_host.url},
            {"git": git_daemon.url("releases.git")},
        ],
    )
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    return sample_library, secret, static_host, git_daemon.url("releases.git")


def test_from_publishing_to_a_bot_and_a_site_with_no_access_to_the_library(
    publisher, capsys, tmp_path
):
    library, secret, host, git_url = publisher
    me = ["--library", library.path, "--as", "demo-publisher", "--passphrase-file", secret]
    code, out, err = run(capsys, cli.main, "publish", *me, "--yes")
    assert code == 0, err
    assert f"Delivered to the folder {host.folder}; bots read it from {host.url}" in out
    assert f"Delivered to the git remote {git_url}" in out

    # The publisher exports the key; the maintainer pins it and checks the fingerprint.
    code, key_text, err = run(
        capsys, cli.main, "keys", "export", "--person", "demo-publisher", "--library", library.path
    )
    told = next(line for line in err.splitlines() if line.startswith("Fingerprint:"))
    maintainer = tmp_path / "maintainer"
    maintainer.mkdir()
    key = maintainer / "publisher.pub"
    key.write_text(key_text)
    code, out, _ = run(capsys, kit.main, "fingerprint", key)
    assert code == 0 and told in out

    bot = maintainer / "answers"
    pull = [
        "pull",
        host.url,
        "--to",
        bot,
        "--key",
        key,
        "--allow-sample",
        "--certificate",
        host.certificate,
    ]
    code, out, err = run(capsys, kit.main, *pull)
    assert code == 0, err
    assert out.startswith("Pulled release 1.0.0") and "current until" in out
    code, out, err = run(
        capsys, kit.main, "pull", git_url, "--to", maintainer / "b", "--key", key, "--allow-sample"
    )
    assert code == 0, err
    code, out, _ = run(capsys, kit.main, "status", bot, "--key", key)
    assert code == 0 and out.startswith("Current: release 1.0.0, 42 answer(s)")
    code, out, err = run(
        capsys, kit.main, "site", bot, "--to", maintainer / "www", "--key", key, "--allow-sample"
    )
    assert code == 0, err
    assert (maintainer / "www" / "en" / "overdose" / "opioid-overdose-signs.html").is_file()

    # The publisher confirms the release is still current; the bot learns it in one pull.
    code, out, err = run(capsys, cli.main, "notice", *me)
    assert code == 0, err
    assert "Release 1.0.0 is confirmed current until" in out and "Delivered to the folder" in out
    code, out, _ = run(capsys, kit.main, *pull)
    assert code == 0 and out.startswith("Already up to date: release 1.0.0")

    code, out, err = run(capsys, cli.main, "deliver", "--library", library.path)
    assert code == 0 and out.count("Delivered to") == 2


def test_a_bot_with_no_current_release_offers_only_the_emergency_numbers(
    publisher, capsys, tmp_path
):
    library, secret, host, git_url = publisher
    me = ["--library", library.path, "--as", "demo-publisher", "--passphrase-file", secret]
    assert run(capsys, cli.main, "publish", *me, "--yes")[0] == 0
    code, key_text, _ = run(
        capsys, cli.main, "keys", "export", "--person", "demo-publisher", "--library", library.path
    )
    key = tmp_path / "publisher.pub"
    key.write_text(key_text)
    bot = tmp_path / "bot"

    code, out, _ = run(capsys, kit.main, "status", bot, "--key", key)
    assert code == 4 and "NO CURRENT RELEASE: no release has been pulled" in out
    assert "show only the emergency numbers you know" in out

    assert (
        run(capsys, kit.main, "pull", git_url, "--to", bot, "--key", key, "--allow-sample")[0] == 0
    )
    later = ["--key", key, "--now", "2099-01-01T00:00:00Z", "--locale", "ru"]
    code, out, _ = run(capsys, kit.main, "status", bot, *later)
    assert code == 4
    assert "NO CURRENT RELEASE: release 1.0.0 expired at" in out
    assert "from release 1.0.0 (verified, no longer current)" in out
    assert "Единый номер экстренных служб в России: 112" in out
    assert "Скорая медицинская помощь (Россия): 103" in out
    assert "Пример линии равной и психологической поддержки: +7 000 000-00-06" in out
    assert "Пример мобильного пункта" not in out  # answers' services are not served
    code, out, _ = run(
        capsys, kit.main, "status", bot, "--key", key, "--json", "--now", "2099-01-01"
    )
    assert code == 4 and '"current": false' in out and '"from_release": "1.0.0"' in out

    # A pull that fails keeps the last release; if that has expired too, exit 4 says so.
    code, out, err = run(
        capsys,
        kit.main,
        "pull",
        git_url,
        "--to",
        bot,
        "--key",
        key,
        "--allow-sample",
        "--now",
        "2099-01-01",
    )
    assert code == 4 and err.count("\n") == 1 and "NO CURRENT RELEASE" in out


def test_a_channel_that_cannot_be_reached_is_named_and_exits_1(publisher, capsys, tmp_path):
    library, secret, host, git_url = publisher
    set_release_channels(library, [{"folder": str(tmp_path / "not-mounted")}])
    me = ["--library", library.path, "--as", "demo-publisher", "--passphrase-file", secret]
    code, out, err = run(capsys, cli.main, "publish", *me, "--yes")
    assert code == 1 and "Published release 1.0.0" in out
    assert "Not delivered to the folder" in err and "no such folder on this computer" in err
    assert "run `authoring-app deliver`" in err
    (tmp_path / "not-mounted").mkdir()
    code, out, _ = run(capsys, cli.main, "deliver", "--library", library.path)
    assert code == 0 and (tmp_path / "not-mounted" / "notice.json").is_file()
