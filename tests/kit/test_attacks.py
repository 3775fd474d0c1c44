"""Attacks on a bot's pull, each named for what it tries: every one is refused with one line
saying why, and the release the bot already had keeps serving. The channel is written by the
test itself (tests/kit/helpers.py), and time is fixed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

import answer_kit
from tests.kit.helpers import NOW, Channel, Signer, answer, bundle, canonical

LIMITS = answer_kit.Limits()


@pytest.fixture
def publisher():
    return Signer()


@pytest.fixture
def bot(tmp_path, publisher):
    """A channel with release 1.0.0 and a bot that pulled it: (channel, bot folder)."""
    channel = Channel(tmp_path / "channel", publisher)
    channel.publish(bundle("1.0.0"))
    to = tmp_path / "bot"
    answer_kit.pull(str(channel.folder), to, publisher.public, now=NOW)
    return channel, to


def serving_version(to: Path, key) -> str | None:
    state = answer_kit.serving(to, key, now=NOW)
    return state.release.version if state.release else None


def refused(channel, to, key, match, *, error=answer_kit.Refused, now=NOW, limits=LIMITS):
    """Pull is refused, saying why in one line; the bot's files are exactly as before."""
    before = {p.name: p.read_bytes() for p in (to / "current").iterdir()}
    with pytest.raises(error, match=match) as refusal:
        answer_kit.pull(str(channel.folder), to, key, now=now, limits=limits)
    assert "\n" not in str(refusal.value)
    assert {p.name: p.read_bytes() for p in (to / "current").iterdir()} == before
    return refusal.value


def test_a_release_forged_with_another_key_is_refused(bot, publisher):
    channel, to = bot
    author = Signer()  # someone who can write to the channel, with a key of their own
    forged = bundle("1.1.0", previous="1.0.0")
    forged["answers"][0]["summary"]["text"] = "Wait it out at home."
    raw = channel.release(forged, signer=author)
    channel.notice("1.1.0", raw, signer=author)
    refused(channel, to, publisher.public, "signed with a different key")
    channel.notice("1.1.0", raw)  # even with a genuine notice naming it
    refused(channel, to, publisher.public, "bundle does not verify: signed with a different key")
    assert serving_version(to, publisher.public) == "1.0.0"


def test_an_unsigned_50_mb_bundle_is_refused_for_its_signature_not_parsed(bot, publisher):
    channel, to = bot
    hostile = b'{"answers": [' + b"[" * (50 << 20) + b"\n"  # never valid JSON, never parsed
    channel.write("releases/1.1.0/bundle.json", hostile)
    channel.write("releases/1.1.0/manifest.json", b"{}")
    channel.write("releases/1.1.0/bundle.json.minisig", channel.signer.sign(b"other", "x"))
    channel.notice("1.1.0", hostile)
    refused(channel, to, publisher.public, "bundle does not verify: signature does not match")


def test_a_bundle_larger_than_the_limit_is_not_read_past_it(bot, publisher):
    channel, to = bot
    big = canonical(bundle("1.1.0", previous="1.0.0")) + b" " * 3000
    channel.write("releases/1.1.0/bundle.json", big)
    channel.notice("1.1.0", big)
    small = dataclasses.replace(LIMITS, max_bundle_bytes=2000)
    refused(channel, to, publisher.public, "bytes, more than the 2,000 allowed", limits=small)


def test_a_bundle_larger_than_its_notice_says_is_refused_at_that_size(bot, publisher):
    channel, to = bot
    raw = channel.release(bundle("1.1.0", previous="1.0.0"))
    channel.notice("1.1.0", raw[:100])  # a notice (genuine) naming a 100-byte bundle
    refused(channel, to, publisher.public, "bytes, more than the 100 allowed")


