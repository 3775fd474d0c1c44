"""Releases delivered to channels that hold releases only: a folder a static HTTPS host
serves and a separate git remote served by git daemon. Bots pull from both with the pinned
key and never see a draft; a renewed notice reaches them without a new bundle."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest

import answer_kit
from authoring_app.library.answer import AnswerKey
from authoring_app.release import delivery, export, planning, published, publishing, recording
from authoring_app.release.renewal import renew_notice
from authoring_app.review.keys import KeyStore
from tests.people import save_as
from tests.release.helpers import (
    PASSPHRASE,
    pinned_key,
    rendering_counter,
    set_release_channels,
    sign_all,
    signed_sample,
)

PUBLISHER = "demo-publisher"


def git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def channels(sample_library, static_host, git_daemon, tmp_path):
    """The signed sample library with two channels: (library, keys, key, folder, git URL)."""
    keys = signed_sample(sample_library)
    git("init", "-q", "--bare", str(git_daemon.root / "releases.git"))
    url = git_daemon.url("releases.git")
    set_release_channels(
        sample_library,
        [{"folder": str(static_host.folder), "url": static_host.url}, {"git": url}],
    )
    key = answer_kit.load_public_key(pinned_key(sample_library, tmp_path))
    return sample_library, keys, key, static_host, url


def publish(library, keys, **kwargs):
    plan = planning.plan_release(library)
    return publishing.publish(library, plan, PUBLISHER, keys[PUBLISHER], **kwargs)


def test_each_channel_holds_releases_only_and_bots_pull_from_both(channels, tmp_path):
    library, keys, key, host, url = channels
    publish(library, keys)
    results = delivery.deliver(library)
    assert [(d.channel.kind, d.delivered) for d in results] == [("folder", True), ("git", True)]

    served = {p.relative_to(host.folder).as_posix() for p in host.folder.rglob("*") if p.is_file()}
    assert served == set(
        git("-C", str(library.path), "ls-tree", "-r", "--name-only", "published").split()
    )
    assert "publisher.pub" not in served and not any(p.startswith("answers/") for p in served)
    remote_refs = [ref for ref in git("ls-remote", url).split()[1::2] if "^{}" not in ref]
    assert sorted(remote_refs) == ["refs/heads/published", "refs/tags/v1.0.0"]
    # Nothing of the drafts' history is in the releases remote.
    bare = host.folder.parent / "served-over-git" / "releases.git"
    assert git("--git-dir", str(bare), "log", "--format=%s", "published").split("\n")[0] == (
        "Release 1.0.0"
    )
    assert library.head() not in git("--git-dir", str(bare), "rev-list", "--all")

    limits = answer_kit.Limits(trusted_certificates=host.certificate)
    by_https = answer_kit.pull(
        host.url, tmp_path / "web-bot", key, limits=limits, allow_sample=True
    )
    by_git = answer_kit.pull(url, tmp_path / "git-bot", key, allow_sample=True)
    assert by_https.version == by_git.version == "1.0.0"
    assert (tmp_path / "web-bot" / "current" / "bundle.json").read_bytes() == (
        tmp_path / "git-bot" / "current" / "bundle.json"
    ).read_bytes()

    # The next release arrives by both ways.
    author = library.roster.get("demo-author")
    changed = AnswerKey("collapsed-veins", "en")
    answer = library.answer(changed)
    save_as(library, answer.edited(body=answer.body + "\nRest your veins.\n"), author)
    sign_all(library, keys, ["demo-clinician-1"], only={changed})
    publish(library, keys)
    assert all(d.delivered for d in delivery.deliver(library))
    assert (
        answer_kit.pull(
            host.url, tmp_path / "web-bot", key, limits=limits, allow_sample=True
        ).version
        == "1.0.1"
    )
    assert answer_kit.pull(url, tmp_path / "git-bot", key, allow_sample=True).version == "1.0.1"
    assert (host.folder / "releases" / "1.0.0" / "bundle.json").is_file()


def test_a_renewed_notice_reaches_bots_without_a_new_bundle(channels, tmp_path, monkeypatch):
    library, keys, key, host, url = channels
    first = publish(library, keys, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    delivery.deliver(library)
    limits = answer_kit.Limits(trusted_certificates=host.certificate)
    bot = tmp_path / "bot"
    answer_kit.pull(host.url, bot, key, limits=limits, allow_sample=True)
    bundle_before = (host.folder / "bundle.json").stat()

    renewed = renew_notice(library, PUBLISHER, keys[PUBLISHER])
    assert renewed.notice.version == "1.0.0" and renewed.notice.expires > first.notice.expires
    assert "v1.0.1" not in git("-C", str(library.path), "tag")  # no release, no tag
    assert all(d.delivered for d in delivery.deliver(library))
    assert (host.folder / "bundle.json").stat().st_mtime_ns == bundle_before.st_mtime_ns
    host.requests.clear()
    result = answer_kit.pull(host.url, bot, key, limits=limits, allow_sample=True)
    assert result.updated is False and result.notice_expires == renewed.notice.expires
    assert not any("bundle.json" in request for request in host.requests)
    assert (
        answer_kit.pull(url, tmp_path / "git-bot", key, allow_sample=True).notice_expires
        == renewed.notice.expires
    )

    # Renewed twice within one second: the second is dated a second later, so a bot that
    # has the first takes it rather than refusing it as a replay.
    moment = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)
    twice = []
    for _ in range(2):
        twice.append(renew_notice(library, PUBLISHER, keys[PUBLISHER], now=moment))
        delivery.deliver(library)
        pulled = answer_kit.pull(host.url, bot, key, limits=limits, allow_sample=True)
        assert pulled.notice_expires == twice[-1].notice.expires
    assert twice[1].notice.expires == twice[0].notice.expires + dt.timedelta(seconds=1)

    # The next release still reuses this one's rendering: only the changed answer renders.
    author = library.roster.get("demo-author")
    changed = AnswerKey("collapsed-veins", "en")
    answer = library.answer(changed)
    save_as(library, answer.edited(body=answer.body + "\nRest.\n"), author)
    sign_all(library, keys, ["demo-clinician-1"], only={changed})
    rendered = rendering_counter(monkeypatch)
    plan = planning.plan_release(library)
    assert plan.changed == (changed,) and len(rendered) == 1


def test_delivery_problems_are_reported_and_a_later_delivery_sends_what_is_missing(
    channels, tmp_path
):
    library, keys, key, host, url = channels
    elsewhere = tmp_path / "not-yet-mounted"
    closed = url.replace(url.split(":")[2].split("/")[0], "9")  # nothing listens on port 9
    set_release_channels(library, [{"folder": str(elsewhere)}, {"git": closed}, {"git": url}])
    # Someone else's history already in the releases remote: the push is rejected, not forced.
    other = tmp_path / "other"
    git("init", "-q", str(other))
    git(
        "-C",
        str(other),
        "-c",
        "user.name=x",
        "-c",
        "user.email=x@x",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "x",
    )
    git("-C", str(other), "push", "-q", url, "HEAD:refs/heads/published")
    publish(library, keys)
    results = delivery.deliver(library)
    assert [d.problem for d in results] == ["no-folder", "unreachable", "rejected"]
    assert all(d.detail for d in results)
    assert published.tip(library) is not None  # the release itself is safe on the branch

    elsewhere.mkdir()
    results = delivery.deliver(library)
    assert results[0].delivered and (elsewhere / "notice.json").is_file()


def test_a_folder_channel_is_never_written_through_a_link(channels, tmp_path):
    library, keys, key, host, url = channels
    victim = tmp_path / "victim"
    victim.mkdir()
    os.symlink(victim, host.folder / "releases")
    set_release_channels(library, [{"folder": str(host.folder)}])
    publish(library, keys)
    (result,) = delivery.deliver(library)
    assert result.problem == "unsafe-path" and "symbolic link" in result.detail
    assert list(victim.iterdir()) == []
    assert not (host.folder / "notice.json").exists()  # nothing names what is not there


def forge_release(library, tmp_path):
    """An author's own key signs a release and puts it on the published branch."""
    author_keys = KeyStore(tmp_path / "author-keys")
    author_keys.create("demo-author", PASSPHRASE)
    forger = author_keys.load("demo-author", PASSPHRASE)
    plan = planning.plan_release(library)
    built = publishing.build_release(
        plan.__class__(**{**plan.__dict__, "previous_version": "1.0.0", "bump": "patch"}),
        "1.0.1",
        forger,
        library.roster.get(PUBLISHER),
    )
    recording.write_release(
        library,
        {
            "bundle.json": built.bundle_bytes,
            "bundle.json.minisig": built.signature.encode(),
            "manifest.json": built.manifest_bytes,
        },
        version="1.0.1",
        person=library.roster.get("demo-author"),
        message="Release 1.0.1",
        expected_tip=published.tip(library),
    )


def test_a_release_forged_with_an_authors_key_is_neither_renewed_nor_exported(channels, tmp_path):
    library, keys, key, host, url = channels
    publish(library, keys)
    forge_release(library, tmp_path)
    with pytest.raises(published.PublishError, match="cannot be renewed: .*different key"):
        renew_notice(library, PUBLISHER, keys[PUBLISHER])
    with pytest.raises(export.ExportError, match="refused: .*different key"):
        export.export_site(library, tmp_path / "site", key)
    assert not (tmp_path / "site").exists()
