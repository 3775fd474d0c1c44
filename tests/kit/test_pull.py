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
from authoring_app.review.keys import KeyStore
from tests.release.helpers import PASSPHRASE, sign_all, signed_sample

PUBLISHER = "demo-publisher"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def released(sample_library, tmp_path):
    """The sample library with release 1.0.0 published; returns (library, keys, key file)."""
    keys = signed_sample(sample_library)
    publishing.publish(
        sample_library, planning.plan_release(sample_library), PUBLISHER, keys[PUBLISHER]
    )
    key_file = tmp_path / "publisher.pub"
    key_file.write_bytes(published.read_file(sample_library, "publisher.pub"))
    return sample_library, keys, key_file


def second_release(library, keys):
    author = library.roster.get("demo-author")
    key = AnswerKey("collapsed-veins", "en")
    answer = library.answer(key)
    library.save_answer(answer.edited(body=answer.body + "\nRest your veins.\n"), author)
    sign_all(library, keys, ["demo-clinician-1"], only={key})
    return publishing.publish(library, planning.plan_release(library), PUBLISHER, keys[PUBLISHER])


def folder_of(library, tmp_path, name, version=None) -> Path:
    """A folder of release files, as a static host would serve them."""
    folder = tmp_path / name
    folder.mkdir()
    prefix = f"releases/{version}/" if version else ""
    for file in answer_kit.FILES:
        (folder / file).write_bytes(published.read_file(library, prefix + file))
    return folder


def current_version(to: Path) -> str:
    return json.loads((to / "current" / "bundle.json").read_text("utf-8"))["version"]


def test_pull_from_git_then_update_keeps_the_previous(released, tmp_path):
    library, keys, key_file = released
    key = answer_kit.load_public_key(key_file)
    to = tmp_path / "bot"
    result = answer_kit.pull(str(library.path), to, key)
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

    again = answer_kit.pull(str(library.path), to, key)
    assert again.updated is False

    second_release(library, keys)
    result = answer_kit.pull(str(library.path), to, key)
    assert (result.version, result.previous_version) == ("1.0.1", "1.0.0")
    assert current_version(to) == "1.0.1"
    assert json.loads((to / "previous" / "bundle.json").read_text())["version"] == "1.0.0"
    assert sorted(p.name for p in (to / "releases").iterdir()) == ["1.0.0", "1.0.1"]


def refused(source, to, key, match, **kwargs):
    before = {p.name: p.read_bytes() for p in (to / "current").iterdir()}
    with pytest.raises(answer_kit.Refused, match=match):
        answer_kit.pull(source, to, key, **kwargs)
    after = {p.name: p.read_bytes() for p in (to / "current").iterdir()}
    assert after == before, "a refused pull changed the current release"


def test_bad_bundles_are_refused_and_nothing_is_lost(released, tmp_path):
    library, keys, key_file = released
    key = answer_kit.load_public_key(key_file)
    old = folder_of(library, tmp_path, "old")
    second_release(library, keys)
    to = tmp_path / "bot"
    answer_kit.pull(str(library.path), to, key)
    assert current_version(to) == "1.0.1"

    refused(old, to, key, r"older than 1.0.1, .*rollback")

    tampered = folder_of(library, tmp_path, "tampered")
    data = (tampered / "bundle.json").read_bytes().replace(b"Rest your veins", b"Rest your veinz")
    (tampered / "bundle.json").write_bytes(data)
    refused(tampered, to, key, "does not verify: signature does not match the file")

    # Damaged past reading: still refused for its signature first, never for what it says.
    garbled = folder_of(library, tmp_path, "garbled")
    (garbled / "bundle.json").write_bytes(b'{"answers": [' + data[:200])
    refused(garbled, to, key, "does not verify: signature does not match the file")

    truncated = folder_of(library, tmp_path, "truncated")
    sig = (truncated / "bundle.json.minisig").read_text()
    (truncated / "bundle.json.minisig").write_text(sig[: len(sig) // 2])
    refused(truncated, to, key, "truncated")

    other = KeyStore(tmp_path / "other-keys")
    other_key = PublicKey.from_ed25519(other.create("someone", PASSPHRASE))
    refused(folder_of(library, tmp_path, "same"), to, other_key, "signed with a different key")

    refused(str(library.path), to, key, r"expired at", now=dt.datetime(2040, 1, 1, tzinfo=dt.UTC))

    manifest = folder_of(library, tmp_path, "manifest")
    data = json.loads((manifest / "manifest.json").read_text())
    data["sha256"] = "0" * 64
    (manifest / "manifest.json").write_text(json.dumps(data))
    refused(manifest, to, key, "differs from the one in manifest.json")

    # The same version with other bytes (e.g. re-signed by someone else) is refused too.
    same_version = folder_of(library, tmp_path, "same-version")
    private = other.load("someone", PASSPHRASE)
    plan = planning.plan_release(library)
    forged = publishing.build_release(
        plan.__class__(**{**plan.__dict__, "previous_version": "1.0.0", "bump": "patch"}),
        "1.0.1",
        private,
        library.roster.get(PUBLISHER),
    )
    (same_version / "bundle.json").write_bytes(forged.bundle_bytes)
    (same_version / "bundle.json.minisig").write_text(forged.signature)
    (same_version / "manifest.json").write_bytes(forged.manifest_bytes)
    refused(same_version, to, other_key, "does not verify")

    refused(str(tmp_path / "no-such-repo"), to, key, "cannot fetch the published branch")
    assert current_version(to) == "1.0.1"
    assert not (to / "previous").exists()


def test_verify_checks_a_bundle_alone(released, tmp_path):
    library, _, key_file = released
    key = answer_kit.load_public_key(key_file)
    folder = folder_of(library, tmp_path, "release")
    bundle = answer_kit.verify_file(folder / "bundle.json", key)
    assert bundle.version == "1.0.0" and len(bundle.answers) == 42
    with pytest.raises(answer_kit.Refused, match="expired"):
        answer_kit.verify_file(folder, key, now=bundle.expires)
    (folder / "bundle.json.minisig").unlink()
    with pytest.raises(answer_kit.Refused, match="the signature file is missing"):
        answer_kit.verify_file(folder, key)


def test_a_version_equal_but_different_is_refused(released, tmp_path):
    library, keys, key_file = released
    key = answer_kit.load_public_key(key_file)
    to = tmp_path / "bot"
    answer_kit.pull(str(library.path), to, key)
    # Re-sign the same version from a later library state: a different bundle, same version.
    author = library.roster.get("demo-author")
    answer = library.answer(AnswerKey("collapsed-veins", "en"))
    library.save_answer(answer.edited(body=answer.body + "\nMore.\n"), author)
    sign_all(library, keys, ["demo-clinician-1"], only={answer.key})
    plan = planning.plan_release(library)
    built = publishing.build_release(
        plan.__class__(**{**plan.__dict__, "previous_version": None}),
        "1.0.0",
        keys[PUBLISHER],
        library.roster.get(PUBLISHER),
    )
    folder = tmp_path / "rebuilt"
    folder.mkdir()
    (folder / "bundle.json").write_bytes(built.bundle_bytes)
    (folder / "bundle.json.minisig").write_text(built.signature)
    (folder / "manifest.json").write_bytes(built.manifest_bytes)
    refused(folder, to, key, "a different bundle with that version is already here")
