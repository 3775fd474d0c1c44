"""Incremental releases from the memo of the last one: always the bytes of a full rebuild."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess

import pytest

from authoring_app.library import cache
from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Library
from authoring_app.release import bundle as bundles
from authoring_app.release import fragments, planning, published, publishing, rendering
from authoring_app.release import memo as release_memo
from authoring_app.review import actions as review
from tests.people import govern, save_as
from tests.release.helpers import (
    fake_entries,
    first_release_at,
    rendering_counter,
    sign_all,
    signed_sample,
)

PUBLISHER = "demo-publisher"
CLINICIANS = ["demo-clinician-1", "demo-clinician-2"]
OVERDOSE_EN = AnswerKey("opioid-overdose-signs", "en")


def bundle_of(lib, keys, plan):
    person = lib.roster.get(PUBLISHER)
    return publishing.build_release(
        plan, plan.proposed_version, keys[PUBLISHER], person
    ).bundle_bytes


def same_as_full_rebuild(lib, keys, *, from_memo: bool):
    """Plan the next release both ways, check they agree byte for byte, and publish it."""
    assert memo_in_use(lib) == from_memo
    incremental = planning.plan_release(lib)
    full = planning.plan_release(lib, reuse=False)
    assert incremental.can_publish, incremental.problems or incremental.why
    for name in ("added", "changed", "removed", "bump", "why", "proposed_version"):
        assert getattr(incremental, name) == getattr(full, name), name
    data = bundle_of(lib, keys, incremental)
    assert data == bundle_of(lib, keys, full)
    assert incremental.bundle == full.bundle  # the planned data, version not final
    assert bundles.content_of(incremental.bundle) == bundles.content_of(json.loads(data))
    result = publishing.publish(lib, incremental, PUBLISHER, keys[PUBLISHER])
    assert published.read_file(lib, "bundle.json") == data
    assert release_memo.load(lib, result.commit) is not None  # remembered for the next one
    return incremental


def memo_in_use(lib) -> bool:
    """Will the next plan be made from the memo of the last release?"""
    memo = release_memo.load(lib, published.tip(lib))
    if memo is None:
        return False
    return release_memo.from_memo(memo, release_memo.read_bundle(lib, memo)) is not None


def edit(lib, key, text=" Stay with them."):
    answer = lib.answer(key)
    save_as(lib, answer.edited(summary=answer.summary + text), lib.roster.get("demo-author"))


def commit_file(lib, name, old, new, keys=None):
    """Change `name` as the governors approve; with `keys`, sign off again every answer
    whose sign-offs that voids (a service it shows changed)."""
    govern(lib, name, lambda text: text.replace(old, new))
    if keys is not None:
        sign_all(lib, keys, CLINICIANS)


@pytest.fixture
def released(sample_library):
    keys = signed_sample(sample_library)
    publishing.publish(
        sample_library, planning.plan_release(sample_library), PUBLISHER, keys[PUBLISHER]
    )
    return sample_library, keys


def test_the_bundle_is_its_fragments_joined():
    rest = {"format": 1, "version": "1.0.0", "library": {"b": [1, "é"], "a": None}}
    answers = [{"key": "x.en", "body": {"text": "ü\n"}}, {"key": "y.ru", "z": [], "a": 1}]
    parts = [fragments.fragment(a) for a in answers]
    joined = fragments.bundle_bytes(rest, parts)
    assert joined == bundles.canonical_json({**rest, "answers": answers})
    assert fragments.bundle_bytes({}, []) == bundles.canonical_json({"answers": []})
    built = fragments.Assembled(details=rest, keys=("x.en", "y.ru"), fragments=tuple(parts))
    for (start, end), part in zip(built.ranges(), parts, strict=True):
        assert built.to_bytes()[start:end] == part
    with pytest.raises(ValueError):
        fragments.bundle_bytes({"aardvark": 1}, parts)


def test_an_edited_answer_is_the_only_one_rendered_and_the_last_bundle_is_not_parsed(
    released, monkeypatch
):
    lib, keys = released
    edit(lib, OVERDOSE_EN)
    sign_all(lib, keys, CLINICIANS, only={OVERDOSE_EN})
    rendered = rendering_counter(monkeypatch)
    parsed = []
    real_latest = published.latest_release
    monkeypatch.setattr(
        published, "latest_release", lambda lib: parsed.append(1) or real_latest(lib)
    )
    plan = planning.plan_release(lib)
    assert len(rendered) == 1 and parsed == []
    assert plan.changed == (OVERDOSE_EN,) and plan.bump == "patch"
    assert same_as_full_rebuild(lib, keys, from_memo=True).changed == (OVERDOSE_EN,)


def test_a_directory_entry_named_by_a_ref_changes(released, monkeypatch):
    lib, keys = released
    commit_file(lib, "directory.yaml", "Ambulance (Russia)", "Ambulance (all of Russia)", keys)
    rendered = rendering_counter(monkeypatch)
    plan = same_as_full_rebuild(lib, keys, from_memo=True)
    assert plan.changed and plan.bump == "patch"
    assert 0 < len(rendered) < 2 * len(plan.included)  # the incremental plan rendered some
    assert "Ambulance (all of Russia)" in json.dumps(plan.bundle, ensure_ascii=False)


@pytest.mark.parametrize("reuse", [True, False])
def test_a_service_removed_while_answers_name_it_leaves_them_out(released, reuse):
    """Answers are prepared while the last bundle is read; a service the governors removed
    voids the sign-offs of the answers that showed it, which leave the release, saying why,
    with the memo as without it."""
    lib, _ = released
    govern(
        lib,
        "directory.yaml",
        lambda text: (
            text[: text.index("  - id: example-support-line")]
            + text[text.index("  - id: example-wound-clinic") :]
        ),
    )
    assert memo_in_use(lib)
    plan = planning.plan_release(lib, reuse=reuse)
    gone = {
        AnswerKey(name, locale)
        for name in ("talking-to-someone", "bot-talk-to-a-person", "bot-after-hours")
        for locale in ("en", "ru")
    }
    assert set(plan.removed) == gone and plan.bump == "major"
    reasons = {item.key: item.reason for item in plan.left_out}
    assert all("a service it shows changed in the directory" in reasons[key] for key in gone), {
        key: reasons[key] for key in gone
    }
    assert plan.trust_changes == ("directory entry removed: example-support-line",)


def test_a_service_no_answer_names_is_added(released, monkeypatch):
    lib, keys = released
    govern(
        lib,
        "directory.yaml",
        lambda text: (
            text
            + "\n  - id: example-new-unit\n    kind: outreach\n    name: {ru: Новый, en: New}\n"
            + '    contact: "+7 000 000-00-99"\n    example: true\n'
        ),
    )
    rendered = rendering_counter(monkeypatch)
    assert planning.plan_release(lib).why == "the directory or library details changed"
    assert rendered == []
    plan = same_as_full_rebuild(lib, keys, from_memo=True)
    assert plan.bump == "patch" and not plan.changed


def test_the_library_locales_change(released):
    lib, keys = released
    commit_file(lib, "library.yaml", "locales: [ru, en]", "locales: [en, ru]")
    plan = same_as_full_rebuild(lib, keys, from_memo=True)
    assert plan.bump == "patch"


def test_a_new_sign_off_changes_only_governance(released, monkeypatch):
    lib, keys = released
    testing = AnswerKey("hiv-hcv-testing", "en")
    assert lib.info.clinicians_required_for(lib.answer(testing).topic) == 1
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    sign_all(lib, keys, CLINICIANS[::-1], only={testing}, now=later)  # a second clinician
    rendered = rendering_counter(monkeypatch)
    incremental = planning.plan_release(lib)
    assert rendered == []  # the text is the same: its rendering is reused
    assert incremental.changed == (testing,)
    same_as_full_rebuild(lib, keys, from_memo=True)


def test_a_removed_and_an_added_answer(released):
    lib, keys = released
    gone = AnswerKey("hiv-hcv-testing", "en")
    review.retire(lib, gone, "demo-clinician-1", keys["demo-clinician-1"], reason="out of date")
    plan = same_as_full_rebuild(lib, keys, from_memo=True)
    assert plan.removed == (gone,) and plan.bump == "major"


@pytest.mark.parametrize("damage", ["deleted", "garbage", "wrong sha256", "shifted", "mixed up"])
def test_a_deleted_or_damaged_memo_falls_back_to_the_parsed_bundle(released, damage):
    lib, keys = released
    edit(lib, OVERDOSE_EN)
    sign_all(lib, keys, CLINICIANS, only={OVERDOSE_EN})
    path = cache.folder_for(lib.path) / f"{release_memo.MEMO.name}.pickle"
    tip = published.tip(lib)
    memo = cache.load(lib.path, release_memo.MEMO, tip)
    first, second = sorted(memo["answers"])[:2]
    if damage == "deleted":
        cache.clear(lib.path)
    elif damage == "garbage":
        path.write_bytes(pickle.dumps(("not", "a memo"))[:7])
    elif damage == "wrong sha256":
        cache.store(lib.path, release_memo.MEMO, tip, {**memo, "sha256": "0" * 64})
    elif damage == "shifted":
        answers = {k: (d, r, s + 1, e + 1, h) for k, (d, r, s, e, h) in memo["answers"].items()}
        cache.store(lib.path, release_memo.MEMO, tip, {**memo, "answers": answers})
    else:
        answers = dict(memo["answers"])
        answers[first], answers[second] = answers[second], answers[first]
        cache.store(lib.path, release_memo.MEMO, tip, {**memo, "answers": answers})
    plan = same_as_full_rebuild(lib, keys, from_memo=False)
    assert plan.changed == (OVERDOSE_EN,)
    # ... and the release just made is remembered again.
    edit(lib, OVERDOSE_EN, " Again.")
    sign_all(lib, keys, CLINICIANS, only={OVERDOSE_EN})
    same_as_full_rebuild(lib, keys, from_memo=True)


def test_a_release_made_by_another_clone(released, tmp_path, monkeypatch):
    lib, keys = released
    other_path = tmp_path / "other-clone"
    subprocess.run(["git", "clone", "-q", str(lib.path), str(other_path)], check=True)
    with Library.open(other_path) as other:
        edit(other, OVERDOSE_EN)
        sign_all(other, keys, CLINICIANS, only={OVERDOSE_EN})
        made = publishing.publish(other, planning.plan_release(other), PUBLISHER, keys[PUBLISHER])
        other_head = other.head()
    lib.repo.git.fetch(str(other_path), f"{published.BRANCH}:{published.BRANCH}", "main:theirs")
    lib.repo.git.merge("-q", "--ff-only", "theirs")
    lib.reload()
    assert published.tip(lib) == made.commit and lib.head() == other_head
    # Its memo is the other computer's: here the bundle is read, and its rendering reused
    # once its signature checks out.
    edit(lib, AnswerKey("opioid-overdose-signs", "ru"))
    sign_all(lib, keys, CLINICIANS, only={AnswerKey("opioid-overdose-signs", "ru")})
    rendered = rendering_counter(monkeypatch)
    incremental = planning.plan_release(lib)
    assert len(rendered) == 1
    same_as_full_rebuild(lib, keys, from_memo=False)
    assert incremental.previous_version == made.release.version


def test_assembling_as_fragments_gives_what_assemble_gives(library):
    entries = fake_entries(library)
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    details = bundles.bundle_details(**first_release_at(library, now))
    built = fragments.assemble(
        entries, info=library.info, directory=library.directory, details=details
    )
    whole = rendering.assemble(entries, **first_release_at(library, now))
    assert built.to_bytes() == bundles.canonical_json(whole)
