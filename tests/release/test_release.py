"""Releases end to end: real sign-offs, real keys, the published branch, minisign itself."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from html.parser import HTMLParser

import pytest

import answer_kit
from answer_kit import minisign, schema
from authoring_app.library import cache
from authoring_app.library.answer import AnswerKey
from authoring_app.library.text import utf16_len
from authoring_app.release import bundle as bundles
from authoring_app.release import memo as release_memo
from authoring_app.release import planning, published, publishing, recording, rendering
from authoring_app.review import actions as review
from authoring_app.review.library_status import library_status
from authoring_app.review.status import Status
from tests.people import govern, save_as
from tests.release.helpers import (
    give_keys,
    pinned_key,
    rendering_counter,
    sign_all,
    signed_sample,
)

PUBLISHER = "demo-publisher"
CLINICIANS = ["demo-clinician-1", "demo-clinician-2"]
OVERDOSE_EN = AnswerKey("opioid-overdose-signs", "en")
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "s", "a", "code", "pre", "blockquote"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def branch_file(library, path):
    return published.read_file(library, path)


def publish(library, keys, **kwargs):
    plan = planning.plan_release(library)
    return publishing.publish(library, plan, PUBLISHER, keys[PUBLISHER], **kwargs)


def test_first_release_of_the_signed_sample(sample_library, tmp_path):
    lib = sample_library
    keys = signed_sample(lib)
    head = lib.head()
    index_before = (lib.path / ".git" / "index").read_bytes()
    plan = planning.plan_release(lib)
    assert plan.bump == "first" and plan.proposed_version == "1.0.0" and not plan.problems
    assert len(plan.included) == len(lib.answers()) == len(plan.added) == 42
    assert plan.left_out == () and plan.removed == ()

    result = publishing.publish(lib, plan, PUBLISHER, keys[PUBLISHER])
    assert result.tag == "v1.0.0"
    # The drafts' side is untouched: same HEAD, same index, clean working tree.
    assert lib.head() == head and lib.repo.active_branch.name == "main"
    assert (lib.path / ".git" / "index").read_bytes() == index_before
    assert lib.repo.git.status("--porcelain") == ""
    files = set(lib.repo.git.ls_tree("-r", "--name-only", "published").splitlines())
    assert files == {
        "bundle.json",
        "bundle.json.minisig",
        "manifest.json",
        "notice.json",
        "notice.json.minisig",
        "releases.json",
        "releases/1.0.0/bundle.json",
        "releases/1.0.0/bundle.json.minisig",
        "releases/1.0.0/manifest.json",
        "schemas/bundle.schema.json",
        "schemas/manifest.schema.json",
        "schemas/notice.schema.json",
        "schemas/releases.schema.json",
    }
    # The branch holds only releases: no answer text, no review records.
    assert not any(f.startswith(("answers/", "reviews/")) for f in files)
    tag = lib.repo.git.cat_file("-p", "v1.0.0")
    assert "tagger Sam Example (demonstration publisher)" in tag
    assert (
        lib.repo.git.log("-1", "--format=%an", "published")
        == "Sam Example (demonstration publisher)"
    )

    out = tmp_path / "out"
    out.mkdir()
    for name in ("bundle.json", "bundle.json.minisig", "manifest.json"):
        (out / name).write_bytes(branch_file(lib, name))
    (out / "publisher.pub").write_bytes(pinned_key(lib, tmp_path).read_bytes())
    checked = subprocess.run(
        ["minisign", "-Vm", "bundle.json", "-p", "publisher.pub"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "version=1.0.0" in checked.stdout and "expires=" in checked.stdout
    key = answer_kit.load_public_key(out / "publisher.pub")
    verified = answer_kit.verify_file(
        out / "bundle.json", key, require_manifest=True, allow_sample=True
    )
    assert verified.version == "1.0.0"

    data = json.loads(branch_file(lib, "bundle.json"))
    assert schema.problems(data) == []
    assert schema.problems(json.loads(branch_file(lib, "manifest.json")), "manifest") == []
    assert schema.problems(json.loads(branch_file(lib, "releases.json")), "releases") == []
    assert schema.problems(json.loads(branch_file(lib, "notice.json")), "notice") == []
    notice = answer_kit.verify_notice(
        branch_file(lib, "notice.json"), branch_file(lib, "notice.json.minisig"), key
    )
    assert (notice.version, notice.sha256) == ("1.0.0", verified.sha256)
    assert notice.expires - notice.issued == dt.timedelta(days=7)  # library.yaml's default
    for name in schema.NAMES:  # the schemas a maintainer checks with are the kit's own
        assert branch_file(lib, f"schemas/{name}.schema.json").decode() == schema.text(name)
    assert data["release_time"] == bundles.iso_utc(planning.commit_time(lib))
    assert data["library"]["sample"] is True
    expected_expiry = bundles.add_months(planning.commit_time(lib), 12).replace(microsecond=0)
    assert bundles.parse_utc(data["expires"]) <= expected_expiry
    for answer in data["answers"]:
        for message in [answer["summary"]["telegram"], *answer["body"]["telegram"]]:
            assert utf16_len(message) <= 4096
            parser = Tags()
            parser.feed(message)
            assert set(parser.tags) <= TELEGRAM_TAGS
        assert "{{ref:" not in json.dumps(answer)
        assert answer["governance"]["signed_off_by"]
    overdose = next(a for a in data["answers"] if a["key"] == str(OVERDOSE_EN))
    assert len(overdose["governance"]["signed_off_by"]) == 2
    assert "Call an ambulance (103 or 112)" in overdose["summary"]["text"]
    assert overdose["translations"] == ["ru"]

    hashes = published.published_hashes(lib)
    assert hashes[OVERDOSE_EN] == lib.answer(OVERDOSE_EN).content_hash()
    statuses = library_status(lib, published=hashes)
    assert all(s.status == Status.PUBLISHED for s in statuses.values())


def test_the_same_library_state_builds_byte_identical_bundles(sample_library):
    keys = signed_sample(sample_library)
    person = sample_library.roster.get(PUBLISHER)
    first = publishing.build_release(
        planning.plan_release(sample_library), "1.0.0", keys[PUBLISHER], person
    )
    second = publishing.build_release(
        planning.plan_release(sample_library, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=3)),
        "1.0.0",
        keys[PUBLISHER],
        person,
    )
    assert first.bundle_bytes == second.bundle_bytes
    assert first.signature == second.signature and first.manifest_bytes == second.manifest_bytes
    result = publishing.publish(
        sample_library, planning.plan_release(sample_library), PUBLISHER, keys[PUBLISHER]
    )
    assert branch_file(sample_library, "bundle.json") == first.bundle_bytes
    assert result.release.sha256 == first.sha256


def test_versions_follow_what_changed(sample_library):
    lib = sample_library
    keys = give_keys(lib, [*CLINICIANS, PUBLISHER])
    testing_en = AnswerKey("hiv-hcv-testing", "en")
    sign_all(
        lib, keys, CLINICIANS, only={k for k in (a.key for a in lib.answers()) if k != testing_en}
    )
    assert publish(lib, keys).release.version == "1.0.0"

    plan = planning.plan_release(lib)
    assert plan.nothing_changed and not plan.can_publish
    with pytest.raises(planning.ReleaseError, match="nothing to publish"):
        publishing.publish(lib, plan, PUBLISHER, keys[PUBLISHER])

    sign_all(lib, keys, CLINICIANS, only={testing_en})  # added
    plan = planning.plan_release(lib)
    assert (plan.bump, plan.added, plan.proposed_version) == ("minor", (testing_en,), "1.1.0")
    assert publish(lib, keys).release.version == "1.1.0"

    author = lib.roster.get("demo-author")
    answer = lib.answer(OVERDOSE_EN)
    save_as(lib, answer.edited(body=answer.body + "\nStay with them.\n"), author)
    plan = planning.plan_release(lib)  # edited, not yet signed: it would drop out
    assert plan.removed == (OVERDOSE_EN,) and plan.bump == "major"
    assert "not signed off" in next(i.reason for i in plan.left_out if i.key == OVERDOSE_EN)
    sign_all(lib, keys, CLINICIANS, only={OVERDOSE_EN})  # changed
    plan = planning.plan_release(lib)
    assert (plan.bump, plan.changed, plan.proposed_version) == ("patch", (OVERDOSE_EN,), "1.1.1")
    with pytest.raises(planning.ReleaseError, match="not newer"):
        publishing.choose_version(plan, "1.1.0")
    assert publishing.choose_version(plan, "1.2.0") == "1.2.0"
    assert publish(lib, keys).release.version == "1.1.1"

    doctor = "demo-clinician-1"
    review.retire(lib, testing_en, doctor, keys[doctor], reason="out of date")  # removed
    plan = planning.plan_release(lib)
    assert (plan.bump, plan.removed, plan.proposed_version) == ("major", (testing_en,), "2.0.0")
    with pytest.raises(planning.ReleaseError, match="too low"):
        publishing.choose_version(plan, "1.2.0")
    result = publish(lib, keys)
    assert result.release.version == "2.0.0"
    index = json.loads(branch_file(lib, "releases.json"))
    assert [r["version"] for r in index["releases"]] == ["2.0.0", "1.1.1", "1.1.0", "1.0.0"]
    assert index["releases"][0]["changes"]["removed"] == [str(testing_en)]
    assert index["releases"][1]["changes"]["changed"] == [str(OVERDOSE_EN)]
    assert json.loads(branch_file(lib, "bundle.json"))["previous_version"] == "1.1.1"
    tags = set(lib.repo.git.tag("--list").split())
    assert tags == {"v1.0.0", "v1.1.0", "v1.1.1", "v2.0.0"}
    assert branch_file(lib, "releases/1.0.0/bundle.json") is not None


def signed_long_ago(lib, key, keys, when) -> None:
    """Sign-offs of `key` dated `when`, written as a tool writes them (the app signs only now)."""
    answer = lib.answer(key)
    lines = []
    for person_id in CLINICIANS[: lib.info.clinicians_required_for(answer.topic)]:
        person = lib.roster.get(person_id)
        lines.append(
            review.signed_record_line(
                answer,
                person.id,
                person.name,
                person.credentials,
                when,
                keys[person_id],
                directory=lib.directory,
            )  # fmt: skip
        )
    path = lib.path / "reviews" / f"{key}.jsonl"
    path.write_text(path.read_text("utf-8") + "".join(f"{line}\n" for line in lines), "utf-8")
    lib.commit(lib.roster.get(CLINICIANS[0]), "Sign-offs from long ago", [f"reviews/{key}.jsonl"])


def test_drafts_review_due_and_forged_sign_offs_stay_out(sample_library):
    lib = sample_library
    keys = give_keys(lib, [*CLINICIANS, PUBLISHER])
    due = AnswerKey("collapsed-veins", "en")
    forged = AnswerKey("hitting-an-artery", "en")
    draft = AnswerKey("talking-to-someone", "ru")
    its_translation = AnswerKey("talking-to-someone", "en")  # cannot be signed off before it
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    signed_long_ago(lib, due, keys, long_ago)
    others = {a.key for a in lib.answers()} - {due, draft, its_translation, forged}
    sign_all(lib, keys, CLINICIANS, only=others)
    # Forge: a sign-off copied from another answer, made out for this one's text.
    copied = json.loads(
        (lib.path / "reviews" / "collapsed-veins.ru.jsonl").read_text("utf-8").splitlines()[-1]
    )
    assert copied["kind"] == "signed-off"
    copied.update(answer=forged.id, locale=forged.locale)
    copied.update(content_hash=lib.answer(forged).content_hash())
    path = lib.path / "reviews" / f"{forged}.jsonl"
    path.write_text(path.read_text("utf-8") + json.dumps(copied) + "\n", "utf-8")
    lib.commit(
        lib.roster.get("demo-author"),
        "Add a review record by hand",
        [str(path.relative_to(lib.path))],
    )

    plan = planning.plan_release(lib, include=[forged])
    reasons = {item.key: item for item in plan.left_out}
    assert set(reasons) == {due, forged, draft, its_translation}
    assert reasons[due].status == "review due" and "review was due on" in reasons[due].reason
    assert plan.review_due == (reasons[due],)
    assert "signature does not match" in reasons[forged].reason
    assert reasons[draft].status == "draft"
    assert not any(e.key in reasons for e in plan.included)
    assert plan.problems and f"{forged} cannot be included" in plan.problems[0]
    with pytest.raises(planning.ReleaseError, match="hitting-an-artery.en cannot be included"):
        publishing.publish(lib, plan, PUBLISHER, keys[PUBLISHER])
    assert published.tip(lib) is None

    plan = planning.plan_release(lib)
    result = publishing.publish(lib, plan, PUBLISHER, keys[PUBLISHER])
    keys_in = {a["key"] for a in result.release.bundle["answers"]}
    assert str(due) not in keys_in and str(forged) not in keys_in and str(draft) not in keys_in
    assert len(keys_in) == 38


def test_only_a_publisher_with_their_own_key_may_publish(sample_library):
    keys = signed_sample(sample_library)
    plan = planning.plan_release(sample_library)
    with pytest.raises(planning.ReleaseError, match="not a publisher"):
        publishing.publish(sample_library, plan, "demo-clinician-1", keys["demo-clinician-1"])
    with pytest.raises(planning.ReleaseError, match="does not match their public key"):
        publishing.publish(sample_library, plan, PUBLISHER, keys["demo-clinician-1"])
    with pytest.raises(planning.ReleaseError, match="not in this library's roster"):
        publishing.publish(sample_library, plan, "nobody", keys[PUBLISHER])
    assert published.tip(sample_library) is None


def test_a_stale_plan_or_unsaved_changes_are_refused(sample_library):
    keys = signed_sample(sample_library)
    plan = planning.plan_release(sample_library)
    author = sample_library.roster.get("demo-author")
    answer = sample_library.answer(OVERDOSE_EN)
    save_as(sample_library, answer.edited(title="Changed title"), author)
    with pytest.raises(planning.ReleaseError, match="changed since the release was planned"):
        publishing.publish(sample_library, plan, PUBLISHER, keys[PUBLISHER])
    (sample_library.path / answer.path).write_text("unsaved", "utf-8")
    with pytest.raises(planning.ReleaseError, match="unsaved changes"):
        planning.plan_release(sample_library)


def test_a_bundle_stored_ahead_is_used_only_for_its_own_version(sample_library, monkeypatch):
    """While the publisher confirms, the bundle for the chosen version is stored in git;
    publishing that version uses it, any other version stores its own bytes."""
    lib = sample_library
    keys = signed_sample(lib)
    stored = []
    real = recording.start_storing
    monkeypatch.setattr(
        recording, "start_storing", lambda library, data: stored.append(data) or real(library, data)
    )
    plan = planning.plan_release(lib)
    ahead = publishing.store_ahead(lib, plan, None)
    assert ahead.version == "1.0.0" and len(stored) == 1
    result = publishing.publish(lib, plan, PUBLISHER, keys[PUBLISHER], ahead=ahead)
    assert len(stored) == 1  # publishing stored nothing more
    assert branch_file(lib, "bundle.json") == stored[0] == result.release.bundle_bytes
    assert json.loads(stored[0])["version"] == "1.0.0"

    edit = lib.answer(OVERDOSE_EN)
    save_as(lib, edit.edited(summary=edit.summary + " Stay."), lib.roster.get("demo-author"))
    sign_all(lib, keys, CLINICIANS, only={OVERDOSE_EN})
    plan = planning.plan_release(lib)
    for too_low in ("0.9.0", "1.0.0"):  # publish would refuse these: nothing is stored
        assert publishing.store_ahead(lib, plan, too_low) is None
    ahead = publishing.store_ahead(lib, plan, "1.0.1")
    result = publishing.publish(lib, plan, PUBLISHER, keys[PUBLISHER], version="1.1.0", ahead=ahead)
    assert json.loads(branch_file(lib, "bundle.json"))["version"] == "1.1.0"
    assert len(stored) == 3 and branch_file(lib, "bundle.json") == stored[2]
    answer_kit.verify_bundle(
        branch_file(lib, "bundle.json"),
        branch_file(lib, "bundle.json.minisig"),
        minisign.PublicKey.from_ed25519(keys[PUBLISHER].public_key()),
        allow_sample=True,
    )

    plan = planning.plan_release(lib)  # nothing changed since: nothing to store
    assert plan.nothing_changed and publishing.store_ahead(lib, plan, None) is None


def test_a_crash_while_recording_leaves_no_release(sample_library, monkeypatch):
    keys = signed_sample(sample_library)
    plan = planning.plan_release(sample_library)
    real = recording._with_stdin

    def crash(repo, args, data, env=None):
        if args[0] == "update-ref":
            raise OSError("power cut")
        return real(repo, args, data, env)

    monkeypatch.setattr(recording, "_with_stdin", crash)
    with pytest.raises(OSError):
        publishing.publish(sample_library, plan, PUBLISHER, keys[PUBLISHER])
    assert published.tip(sample_library) is None
    assert sample_library.repo.git.tag("--list") == ""
    monkeypatch.setattr(recording, "_with_stdin", real)
    assert publishing.publish(sample_library, plan, PUBLISHER, keys[PUBLISHER]).tag == "v1.0.0"


def test_progress_is_reported(sample_library):
    keys = signed_sample(sample_library)
    steps = []
    plan = planning.plan_release(sample_library, progress=lambda *a: steps.append(a))
    publishing.publish(
        sample_library, plan, PUBLISHER, keys[PUBLISHER], progress=lambda *a: steps.append(a)
    )
    assert steps[0][0] == "Checking sign-offs" and steps[-1] == ("Published", 3, 3)
    assert any(step[0].startswith("Rendering ") for step in steps)


def _bytes(lib, keys, plan):
    person = lib.roster.get(PUBLISHER)
    return publishing.build_release(
        plan, plan.proposed_version, keys[PUBLISHER], person
    ).bundle_bytes


def test_an_incremental_release_is_byte_identical_to_a_full_rebuild(sample_library, monkeypatch):
    lib = sample_library
    keys = signed_sample(lib)
    publish(lib, keys)
    author = lib.roster.get("demo-author")
    answer = lib.answer(OVERDOSE_EN)
    save_as(lib, answer.edited(summary=answer.summary + " Stay with them."), author)
    sign_all(lib, keys, CLINICIANS, only={OVERDOSE_EN})

    rendered = rendering_counter(monkeypatch)
    incremental = planning.plan_release(lib)
    assert len(rendered) == 1  # only the changed answer is rendered again
    rendered.clear()
    full = planning.plan_release(lib, reuse=False)
    assert len(rendered) == len(full.included) == 42
    assert incremental.changed == full.changed == (OVERDOSE_EN,)
    assert _bytes(lib, keys, incremental) == _bytes(lib, keys, full)
    publish(lib, keys)

    # A directory entry an answer's text names changes (the governors approve it, and the
    # answers that show it are signed off again): those answers are rendered again.
    govern(
        lib,
        "directory.yaml",
        lambda text: text.replace("Ambulance (Russia)", "Ambulance (all of Russia)"),
    )
    sign_all(lib, keys, CLINICIANS)
    rendered.clear()
    incremental = planning.plan_release(lib)
    again = len(rendered)
    rendered.clear()
    full = planning.plan_release(lib, reuse=False)
    assert 0 < again < len(rendered)
    assert "Ambulance (all of Russia)" in _bytes(lib, keys, incremental).decode("utf-8")
    assert _bytes(lib, keys, incremental) == _bytes(lib, keys, full)


def test_a_release_not_signed_by_a_publisher_or_renderer_is_not_reused(sample_library, monkeypatch):
    lib = sample_library
    keys = signed_sample(lib)
    publish(lib, keys)
    last = published.latest_release(lib)
    assert release_memo.previous_rendering(lib, last) is not None

    # The bundle on the branch was altered after signing: nothing of it is reused.
    tampered = last.bundle_bytes.replace(b"</p>", b"<script>x()</script></p>", 1)
    person = lib.roster.get(PUBLISHER)
    recording.write_release(
        lib,
        {"bundle.json": tampered},
        version="1.0.1",
        person=person,
        message=f"Release 1.0.1\n\n{published.RENDER_TRAILER}: {rendering.render_digest()}",
        expected_tip=last.commit,
    )
    last = published.latest_release(lib)
    assert release_memo.previous_rendering(lib, last) is None
    rendered = rendering_counter(monkeypatch)
    plan = planning.plan_release(lib)
    assert len(rendered) == 42 and b"<script>" not in _bytes(lib, keys, plan)

    # Rendered by other code (another render digest): rendered again.
    earlier = json.loads(branch_file(lib, "releases/1.0.0/bundle.json"))
    digest = rendering.render_digest()
    assert rendering.PreviousRendering(earlier, digest).parts(
        lib.answer(OVERDOSE_EN), lib.info, lib.directory
    )
    monkeypatch.setattr(rendering, "render_digest", lambda: "sha256:other")
    stale = rendering.PreviousRendering(earlier, digest)
    assert stale.parts(lib.answer(OVERDOSE_EN), lib.info, lib.directory) is None


def test_published_hashes_are_remembered_per_release_and_follow_a_new_one(
    sample_library, monkeypatch
):
    lib = sample_library
    keys = signed_sample(lib)
    assert published.published_hashes(lib) == {}
    publish(lib, keys)
    # Publishing remembers what it published: the bundle is not read back to find out.
    real = published.latest_release
    monkeypatch.setattr(published, "latest_release", lambda library: pytest.fail("re-read"))
    first = published.published_hashes(lib)
    assert first[OVERDOSE_EN] == lib.answer(OVERDOSE_EN).content_hash()
    assert len(first) == 42
    monkeypatch.setattr(published, "latest_release", real)
    cache.clear(lib.path)  # another computer, after sync: read once from the branch
    assert published.published_hashes(lib) == first

    answer = lib.answer(OVERDOSE_EN)
    save_as(
        lib,
        answer.edited(summary=answer.summary + " Stay with them."),
        lib.roster.get("demo-author"),
    )
    sign_all(lib, keys, CLINICIANS, only={OVERDOSE_EN})
    publish(lib, keys)
    second = published.published_hashes(lib)
    assert second[OVERDOSE_EN] == lib.answer(OVERDOSE_EN).content_hash() != first[OVERDOSE_EN]
