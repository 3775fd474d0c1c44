"""Pulling from a static HTTPS host (a real server on 127.0.0.1 with a throwaway certificate
the kit trusts through its limits), and what a hostile or broken host cannot do: redirect
forever or to plain http, stall, trickle, cut a download short, or announce a huge file."""

from __future__ import annotations

import dataclasses
import json

import pytest

import answer_kit
from answer_kit import cli
from tests.kit.helpers import NOW, Channel, Signer, bundle


@pytest.fixture
def host(static_host):
    """The host serving a channel with release 1.0.0: (host, channel, limits that trust it)."""
    channel = Channel(static_host.folder, Signer())
    channel.publish(bundle("1.0.0"))
    limits = answer_kit.Limits(trusted_certificates=static_host.certificate, timeout_seconds=2)
    return static_host, channel, limits


def test_pull_from_a_static_https_host_then_update(host, tmp_path):
    server, channel, limits = host
    to = tmp_path / "bot"
    key = channel.signer.public
    result = answer_kit.pull(server.url, to, key, now=NOW, limits=limits)
    assert (result.version, result.updated) == ("1.0.0", True)
    assert "/notice.json" in server.requests and "/releases/1.0.0/bundle.json" in server.requests
    assert "/bundle.json" not in server.requests  # only the files the notice names
    server.requests.clear()
    assert answer_kit.pull(server.url, to, key, now=NOW, limits=limits).updated is False
    assert server.requests == ["/notice.json.minisig", "/notice.json"]
    channel.publish(bundle("1.1.0", previous="1.0.0"), issued=NOW)
    result = answer_kit.pull(server.url, to, key, now=NOW, limits=limits)
    assert (result.version, result.previous_version) == ("1.1.0", "1.0.0")


def test_the_command_line_trusts_a_certificate_given_to_it(host, tmp_path, capsys):
    server, channel, _ = host
    key = channel.signer.key_file(tmp_path)
    to = tmp_path / "bot"
    base = ["pull", server.url, "--to", str(to), "--key", str(key), "--now", "2026-03-01T12:00:00Z"]
    assert cli.main(base) == 4  # the system does not trust a throwaway certificate
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "unreachable:" in err and "certificate is not trusted" in err
    assert "NO CURRENT RELEASE" in out
    assert cli.main([*base, "--certificate", str(server.certificate)]) == 0
    assert "Pulled release 1.0.0" in capsys.readouterr().out


def attacked(server, channel, limits, to, how: str, match: str, error=answer_kit.Unreachable):
    """A pull from the misbehaving part of the host fails, saying why; nothing changes."""
    before = sorted(p.name for p in to.rglob("*")) if to.exists() else []
    with pytest.raises(error, match=match) as refusal:
        answer_kit.pull(
            f"{server.url}misbehave/{how}/", to, channel.signer.public, now=NOW, limits=limits
        )
    assert "\n" not in str(refusal.value)
    assert (sorted(p.name for p in to.rglob("*")) if to.exists() else []) == before


def test_a_host_that_redirects_forever_is_left(host, tmp_path):
    server, channel, limits = host
    attacked(server, channel, limits, tmp_path / "bot", "redirect-forever", "redirects more than 3")
    assert len([r for r in server.requests if "redirect-forever" in r]) == 4


def test_a_redirect_to_plain_http_is_refused(host, tmp_path):
    server, channel, limits = host
    attacked(server, channel, limits, tmp_path / "bot", "redirect-to-http", "not HTTPS")


def test_a_host_that_stalls_is_left_after_the_time_limit(host, tmp_path):
    server, channel, limits = host
    attacked(server, channel, limits, tmp_path / "bot", "stall", "stalled|cut short")


def test_a_host_that_trickles_is_left_after_the_download_limit(host, tmp_path):
    server, channel, limits = host
    slow = dataclasses.replace(limits, download_seconds=1)
    attacked(server, channel, slow, tmp_path / "bot", "trickle", "took longer than 1 s")


def test_a_truncated_download_is_refused_and_the_previous_release_kept(host, tmp_path):
    server, channel, limits = host
    to = tmp_path / "bot"
    answer_kit.pull(server.url, to, channel.signer.public, now=NOW, limits=limits)
    attacked(server, channel, limits, to, "truncate", "cut short")
    assert json.loads((to / "current" / "bundle.json").read_text())["version"] == "1.0.0"


def test_a_file_announced_larger_than_allowed_is_not_downloaded(host, tmp_path):
    server, channel, limits = host
    attacked(
        server,
        channel,
        limits,
        tmp_path / "bot",
        "huge",
        "more than the 16,384",
        answer_kit.Refused,
    )


def test_a_missing_channel_is_bad_data_an_unknown_host_a_transport_failure(host, tmp_path):
    server, channel, limits = host
    key = channel.signer.public
    with pytest.raises(answer_kit.Refused, match="not there \\(HTTP 404\\)"):
        answer_kit.pull(f"{server.url}nothing-here/", tmp_path / "bot", key, now=NOW, limits=limits)
    closed = f"https://127.0.0.1:{_closed_port()}/"
    with pytest.raises(answer_kit.Unreachable, match="cannot reach"):
        answer_kit.pull(closed, tmp_path / "bot", key, now=NOW, limits=limits)


def _closed_port() -> int:
    from tests.servers import free_port

    return free_port()
