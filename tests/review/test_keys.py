"""The key store: passphrase-encrypted Ed25519 keys on the signer's machine."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.review import keys
from authoring_app.review.keys import (
    PUBLIC_KEY_PREFIX,
    KeyStore,
    KeyStoreError,
    NoKey,
    WrongPassphrase,
    decode_public_key,
    encode_public_key,
    read_passphrase_file,
    signature_verifies,
)

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


# -- public key text ------------------------------------------------------------------------------


def test_encode_decode_public_key_round_trip():
    pk = Ed25519PrivateKey.generate().public_key()
    text = encode_public_key(pk)
    assert text.startswith(PUBLIC_KEY_PREFIX) and PUBLIC_KEY_PREFIX == "ed25519:"
    assert base64.b64decode(text[len("ed25519:") :]) == pk.public_bytes_raw()
    assert decode_public_key(text).public_bytes_raw() == pk.public_bytes_raw()
    assert decode_public_key(f"  {text}\n").public_bytes_raw() == pk.public_bytes_raw()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "must start with 'ed25519:'"),
        ("ssh-ed25519 AAAA", "must start with 'ed25519:'"),
        ("ED25519:" + base64.b64encode(bytes(32)).decode(), "must start with 'ed25519:'"),
        ("ed25519:", "0 bytes long"),
        ("ed25519:not base64!!", "not valid base64"),
        ("ed25519:" + base64.b64encode(bytes(31)).decode(), "31 bytes long"),
        ("ed25519:" + base64.b64encode(bytes(33)).decode(), "33 bytes long"),
        ("ed25519:BASE64", "not valid base64|bytes long"),
    ],
)
def test_decode_public_key_rejects_malformed_values(value, reason):
    with pytest.raises(KeyStoreError, match=reason):
        decode_public_key(value)


def test_a_signature_verifies_only_for_its_own_bytes_and_key():
    key = Ed25519PrivateKey.generate()
    public = f"  {encode_public_key(key.public_key())}\n"
    other = encode_public_key(Ed25519PrivateKey.generate().public_key())
    message = "подписано: sha256:ab12".encode()
    signature = key.sign(message)
    assert signature_verifies(public, signature, message)
    assert not signature_verifies(public, signature, message + b" ")
    assert not signature_verifies(other, signature, message)
    flipped = bytes([signature[0] ^ 1]) + signature[1:]
    for bad in (flipped, signature[:63], signature + b"\0", b"", bytes(64)):
        assert not signature_verifies(public, bad, message)
    with pytest.raises(KeyStoreError, match="31 bytes long"):
        signature_verifies("ed25519:" + base64.b64encode(bytes(31)).decode(), signature, message)


def test_decode_public_key_rejects_non_text():
    with pytest.raises(KeyStoreError, match="must be text"):
        decode_public_key(None)  # type: ignore[arg-type]


# -- passphrase files -----------------------------------------------------------------------------


def test_read_passphrase_file_first_line(tmp_path):
    path = tmp_path / "pass.txt"
    path.write_text("  spaces kept  \nsecond line\n", encoding="utf-8")
    assert read_passphrase_file(path) == "  spaces kept  "
    path.write_text("no newline", encoding="utf-8")
    assert read_passphrase_file(str(path)) == "no newline"
    path.write_bytes(b"windows\r\n")
    assert read_passphrase_file(path) == "windows"
    path.write_text("пароль\n", encoding="utf-8")
    assert read_passphrase_file(path) == "пароль"


def test_read_passphrase_file_missing_or_empty(tmp_path):
    with pytest.raises(KeyStoreError, match="does not exist") as info:
        read_passphrase_file(tmp_path / "nope.txt")
    assert "nope.txt" in str(info.value)
    for content in (b"", b"\n", b"\nsecond\n"):
        (tmp_path / "empty.txt").write_bytes(content)
        with pytest.raises(KeyStoreError, match="is empty"):
            read_passphrase_file(tmp_path / "empty.txt")
    with pytest.raises(KeyStoreError, match="folder"):
        read_passphrase_file(tmp_path)


# -- create and load ------------------------------------------------------------------------------


def test_default_directory_is_the_key_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTHORING_APP_CONFIG_DIR", str(tmp_path / "config"))
    assert KeyStore().directory == tmp_path / "config" / "keys"


def test_create_load_round_trip(store):
    public = store.create("dr-example-one", PASSPHRASE)
    assert store.path_for("dr-example-one") == store.directory / "dr-example-one.key"
    assert store.has("dr-example-one")
    assert store.people() == ["dr-example-one"]
    private = store.load("dr-example-one", PASSPHRASE)
    assert private.public_key().public_bytes_raw() == public.public_bytes_raw()
    signature = private.sign(b"answer")
    public.verify(signature, b"answer")


def test_public_key_needs_no_passphrase(store):
    public = store.create("dr-example-one", PASSPHRASE)
    pub_path = store.directory / "dr-example-one.pub"
    assert pub_path.read_text() == encode_public_key(public) + "\n"
    assert store.public_key("dr-example-one").public_bytes_raw() == public.public_bytes_raw()
    assert store.public_key("nobody") is None


def test_files_are_private(store):
    store.create("dr-example-one", PASSPHRASE)
    assert _mode(store.path_for("dr-example-one")) == 0o600
    assert _mode(store.directory) == 0o700
    # No temporary files are left behind by the atomic write.
    assert sorted(p.name for p in store.directory.iterdir()) == [
        "dr-example-one.key",
        "dr-example-one.pub",
    ]


def test_existing_loose_folder_is_tightened(tmp_path):
    folder = tmp_path / "keys"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    KeyStore(folder).create("a", PASSPHRASE)
    assert _mode(folder) == 0o700


def test_private_key_is_never_written_unencrypted(store):
    store.create("dr-example-one", PASSPHRASE)
    data = store.path_for("dr-example-one").read_bytes()
    assert data.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert b"ENCRYPTED" in data.splitlines()[0]
    raw = _raw_private(store.load("dr-example-one", PASSPHRASE))
    body = base64.b64decode(b"".join(data.splitlines()[1:-1]))
    assert raw not in data and raw not in body
    assert base64.b64encode(raw) not in data
    assert PASSPHRASE.encode() not in data
    # Loading without a passphrase is impossible.
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(data, password=None)


def test_wrong_passphrase(store):
    store.create("dr-example-one", PASSPHRASE)
    with pytest.raises(WrongPassphrase, match="wrong passphrase for the key of dr-example-one"):
        store.load("dr-example-one", "not it")
    with pytest.raises(WrongPassphrase):
        store.load("dr-example-one", "")
    assert issubclass(WrongPassphrase, KeyStoreError)


# A fixed key (passphrase "the right one") and a wrong guess that happens to pass the PBES2
# padding check, so the decrypted bytes then fail to parse: about 1 wrong guess in 256 does.
FIXED_PEM = b"""-----BEGIN ENCRYPTED PRIVATE KEY-----
MIGjMF8GCSqGSIb3DQEFDTBSMDEGCSqGSIb3DQEFDDAkBBDXupzAE7W8YSbbBYwO
f54aAgIIADAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQSLcc33GZdRKmKY+u
sF3oaQRAqKaDhySrq1xEiNEAjwNxFzYfvKbKhBJ+9i1dleA3DW1bqRrpOTMe5e6v
YdkjZgBZPf7DtRuX5168EIj/mTI2tw==
-----END ENCRYPTED PRIVATE KEY-----
"""
UNLUCKY_GUESS = "guess 142"


def test_wrong_passphrase_that_passes_the_padding_check_is_still_wrong(store):
    with pytest.raises(ValueError, match="deserialize"):  # what cryptography itself says
        serialization.load_pem_private_key(FIXED_PEM, password=UNLUCKY_GUESS.encode())
    store.import_pem("a", FIXED_PEM)
    with pytest.raises(WrongPassphrase, match="wrong passphrase for the key of a"):
        store.load("a", UNLUCKY_GUESS)
    assert isinstance(store.load("a", "the right one"), Ed25519PrivateKey)


def test_many_wrong_passphrases_are_all_reported_as_wrong(store):
    store.create("a", PASSPHRASE)
    for attempt in range(300):
        with pytest.raises(WrongPassphrase):
            store.load("a", f"guess {attempt}")


def test_missing_key(store):
    with pytest.raises(NoKey) as info:
        store.load("dr-nobody", PASSPHRASE)
    message = str(info.value)
    assert str(store.directory / "dr-nobody.key") in message
    assert "authoring-app keys new --person dr-nobody" in message
    assert issubclass(NoKey, KeyStoreError)
    assert not store.has("dr-nobody")
    assert store.people() == []


def test_people_lists_only_keys(store):
    store.create("b-person", PASSPHRASE)
    store.create("a-person", PASSPHRASE)
    (store.directory / "notes.txt").write_text("x")
    (store.directory / "Bad Name.key").write_text("x")
    assert store.people() == ["a-person", "b-person"]


def test_refuses_to_overwrite(store):
    first = store.create("dr-example-one", PASSPHRASE)
    with pytest.raises(KeyStoreError, match="already exists") as info:
        store.create("dr-example-one", "another passphrase")
    assert str(store.path_for("dr-example-one")) in str(info.value)
    still = store.load("dr-example-one", PASSPHRASE)
    assert still.public_key().public_bytes_raw() == first.public_bytes_raw()

    second = store.create("dr-example-one", "another passphrase", overwrite=True)
    assert second.public_bytes_raw() != first.public_bytes_raw()
    assert store.load("dr-example-one", "another passphrase").public_key().public_bytes_raw() == (
        second.public_bytes_raw()
    )
    assert store.public_key("dr-example-one").public_bytes_raw() == second.public_bytes_raw()
    with pytest.raises(WrongPassphrase):
        store.load("dr-example-one", PASSPHRASE)


def test_refuses_empty_passphrase(store):
    with pytest.raises(KeyStoreError, match="passphrase is required"):
        store.create("dr-example-one", "")
    assert not store.has("dr-example-one")


@pytest.mark.parametrize(
    "hostile",
    [
        "../evil",
        "..",
        "a/b",
        "/etc/passwd",
        "a\\b",
        "Dr-Upper",
        "trailing-",
        "-leading",
        "double--hyphen",
        "",
        "with space",
        "dot.key",
        "new\nline",
        "ok\n",
        "nul\0",
        "ünïcode",
    ],
)
def test_hostile_person_ids_are_rejected(store, tmp_path, hostile):
    with pytest.raises(KeyStoreError, match="invalid person id"):
        store.create(hostile, PASSPHRASE)
    for call in (store.path_for, store.has, store.public_key):
        with pytest.raises(KeyStoreError, match="invalid person id"):
            call(hostile)
    with pytest.raises(KeyStoreError, match="invalid person id"):
        store.load(hostile, PASSPHRASE)
    with pytest.raises(KeyStoreError, match="invalid person id"):
        store.import_pem(hostile, b"x")
    assert not (tmp_path / "evil.key").exists()


def test_valid_person_ids(store):
    for good in ("a", "dr-example-one", "x1-2-3", "007"):
        assert keys.valid_person_id(good)
        assert store.path_for(good).parent == store.directory


def test_corrupt_key_file_is_named(store):
    store.create("dr-example-one", PASSPHRASE)
    path = store.path_for("dr-example-one")
    for damaged in (
        b"this is not a key at all\n",
        path.read_bytes()[:60],
        b"",
    ):
        path.write_bytes(damaged)
        with pytest.raises(KeyStoreError) as info:
            store.load("dr-example-one", PASSPHRASE)
        assert not isinstance(info.value, WrongPassphrase | NoKey)
        assert str(path) in str(info.value)


def test_damaged_encryption_header_is_named(store):
    store.create("a", PASSPHRASE)
    path = store.path_for("a")
    lines = path.read_bytes().splitlines()
    body = bytearray(base64.b64decode(b"".join(lines[1:-1])))
    body[12] ^= 0x01  # inside the PBES2 algorithm identifier
    path.write_bytes(lines[0] + b"\n" + base64.encodebytes(bytes(body)) + lines[-1] + b"\n")
    with pytest.raises(KeyStoreError, match="damaged") as info:
        store.load("a", PASSPHRASE)
    assert not isinstance(info.value, WrongPassphrase)
    assert str(path) in str(info.value)


def test_unencrypted_key_file_is_refused(store):
    store.create("a", PASSPHRASE)
    plain = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    store.path_for("a").write_bytes(plain)
    with pytest.raises(KeyStoreError, match="not encrypted"):
        store.load("a", PASSPHRASE)


def test_key_that_does_not_match_its_pub_is_refused(store, tmp_path):
    store.create("a", PASSPHRASE)
    other = KeyStore(tmp_path / "other")
    other.create("a", PASSPHRASE)
    # Replace only the private key: the .pub now describes a different key.
    store.path_for("a").write_bytes(other.path_for("a").read_bytes())
    with pytest.raises(KeyStoreError, match="does not match its public key"):
        store.load("a", PASSPHRASE)


def test_missing_or_damaged_pub_is_rewritten_on_load(store):
    public = store.create("a", PASSPHRASE)
    pub_path = store.directory / "a.pub"
    pub_path.unlink()
    assert store.public_key("a") is None
    store.load("a", PASSPHRASE)
    assert store.public_key("a").public_bytes_raw() == public.public_bytes_raw()

    pub_path.write_text("ed25519:garbage!!\n")
    with pytest.raises(KeyStoreError, match="a.pub"):
        store.public_key("a")
    store.load("a", PASSPHRASE)
    assert store.public_key("a").public_bytes_raw() == public.public_bytes_raw()


# -- importing ------------------------------------------------------------------------------------


def _encrypted_pem(key: Ed25519PrivateKey, passphrase: str) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


def test_import_pem_round_trip(store):
    demo = Ed25519PrivateKey.generate()
    pem = _encrypted_pem(demo, "demo passphrase")
    store.import_pem("dr-demo", pem)
    assert store.path_for("dr-demo").read_bytes() == pem
    assert _mode(store.path_for("dr-demo")) == 0o600
    assert _mode(store.directory) == 0o700
    assert store.public_key("dr-demo") is None  # unknown until first unlocked
    loaded = store.load("dr-demo", "demo passphrase")
    assert _raw_private(loaded) == _raw_private(demo)
    assert store.public_key("dr-demo").public_bytes_raw() == demo.public_key().public_bytes_raw()


def test_import_pem_with_passphrase_writes_pub(store):
    demo = Ed25519PrivateKey.generate()
    store.import_pem("dr-demo", _encrypted_pem(demo, "pw"), passphrase="pw")
    assert store.public_key("dr-demo").public_bytes_raw() == demo.public_key().public_bytes_raw()
    with pytest.raises(WrongPassphrase):
        store.import_pem("dr-other", _encrypted_pem(demo, "pw"), passphrase="nope")
    assert not store.has("dr-other")


def test_import_pem_refuses_overwrite_and_plain_keys(store):
    store.create("dr-demo", PASSPHRASE)
    demo = Ed25519PrivateKey.generate()
    with pytest.raises(KeyStoreError, match="already exists"):
        store.import_pem("dr-demo", _encrypted_pem(demo, "pw"))
    store.import_pem("dr-demo", _encrypted_pem(demo, "pw"), overwrite=True)
    assert _raw_private(store.load("dr-demo", "pw")) == _raw_private(demo)

    plain = demo.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(KeyStoreError, match="not encrypted"):
        store.import_pem("dr-plain", plain)
    with pytest.raises(KeyStoreError, match="not a readable PEM"):
        store.import_pem("dr-garbage", b"-----BEGIN NONSENSE-----\nxx\n")
    assert not store.has("dr-plain") and not store.has("dr-garbage")
