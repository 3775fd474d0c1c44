"""Pulling and verifying bundles as a bot maintainer: refuse anything doubtful, lose nothing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

import answer_kit
from answer_kit.minisign import PublicKey
from authoring_app.library.answer import AnswerKey
from authoring_app.release import planning, published, publishing
from authoring_app.release.notice import build_notice
from authoring_app.review.keys import KeyStore
from tests.people import save_as
from tests.release.helpers import PASSPHRASE, branch_folder, pinned_key, sign_all, signed_sample

PUBLISHER = "demo-publisher"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def released(sample_library, tmp_path):
    """The sample library with release 1.0.0 published; returns (library, keys, key file)."""
    keys = signed_sample(sample_library)
    publishing.publish(
        sample_library, planning.plan_release(sample_library), PUBLISHER, keys[PUBLISHER]
    )
    return sample_library, keys, pinned_key(sample_library, tmp_path)


def second_release(library, keys):
    author = library.roster.get("demo-author")
    key = AnswerKey("collapsed-veins", "en")
    answer = library.answer(key)
    save_as(library, answer.edited(body=answer.body + "\nRest your veins.\n"), author)
    sign_all(library, keys, ["demo-clinician-1"], only={key})
    return publishing.publish(library, planning.plan_release(library), PUBLISHER, keys[PUBLISHER])


def current_version(to: Path) -> str:
    return json.loads((to / "current" / "bundle.json").read_text("utf-8"))["version"]


def test_pull_from_git_then_update_keeps_the_previous(released, tmp_path):
    library, keys, key_file = released
    key = answer_kit.load_public_key(key_file)
    to = tmp_path / "bot"
    result = answer_kit.pull(str(library.path), to, key, allow_sample=True)
    assert (result.version, result.updated, result.previous_version) == ("1.0.0", True, None)
    assert current_version(to) == "1.0.0"
    assert (to / ".cache" / "source.git").is_dir()
    # Only the published branch was fetched: no drafts reached the bot.
    refs = subprocess.run(
        ["git", "-C", str(to / ".cache" / "source.git"), "for-each-ref", "--format=%(refname)"],
        capture_output=True,
        text=True,
    ).stdout.split()
    assert refs == ["refs/heads/published"]

    again = answer_kit.pull(str(library.path), to, key, allow_sample=True)
    assert again.updated is False

    second_release(library, keys)
    result = answer_kit.pull(str(library.path), to, key, allow_sample=True)
    assert (result.version, result.previous_version) == ("1.0.1", "1.0.0")
    assert current_version(to) == "1.0.1"
    assert json.loads((to / "previous" / "bundle.json").read_text())["version"] == "1.0.0"
    assert sorted(p.name for p in (to / "releases").iterdir()) == ["1.0.0", "1.0.1"]
    assert (to / "notice.json").read_bytes() == published.read_file(library, "notice.json")


def refused(source, to, key, match, error=answer_kit.Refused, **kwargs):
    before = {p.name: p.read_bytes() for p in (to / "current").iterdir()}
    with pytest.raises(error, match=match):
        answer_kit.pull(source, to, key, allow_sample=True, **kwargs)
    after = {p.name: p.read_bytes() for p in (to / "current").iterdir()}
    assert after == before, "a refused pull changed the current release"


def test_bad_releases_from_the_app_are_refused_and_nothing_is_lost(released, tmp_path):
    library, keys, key_file = released
    key = answer_kit.load_public_key(key_file)
    old = branch_folder(library, tmp_path / "old")
    second_release(library, keys)
    to = tmp_path / "bot"
    answer_kit.pull(str(library.path), to, key, allow_sample=True)
    assert current_version(to) == "1.0.1"

    # The channel as it was at 1.0.0 (a mirror that stopped): its notice is older.
    refused(old, to, key, r"issued .*\(a replay\)")

    tampered = branch_folder(library, tmp_path / "tampered")
    path = tampered / "releases" / "1.0.1" / "bundle.json"
    path.write_bytes(path.read_bytes().replace(b"Rest your veins", b"Rest your veinz"))
    # A bot that already has 1.0.1 never even reads it; a new bot refuses it.
    assert answer_kit.pull(tampered, to, key).updated is False
    fresh = tmp_path / "new-bot"
    with pytest.raises(answer_kit.Refused, match="signature does not match the file"):
        answer_kit.pull(tampered, fresh, key)
    assert not (fresh / "current").exists() and not (fresh / "releases").exists()

    other = KeyStore(tmp_path / "other-keys")
    other_key = PublicKey.from_ed25519(other.create("someone", PASSPHRASE))
    refused(branch_folder(library, tmp_path / "same"), to, other_key, "signed with a different key")

    refused(
        str(library.path), to, key, r"notice expired at", now=dt.datetime(2040, 1, 1, tzinfo=dt.UTC)
    )
    refused(
        str(tmp_path / "no-such-repo"),
        to,
        key,
        "cannot fetch the published branch",
        error=answer_kit.Unreachable,
    )
    assert current_version(to) == "1.0.1"
    assert not (to / "previous").exists()


def test_verify_checks_a_bundle_alone(released, tmp_path):
    library, _, key_file = released
    key = answer_kit.load_public_key(key_file)
    folder = branch_folder(library, tmp_path / "release")
    bundle = answer_kit.verify_file(folder / "bundle.json", key, allow_sample=True)
    assert bundle.version == "1.0.0" and len(bundle.answers) == 42
    with pytest.raises(answer_kit.Refused, match="expired"):
        answer_kit.verify_file(folder, key, now=bundle.expires, allow_sample=True)
    (folder / "bundle.json.minisig").unlink()
    with pytest.raises(answer_kit.Refused, match="the signature file is missing"):
        answer_kit.verify_file(folder, key, allow_sample=True)


def test_a_version_equal_but_different_is_refused(released, tmp_path):
    library, keys, key_file = released
    key = answer_kit.load_public_key(key_file)
    to = tmp_path / "bot"
    answer_kit.pull(str(library.path), to, key, allow_sample=True)
    # Re-sign the same version from a later library state: a different bundle, same version,
    # with a notice that names it.
    author = library.roster.get("demo-author")
    answer = library.answer(AnswerKey("collapsed-veins", "en"))
    save_as(library, answer.edited(body=answer.body + "\nMore.\n"), author)
    sign_all(library, keys, ["demo-clinician-1"], only={answer.key})
    plan = planning.plan_release(library)
    built = publishing.build_release(
        plan.__class__(**{**plan.__dict__, "previous_version": None}),
        "1.0.0",
        keys[PUBLISHER],
        library.roster.get(PUBLISHER),
    )
    folder = branch_folder(library, tmp_path / "rebuilt")
    for name, data in (
        ("bundle.json", built.bundle_bytes),
        ("bundle.json.minisig", built.signature.encode()),
        ("manifest.json", built.manifest_bytes),
    ):
        (folder / "releases" / "1.0.0" / name).write_bytes(data)
    notice = build_notice(
        library_name="x",
        version="1.0.0",
        sha256=built.sha256,
        size=len(built.bundle_bytes),
        signer=library.roster.get(PUBLISHER),
        private_key=keys[PUBLISHER],
        now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1),
        days=7,
    )
    for name, data in notice.files().items():
        (folder / name).write_bytes(data)
    refused(folder, to, key, "a different bundle with that version is already here")
