"""Minisign-compatible signatures: round trips, every failure reason, and the real minisign tool."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from answer_kit import minisign
from answer_kit.minisign import PublicKey, SignatureError, sign, verify

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(
    MINISIGN is None,
    reason="the minisign binary is not installed (apt-get install minisign); "
    "cannot cross-check against the reference implementation",
)

BUNDLE = (
    b'{"library": "sample", "release": 3, "answers": [{"id": "abscess", "text": "\xd0\x9f"}]}\n'
)
COMMENT = "release 3 of sample\tsha256:abc"


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def pub(key: Ed25519PrivateKey) -> PublicKey:
    return PublicKey.from_ed25519(key.public_key())


def _lines(signature_text: str) -> list[str]:
    return signature_text.split("\n")


def _join(lines: list[str]) -> str:
    return "\n".join(lines)


# -- format and round trip ---------------------------------------------------------------------


def test_round_trip_returns_trusted_comment(key, pub):
    text = sign(BUNDLE, key, trusted_comment=COMMENT)
    assert verify(BUNDLE, text, pub) == COMMENT


def test_round_trip_with_unicode_and_empty_data(key, pub):
    comment = "Подписано: др. Пример — выпуск 7"
    assert verify(b"", sign(b"", key, trusted_comment=comment), pub) == comment


def test_signature_file_layout(key, pub):
    text = sign(BUNDLE, key, trusted_comment=COMMENT, untrusted_comment="hello there")
    assert text.endswith("\n")
    lines = text.split("\n")
    assert len(lines) == 5 and lines[4] == ""
    assert lines[0] == "untrusted comment: hello there"
    assert lines[2] == f"trusted comment: {COMMENT}"
    blob = base64.b64decode(lines[1], validate=True)
    assert len(blob) == 74
    assert blob[:2] == b"ED"
    assert blob[2:10] == pub.key_id
    # The signature covers BLAKE2b-512 of the data, and the global signature covers
    # signature || trusted comment: check both with the raw Ed25519 key.
    key.public_key().verify(blob[10:], hashlib.blake2b(BUNDLE, digest_size=64).digest())
    global_sig = base64.b64decode(lines[3], validate=True)
    key.public_key().verify(global_sig, blob[10:] + COMMENT.encode())


def test_default_untrusted_comment(key):
    text = sign(BUNDLE, key, trusted_comment="x")
    assert text.startswith("untrusted comment: signature from authoring-app\n")


def test_key_id_is_stable_and_derived_from_the_key(key):
    a = PublicKey.from_ed25519(key.public_key())
    b = PublicKey.from_ed25519(key.public_key())
    assert a == b
    assert a.key_id == hashlib.blake2b(a.key, digest_size=8).digest()
    assert len(a.key_id) == 8
    other = PublicKey.from_ed25519(Ed25519PrivateKey.generate().public_key())
    assert other.key_id != a.key_id
    # The id written into signatures is the same id.
    blob = base64.b64decode(_lines(sign(b"x", key, trusted_comment="t"))[1])
    assert blob[2:10] == a.key_id


def test_public_key_file_round_trip(pub):
    text = pub.to_file_text()
    first, second, end = text.split("\n")
    assert end == ""
    # minisign prints the little-endian key id as a 64-bit number in upper-case hex (no padding).
    hex_id = f"{int.from_bytes(pub.key_id, 'little'):X}"
    assert first == f"untrusted comment: minisign public key {hex_id}"
    assert pub.key_id_hex == hex_id
    assert base64.b64decode(second) == b"Ed" + pub.key_id + pub.key
    assert PublicKey.parse(text) == pub
    assert PublicKey.parse(second) == pub  # the bare base64 line
    assert PublicKey.parse(f"  {second}  \n") == pub
    assert PublicKey.parse(text.replace("\n", "\r\n")) == pub


def test_key_id_hex_is_unpadded_like_minisign():
    """minisign prints key ids with %PRIX64: no leading zeros."""
    pub = PublicKey(key_id=bytes([0x2A, 0x01, 0, 0, 0, 0, 0, 0]), key=bytes(32))
    assert pub.key_id_hex == "12A"
    assert pub.to_file_text().startswith("untrusted comment: minisign public key 12A\n")
    pub = PublicKey(key_id=bytes([0, 0, 0, 0, 0, 0, 0, 0xF0]), key=bytes(32))
    assert pub.key_id_hex == "F000000000000000"


def test_ed25519_round_trip(key, pub):
    assert pub.ed25519().public_bytes_raw() == key.public_key().public_bytes_raw()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "public key is empty"),
        ("untrusted comment: minisign public key 00\n", "public key is empty"),
        ("not base64 at all!", "not valid base64"),
        ("RWTMaPfTVlwVXk+PuXVzN1nOTHGYNzZcrj7H3cIOSy491WHxtUhU", "public key is truncated"),
        (base64.b64encode(b"Ed" + bytes(50)).decode(), "too long"),
        (base64.b64encode(b"XY" + bytes(40)).decode(), "unsupported algorithm"),
    ],
)
def test_public_key_parse_rejects_garbage(text, reason):
    with pytest.raises(SignatureError, match=reason):
        PublicKey.parse(text)


def test_public_key_rejects_wrong_sizes():
    with pytest.raises(ValueError):
        PublicKey(key_id=b"1234", key=bytes(32))
    with pytest.raises(ValueError):
        PublicKey(key_id=bytes(8), key=bytes(31))


# -- every failure reason -------------------------------------------------------------------------


def test_tampered_data_fails(key, pub):
    text = sign(BUNDLE, key, trusted_comment=COMMENT)
    with pytest.raises(SignatureError, match="signature does not match the file"):
        verify(BUNDLE.replace(b"3", b"4"), text, pub)
    with pytest.raises(SignatureError, match="signature does not match the file"):
        verify(BUNDLE + b" ", text, pub)


def test_tampered_trusted_comment_fails(key, pub):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    lines[2] = lines[2].replace("release 3", "release 9")
    with pytest.raises(SignatureError, match="trusted comment was altered"):
        verify(BUNDLE, _join(lines), pub)


def test_untrusted_comment_is_not_covered(key, pub):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    lines[0] = "untrusted comment: anything at all"
    assert verify(BUNDLE, _join(lines), pub) == COMMENT


def test_swapped_key_fails_with_both_key_ids(key, pub):
    other = PublicKey.from_ed25519(Ed25519PrivateKey.generate().public_key())
    text = sign(BUNDLE, key, trusted_comment=COMMENT)
    with pytest.raises(SignatureError, match="signed with a different key") as info:
        verify(BUNDLE, text, other)
    assert pub.key_id_hex in str(info.value)
    assert other.key_id_hex in str(info.value)
    assert "expected " + other.key_id_hex in str(info.value)


def test_forged_key_id_still_fails(key, pub):
    """A different key that claims our key id is caught by the signature itself."""
    impostor = Ed25519PrivateKey.generate()
    lines = _lines(sign(BUNDLE, impostor, trusted_comment=COMMENT))
    blob = bytearray(base64.b64decode(lines[1]))
    blob[2:10] = pub.key_id
    lines[1] = base64.b64encode(bytes(blob)).decode()
    with pytest.raises(SignatureError, match="signature does not match the file"):
        verify(BUNDLE, _join(lines), pub)


@pytest.mark.parametrize("keep", [0, 1, 2, 3])
def test_truncated_signature_file_by_lines(key, pub, keep):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    text = "\n".join(lines[:keep]) + ("\n" if keep else "")
    with pytest.raises(SignatureError, match="signature file is (truncated|empty)"):
        verify(BUNDLE, text, pub)


@pytest.mark.parametrize("cut", [10, 60, 100, 150, 200, -20, -2])
def test_truncated_signature_file_by_bytes(key, pub, cut):
    text = sign(BUNDLE, key, trusted_comment=COMMENT)
    with pytest.raises(SignatureError, match="signature file is truncated"):
        verify(BUNDLE, text[:cut], pub)


def test_missing_final_newline_is_accepted(key, pub):
    text = sign(BUNDLE, key, trusted_comment=COMMENT)
    assert verify(BUNDLE, text.rstrip("\n"), pub) == COMMENT


def test_crlf_line_endings_are_accepted(key, pub):
    text = sign(BUNDLE, key, trusted_comment=COMMENT)
    assert verify(BUNDLE, text.replace("\n", "\r\n"), pub) == COMMENT


@pytest.mark.parametrize("line", [1, 3])
def test_garbage_base64_fails(key, pub, line):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    lines[line] = "this is *not* base64 ###"
    with pytest.raises(SignatureError, match="is not valid base64"):
        verify(BUNDLE, _join(lines), pub)


def test_bad_base64_padding_fails(key, pub):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    lines[3] = "A" * 40 + "==" + "A" * 46  # right length, padding in the middle
    with pytest.raises(SignatureError, match="comment signature is not valid base64"):
        verify(BUNDLE, _join(lines), pub)


def test_overlong_signature_fails(key, pub):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    lines[1] = base64.b64encode(base64.b64decode(lines[1]) + b"extra").decode()
    with pytest.raises(SignatureError, match="signature is too long"):
        verify(BUNDLE, _join(lines), pub)


def test_unsupported_algorithm_fails(key, pub):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    blob = bytearray(base64.b64decode(lines[1]))
    blob[:2] = b"XX"
    lines[1] = base64.b64encode(bytes(blob)).decode()
    with pytest.raises(SignatureError, match="unsupported algorithm"):
        verify(BUNDLE, _join(lines), pub)


@pytest.mark.parametrize(
    ("line", "text", "reason"),
    [
        (0, "comment: nope", "line 1 should start with 'untrusted comment: '"),
        (2, "comment: nope", "line 3 should start with 'trusted comment: '"),
    ],
)
def test_missing_comment_prefixes_fail(key, pub, line, text, reason):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    lines[line] = text
    with pytest.raises(SignatureError, match=reason):
        verify(BUNDLE, _join(lines), pub)


def test_extra_lines_fail(key, pub):
    text = sign(BUNDLE, key, trusted_comment=COMMENT) + "more stuff\n"
    with pytest.raises(SignatureError, match="extra lines"):
        verify(BUNDLE, text, pub)


def test_garbage_signature_file_fails(pub):
    with pytest.raises(SignatureError):
        verify(BUNDLE, "\x00\x01 garbage \n\n\n\n", pub)
    with pytest.raises(SignatureError, match="empty"):
        verify(BUNDLE, "   \n", pub)


def test_legacy_non_prehashed_algorithm_is_accepted(key, pub):
    """The old 'Ed' algorithm signs the data itself rather than its BLAKE2b hash."""
    signature = key.sign(BUNDLE)
    global_sig = key.sign(signature + COMMENT.encode())
    text = (
        "untrusted comment: legacy\n"
        + base64.b64encode(b"Ed" + pub.key_id + signature).decode()
        + f"\ntrusted comment: {COMMENT}\n"
        + base64.b64encode(global_sig).decode()
        + "\n"
    )
    assert verify(BUNDLE, text, pub) == COMMENT
    with pytest.raises(SignatureError, match="signature does not match the file"):
        verify(BUNDLE + b"x", text, pub)


def test_prehashed_and_legacy_are_not_interchangeable(key, pub):
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    blob = bytearray(base64.b64decode(lines[1]))
    blob[:2] = b"Ed"  # claim the legacy algorithm for a prehashed signature
    lines[1] = base64.b64encode(bytes(blob)).decode()
    with pytest.raises(SignatureError, match="signature does not match the file"):
        verify(BUNDLE, _join(lines), pub)


@pytest.mark.parametrize("bad", ["two\nlines", "carriage\rreturn", "nul\0byte"])
def test_trusted_comment_must_be_one_line(key, bad):
    with pytest.raises(ValueError, match="one line"):
        sign(BUNDLE, key, trusted_comment=bad)
    with pytest.raises(ValueError, match="one line"):
        sign(BUNDLE, key, trusted_comment="ok", untrusted_comment=bad)


def test_overlong_comments_are_refused(key):
    with pytest.raises(ValueError, match="too long"):
        sign(BUNDLE, key, trusted_comment="x" * (minisign.MAX_TRUSTED_COMMENT_BYTES + 1))
    with pytest.raises(ValueError, match="too long"):
        sign(BUNDLE, key, trusted_comment="t", untrusted_comment="x" * 2000)
    longest = "x" * minisign.MAX_TRUSTED_COMMENT_BYTES
    pub = PublicKey.from_ed25519(key.public_key())
    assert verify(BUNDLE, sign(BUNDLE, key, trusted_comment=longest), pub) == longest


def test_verify_accepts_bare_ed25519_key(key):
    text = sign(BUNDLE, key, trusted_comment=COMMENT)
    assert verify(BUNDLE, text, key.public_key()) == COMMENT


# -- the real minisign binary ---------------------------------------------------------------------


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MINISIGN, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@needs_minisign
def test_minisign_binary_verifies_our_signature(tmp_path, key, pub):
    bundle = tmp_path / "bundle.json"
    bundle.write_bytes(BUNDLE)
    comment = "release 3 of sample — подписано"
    (tmp_path / "bundle.json.minisig").write_text(
        sign(BUNDLE, key, trusted_comment=comment), encoding="utf-8"
    )
    (tmp_path / "publisher.pub").write_text(pub.to_file_text(), encoding="utf-8")

    ok = _run("-Vm", str(bundle), "-p", str(tmp_path / "publisher.pub"), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert f"Trusted comment: {comment}" in ok.stdout

    # -H makes minisign insist on the prehashed algorithm, which is what we write.
    prehashed = _run("-H", "-Vm", str(bundle), "-p", str(tmp_path / "publisher.pub"), cwd=tmp_path)
    assert prehashed.returncode == 0, prehashed.stderr

    # The bare base64 key (-P) works too.
    inline = _run("-Vm", str(bundle), "-P", pub.to_base64(), cwd=tmp_path)
    assert inline.returncode == 0, inline.stderr

    bundle.write_bytes(BUNDLE.replace(b"release", b"Release"))
    bad = _run("-Vm", str(bundle), "-p", str(tmp_path / "publisher.pub"), cwd=tmp_path)
    assert bad.returncode != 0
    assert "Trusted comment" not in bad.stdout
    assert "verification failed" in (bad.stderr + bad.stdout).lower()


@needs_minisign
def test_minisign_binary_rejects_altered_trusted_comment(tmp_path, key, pub):
    bundle = tmp_path / "bundle.json"
    bundle.write_bytes(BUNDLE)
    lines = _lines(sign(BUNDLE, key, trusted_comment=COMMENT))
    lines[2] = "trusted comment: release 999"
    (tmp_path / "bundle.json.minisig").write_text(_join(lines), encoding="utf-8")
    (tmp_path / "k.pub").write_text(pub.to_file_text(), encoding="utf-8")
    result = _run("-Vm", str(bundle), "-p", str(tmp_path / "k.pub"), cwd=tmp_path)
    assert result.returncode != 0
    assert "comment signature verification failed" in result.stderr.lower()


@needs_minisign
def test_minisign_binary_rejects_other_key(tmp_path, key):
    bundle = tmp_path / "bundle.json"
    bundle.write_bytes(BUNDLE)
    (tmp_path / "bundle.json.minisig").write_text(sign(BUNDLE, key, trusted_comment=COMMENT))
    other = PublicKey.from_ed25519(Ed25519PrivateKey.generate().public_key())
    (tmp_path / "other.pub").write_text(other.to_file_text())
    result = _run("-Vm", str(bundle), "-p", str(tmp_path / "other.pub"), cwd=tmp_path)
    assert result.returncode != 0
    # minisign names both ids the same way we do.
    assert other.key_id_hex in result.stderr


def _minisign_keypair(tmp_path: Path) -> tuple[Path, Path]:
    pub_file, sec_file = tmp_path / "mk.pub", tmp_path / "mk.key"
    made = _run("-G", "-W", "-p", str(pub_file), "-s", str(sec_file), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return pub_file, sec_file


@needs_minisign
def test_we_verify_a_signature_made_by_minisign(tmp_path):
    pub_file, sec_file = _minisign_keypair(tmp_path)
    data = tmp_path / "bundle.json"
    data.write_bytes(BUNDLE)
    comment = "made by the minisign binary"
    signed = _run("-S", "-s", str(sec_file), "-m", str(data), "-t", comment, cwd=tmp_path)
    assert signed.returncode == 0, signed.stderr

    pub_text = pub_file.read_text()
    pub = PublicKey.parse(pub_text)
    # Our key id display matches what minisign wrote in its own .pub comment.
    assert pub_text.splitlines()[0] == f"untrusted comment: minisign public key {pub.key_id_hex}"
    assert PublicKey.parse(pub_text.splitlines()[1]) == pub
    assert pub.to_file_text() == pub_text

    signature_text = (tmp_path / "bundle.json.minisig").read_text()
    assert base64.b64decode(signature_text.splitlines()[1])[:2] == b"ED"
    assert verify(BUNDLE, signature_text, pub) == comment

    with pytest.raises(SignatureError, match="signature does not match the file"):
        verify(BUNDLE + b"\n", signature_text, pub)
    ours = PublicKey.from_ed25519(Ed25519PrivateKey.generate().public_key())
    with pytest.raises(SignatureError, match="signed with a different key"):
        verify(BUNDLE, signature_text, ours)


@needs_minisign
def test_we_verify_a_legacy_signature_made_by_minisign(tmp_path):
    pub_file, sec_file = _minisign_keypair(tmp_path)
    data = tmp_path / "bundle.json"
    data.write_bytes(BUNDLE)
    signed = _run("-S", "-l", "-s", str(sec_file), "-m", str(data), "-t", "legacy", cwd=tmp_path)
    if signed.returncode != 0:
        pytest.skip(f"this minisign cannot write legacy signatures (-l): {signed.stderr.strip()}")
    assert signed.returncode == 0, signed.stderr
    signature_text = (tmp_path / "bundle.json.minisig").read_text()
    assert base64.b64decode(signature_text.splitlines()[1])[:2] == b"Ed"
    assert verify(BUNDLE, signature_text, PublicKey.parse(pub_file.read_text())) == "legacy"


@needs_minisign
def test_minisign_default_comment_round_trip(tmp_path):
    """minisign's default trusted comment contains a tab; it survives our parser unchanged."""
    pub_file, sec_file = _minisign_keypair(tmp_path)
    data = tmp_path / "bundle.json"
    data.write_bytes(BUNDLE)
    assert _run("-S", "-s", str(sec_file), "-m", str(data), cwd=tmp_path).returncode == 0
    signature_text = (tmp_path / "bundle.json.minisig").read_text()
    comment = verify(BUNDLE, signature_text, PublicKey.parse(pub_file.read_text()))
    assert comment.startswith("timestamp:") and "\tfile:bundle.json" in comment
