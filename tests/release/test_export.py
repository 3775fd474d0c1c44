"""The static site written from the latest verified release, and the key it is checked with."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

import answer_kit
from answer_kit import minisign
from authoring_app.library.answer import AnswerKey
from authoring_app.release import export, planning, publishing, recording, rendering
from tests.release.helpers import (
    first_release_at,
    pinned_key,
    signed_sample,
)
from tests.release.test_release import PUBLISHER, branch_file, publish


def test_export_writes_a_static_site_of_the_latest_release(sample_library, tmp_path):
    keys = signed_sample(sample_library)
    key = answer_kit.load_public_key(pinned_key(sample_library, tmp_path))
    with pytest.raises(export.ExportError, match="nothing has been published"):
        export.export_site(sample_library, tmp_path / "site", key, allow_sample=True)
    publish(sample_library, keys)
    written = export.export_site(sample_library, tmp_path / "site", key, allow_sample=True)
    site = tmp_path / "site"
    assert "index.html" in written and "en/index.html" in written
    assert "en/overdose/index.html" in written
    page = (site / "en/overdose/opioid-overdose-signs.html").read_text("utf-8")
    assert "Dr Maria Example" in page and "Next review" in page and "<script" not in page
    assert "who.int" in page and "<style>" in page and "Call an ambulance: 103 or 112" in page
    ru = (site / "ru/overdose/opioid-overdose-signs.html").read_text("utf-8")
    assert "Следующая проверка" in ru
    # A folder that is not an earlier export is never written into.
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    with pytest.raises(export.ExportError, match="not empty"):
        export.export_site(sample_library, other, key, allow_sample=True)
    assert export.export_site(
        sample_library, site, key, allow_sample=True
    )  # re-export into the same folder works
    shutil.rmtree(site)


def test_site_pages_escape_everything(library):
    from tests.release.helpers import fake_entries

    hostile = "<script>alert(1)</script>"
    answer = library.answer(AnswerKey("abscess-signs", "en")).edited(title=hostile)
    entry = fake_entries(library)[0].__class__(answer, fake_entries(library)[0].governance)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    data = rendering.assemble([entry], **first_release_at(library, now))
    pages = answer_kit.site_pages(data)
    assert all("<script>" not in page for page in pages.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["en/wound-care/abscess-signs.html"]


def test_the_exported_key_is_the_publishers_and_none_lies_beside_the_releases(
    sample_library, tmp_path
):
    keys = signed_sample(sample_library)
    # A branch written before keys were pinned still carries publisher.pub: the next
    # release removes it, so nobody takes the key from where the releases come from.
    plan = planning.plan_release(sample_library)
    recording.write_release(
        sample_library,
        {"publisher.pub": b"untrusted comment: minisign public key 0\nRWQ=\n"},
        version=None,
        person=sample_library.roster.get(PUBLISHER),
        message="An old branch",
        expected_tip=None,
    )
    plan = planning.plan_release(sample_library)
    publishing.publish(sample_library, plan, PUBLISHER, keys[PUBLISHER])
    assert branch_file(sample_library, "publisher.pub") is None
    key = minisign.PublicKey.parse(pinned_key(sample_library, tmp_path).read_text())
    assert key == minisign.PublicKey.from_ed25519(keys[PUBLISHER].public_key())
