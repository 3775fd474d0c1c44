"""Each answer leaves a bot on its own next-review date; the rest stay, and so does the
emergency response. The release's own expiry only proves freshness: a publisher renews it with
a notice, without a new bundle."""

from __future__ import annotations

import datetime as dt

import pytest

import answer_kit
from answer_kit import cli as kit
from authoring_app.release import planning, publishing
from authoring_app.release.renewal import renew_notice
from tests.release.helpers import pinned_key, signed_sample

PUBLISHER = "demo-publisher"


def run(capsys, *args) -> tuple[int, str, str]:
    code = kit.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def review_dates(data: dict) -> dict[str, dt.date]:
    return {
        a["key"]: dt.date.fromisoformat(a["governance"]["next_review"]) for a in data["answers"]
    }


@pytest.fixture
def pulled(sample_library, tmp_path):
    """The sample library, signed (most of it today, some of it earlier) and published, and a
    consumer that pulled that release from the library's published branch."""
    keys = signed_sample(sample_library)
    plan = planning.plan_release(sample_library)
    publishing.publish(sample_library, plan, PUBLISHER, keys[PUBLISHER])
    key_file = pinned_key(sample_library, tmp_path)
    key = answer_kit.load_public_key(key_file)
    bot = tmp_path / "bot"
    answer_kit.pull(str(sample_library.path), bot, key, allow_sample=True)
    return sample_library, keys, key_file, bot


def test_an_answer_past_its_review_date_leaves_a_pulled_consumer_while_the_rest_stay(
    pulled, tmp_path, capsys
):
    library, keys, key_file, bot = pulled
    key = answer_kit.load_public_key(key_file)
    release = answer_kit.current(bot, key)
    dates = review_dates(release.data)
    stale = "opioid-overdose-signs.ru"
    day = dates[stale] + dt.timedelta(days=1)
    later = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    gone = {k for k, d in dates.items() if d <= day and not k.startswith(("bot-", "emergency"))}
    kept = {k for k, d in dates.items() if d > day}
    assert stale in gone and "opioid-overdose-signs.en" in gone
    assert "collapsed-veins.ru" in kept and "hiv-hcv-testing.en" in kept
    # The release's own expiry is its earliest review date (what older kits stop at) ...
    assert release.expires < later

    # ... yet the publisher confirms it is still current, without building a new bundle,
    renew_notice(library, PUBLISHER, keys[PUBLISHER], now=later - dt.timedelta(hours=1))
    result = answer_kit.pull(str(library.path), bot, key, allow_sample=True, now=later)
    assert result.updated is False and result.version == release.version

    # and the consumer serves every answer but those past their review date.
    now = answer_kit.serving(bot, key, now=later)
    assert now.current
    served = {a["key"] for a in now.release.answers}
    assert not served & gone
    assert kept <= served
    assert {"emergency-response.ru", "emergency-response.en"} <= served  # always kept

    when = ["--key", key_file, "--now", f"{later:%Y-%m-%dT%H:%M:%SZ}"]
    code, out, _ = run(capsys, "status", bot, *when)
    assert code == 0 and f"{len(gone)} past their review date" in out
    assert f"not served, review date passed: {stale}" in out
    # Asked about the signs of an overdose, the bot still sends the emergency response, but
    # no longer the answer whose review is overdue.
    overdose = "what are the signs of an opioid overdose, he won't wake"
    code, out, _ = run(capsys, "ask", bot, overdose, "--key", key_file)
    assert "Answer: opioid-overdose-signs.en" in out  # served before its date
    code, out, _ = run(capsys, "ask", bot, overdose, *when)
    assert code == 0 and "Emergency response: yes" in out
    assert "opioid-overdose-signs" not in out
    code, out, _ = run(capsys, "ask", bot, "how do I look after collapsed veins", *when)
    assert "Answer: collapsed-veins.en" in out


def test_without_a_renewal_the_release_stops_at_its_own_expiry(pulled, capsys):
    """A notice can keep a release current only by naming it: nothing else stretches it."""
    library, keys, key_file, bot = pulled
    key = answer_kit.load_public_key(key_file)
    release = answer_kit.current(bot, key)
    after = release.expires + dt.timedelta(days=1)
    now = answer_kit.serving(bot, key, now=after)
    assert not now.current and "expired" in now.fallback.reason
    assert now.fallback.emergency  # the emergency numbers are still offered


def test_a_release_that_puts_off_an_answers_review_date_is_refused(pulled):
    """A publisher (or whoever holds their key) cannot keep an answer on the bots by writing a
    later review date than its sign-offs allow: with the governors pinned, the kit works the
    date out from the signed evidence and the governed review interval."""
    import hashlib
    import json

    from answer_kit import minisign
    from authoring_app.release.bundle import canonical_json
    from authoring_app.release.publishing import trusted_comment

    library, keys, key_file, bot = pulled
    key = answer_kit.load_public_key(key_file)
    info = library.info
    governors = answer_kit.Governors(
        {g.id: g.public_key for g in info.governors}, info.signatures_required
    )
    raw = (bot / "current" / "bundle.json").read_bytes()
    signature = (bot / "current" / "bundle.json.minisig").read_bytes()
    honest = answer_kit.verify_bundle(raw, signature, key, governors=governors, allow_sample=True)
    assert honest.version == "1.0.0"  # the release as published passes

    data = json.loads(raw)
    target = next(a for a in data["answers"] if a["key"] == "opioid-overdose-signs.en")
    target["governance"]["next_review"] = "2031-01-01"
    forged = canonical_json(data)
    comment = trusted_comment(data["version"], data["expires"], hashlib.sha256(forged).hexdigest())
    forged_signature = minisign.sign(forged, keys[PUBLISHER], trusted_comment=comment)
    answer_kit.verify_bundle(forged, forged_signature, key, allow_sample=True)  # signed, yes
    with pytest.raises(answer_kit.Refused, match="opioid-overdose-signs.en: its next review"):
        answer_kit.verify_bundle(
            forged, forged_signature, key, governors=governors, allow_sample=True
        )