def test_deeply_nested_json_is_refused_even_when_signed(bot, publisher):
    channel, to = bot
    for hour, depth in enumerate((200_000, 40)):  # past Python's own limit, and within it
        data = bundle("1.1.0", previous="1.0.0")
        raw = canonical(data)[:-2] + b',"x":' + b"[" * depth + b"]" * depth + b"}\n"
        channel.release(data, raw=raw)
        channel.notice("1.1.0", raw, issued=NOW + dt.timedelta(minutes=hour))
        refused(channel, to, publisher.public, "nested deeper than 16 levels")


def test_a_huge_string_is_refused_even_when_signed(bot, publisher):
    channel, to = bot
    data = bundle("1.1.0", previous="1.0.0")
    data["answers"][0]["body"]["text"] = "щ" * (LIMITS.max_string_chars + 1)
    channel.publish(data)
    refused(channel, to, publisher.public, "has a text of 1,048,577 characters")


def test_a_valid_but_older_release_is_refused_as_a_rollback(bot, publisher):
    channel, to = bot
    channel.publish(bundle("1.2.0", previous="1.0.0"))
    answer_kit.pull(str(channel.folder), to, publisher.public, now=NOW)
    older = bundle("1.1.0", previous="1.0.0")
    raw = channel.release(older)
    channel.notice("1.1.0", raw, issued=NOW)  # even with a newer notice, genuinely signed
    refused(
        channel, to, publisher.public, r"older than 1.2.0, which is already here \(a rollback\)"
    )
    assert serving_version(to, publisher.public) == "1.2.0"


def test_a_frozen_mirror_is_detected_by_its_expired_notice(bot, publisher):
    channel, to = bot
    later = NOW + dt.timedelta(days=8)  # the release still has months; the notice said 7 days
    refused(channel, to, publisher.public, "notice expired at .* stopped updating", now=later)
    assert answer_kit.serving(to, publisher.public, now=later).current


def test_a_replayed_older_notice_is_refused(bot, publisher):
    channel, to = bot
    old_notice = (channel.folder / "notice.json").read_bytes()
    old_signature = (channel.folder / "notice.json.minisig").read_bytes()
    raw = (channel.folder / "bundle.json").read_bytes()
    channel.notice("1.0.0", raw, issued=NOW)
    answer_kit.pull(str(channel.folder), to, publisher.public, now=NOW)
    channel.write("notice.json", old_notice)
    channel.write("notice.json.minisig", old_signature)
    refused(channel, to, publisher.public, r"\(a replay\)")


def test_a_notice_naming_another_bundle_is_refused(bot, publisher):
    channel, to = bot
    raw = channel.release(bundle("1.1.0", previous="1.0.0"))
    other = canonical(bundle("1.1.0", previous="1.0.0", answers=[answer(title="Other")]))
    channel.notice("1.1.0", other[: len(raw)].ljust(len(raw)))
    refused(channel, to, publisher.public, "notice names release 1.1.0")


