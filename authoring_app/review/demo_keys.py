"""Demonstration keys: let a newcomer try signing in the sample library without making a key.

The sample library ships encrypted demonstration keys (sample_content/demo-keys/<id>.key,
passphrase "demo") for its demonstration people. They are labelled as demonstration keys
wherever they appear, and a real library never trusts the people they belong to (demo: true).
When the sample library is first copied for a user, they are installed into the user's key
store; an existing key is never overwritten.
"""

from __future__ import annotations

from pathlib import Path

from authoring_app.library import paths
from authoring_app.review.keys import KeyStore, KeyStoreError

DEMO_PASSPHRASE = "demo"
DEMO_KEYS_DIR = "demo-keys"


def demo_key_files(sample: Path | None = None) -> dict[str, Path]:
    """The demonstration key files shipped with the sample library, by person id."""
    folder = (sample or paths.sample_library_dir()) / DEMO_KEYS_DIR
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.key"))}


def install_demo_keys(library_path: Path, store: KeyStore | None = None) -> list[str]:
    """Install the demonstration keys into the key store; returns the ids installed."""
    store = store or KeyStore()
    installed = []
    for person_id, key_file in demo_key_files().items():
        if store.has(person_id):
            continue  # never overwrite a key a person already has
        try:
            store.import_pem(person_id, key_file.read_bytes(), passphrase=DEMO_PASSPHRASE)
        except (KeyStoreError, OSError):
            continue  # a damaged demonstration key must not stop the app from starting
        installed.append(person_id)
    return installed