def test_a_truncated_or_altered_notice_is_refused(bot, publisher):
    channel, to = bot
    channel.publish(bundle("1.1.0", previous="1.0.0"))
    signature = (channel.folder / "notice.json.minisig").read_bytes()
    channel.write("notice.json.minisig", signature[: len(signature) // 2])
    refused(channel, to, publisher.public, "notice does not verify: .*truncated")
    channel.write("notice.json.minisig", signature)
    data = json.loads((channel.folder / "notice.json").read_text())
    data["expires"] = "2099-01-01T00:00:00Z"
    channel.write("notice.json", canonical(data))
    refused(channel, to, publisher.public, "notice does not verify: signature does not match")


def test_a_release_signed_by_a_revoked_key_is_refused(tmp_path):
    old, new = Signer(), Signer()
    pinned = [old.public, new.public]  # a maintainer pins both while the key is replaced
    channel = Channel(tmp_path / "channel", old)
    channel.publish(bundle("1.0.0"))
    to = tmp_path / "bot"
    answer_kit.pull(str(channel.folder), to, pinned, now=NOW)
    # The old key leaks; the new key's notice revokes it, and the thief's release is refused.
    stolen = channel.release(bundle("1.1.0", previous="1.0.0"), signer=old)
    channel.notice("1.1.0", stolen, signer=new, issued=NOW, revoked=[old.public.key_id_hex])
    with pytest.raises(
        answer_kit.Refused, match=f"key {old.public.key_id_hex}, which has been revoked"
    ):
        answer_kit.pull(str(channel.folder), to, pinned, now=NOW)
    # What it signed before no longer counts either, numbers included: a thief may have
    # signed them.
    state = answer_kit.serving(to, pinned, now=NOW)
    assert not state.current and state.fallback.from_version is None
    # A notice signed by the old key cannot bring it back, even one issued later.
    channel.notice("1.1.0", stolen, signer=old, issued=NOW + dt.timedelta(hours=1))
    with pytest.raises(answer_kit.Refused, match="revoked"):
        answer_kit.pull(str(channel.folder), to, pinned, now=NOW + dt.timedelta(hours=2))
    # A release by the new key is taken.
    channel.release(bundle("1.2.0", previous="1.1.0"), signer=new)
    raw = (channel.folder / "bundle.json").read_bytes()
    channel.notice("1.2.0", raw, signer=new, issued=NOW + dt.timedelta(hours=3))
    result = answer_kit.pull(str(channel.folder), to, pinned, now=NOW + dt.timedelta(hours=4))
    assert result.updated and serving_version(to, pinned) == "1.2.0"


def test_a_notice_cannot_revoke_the_key_that_signs_it(bot, publisher):
    channel, to = bot
    raw = (channel.folder / "bundle.json").read_bytes()
    channel.notice("1.0.0", raw, issued=NOW, revoked=[publisher.public.key_id_hex])
    refused(channel, to, publisher.public, "revokes key .*, the very key that signed it")


def test_a_withdrawn_answer_stops_being_served_within_one_pull(tmp_path, publisher):
    channel = Channel(tmp_path / "channel", publisher)
    answers = [answer(), answer("naloxone-use")]
    raw = channel.publish(bundle("1.0.0", answers=answers))
    to = tmp_path / "bot"
    answer_kit.pull(str(channel.folder), to, publisher.public, now=NOW)
    channel.notice("1.0.0", raw, issued=NOW, withdrawn=["naloxone-use.en"])
    result = answer_kit.pull(str(channel.folder), to, publisher.public, now=NOW)
    assert result.updated is False  # the bundle was not fetched again
    release = answer_kit.serving(to, publisher.public, now=NOW).release
    assert [a["key"] for a in release.answers] == ["overdose-signs.en"]
    assert release.withdrawn == {"naloxone-use.en"}
    pages = answer_kit.write_site(answer_kit.current(to, publisher.public), tmp_path / "www")
    assert not any("naloxone-use" in page for page in pages)


def test_replacing_the_pinned_key_does_not_strand_the_bot(tmp_path):
    old, new = Signer(), Signer()
    channel = Channel(tmp_path / "channel", old)
    channel.publish(bundle("1.0.0"))
    to = tmp_path / "bot"
    answer_kit.pull(str(channel.folder), to, old.public, now=NOW)
    # The publisher's key is replaced; the maintainer pins only the new one.
    channel.signer = new
    channel.publish(bundle("1.1.0", previous="1.0.0"), issued=NOW)
    result = answer_kit.pull(str(channel.folder), to, new.public, now=NOW)
    assert (result.version, result.updated) == ("1.1.0", True)
    assert serving_version(to, new.public) == "1.1.0"


def test_a_folder_that_is_no_channel_is_named_as_such(tmp_path, publisher):
    stale = tmp_path / "old-style"
    stale.mkdir()
    (stale / "bundle.json").write_text("{}")
    with pytest.raises(answer_kit.Refused, match="neither a releases channel .* nor a git"):
        answer_kit.pull(str(stale), tmp_path / "bot", publisher.public, now=NOW)
