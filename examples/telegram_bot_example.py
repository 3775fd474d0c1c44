"""A minimal consumer of a release bundle: verify it, then answer one question.

Copy this file into your bot. It needs only the Python standard library and `cryptography`
(pip install cryptography). It does not send anything to Telegram: it prints the messages
you would send with sendMessage(parse_mode="HTML").

    python telegram_bot_example.py DIR/current publisher.pub "my friend won't wake up"

DIR/current is what `authoring-app pull` keeps up to date (bundle.json and its .minisig).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def read_public_key(text: str) -> tuple[bytes, Ed25519PublicKey]:
    """A minisign .pub file: an untrusted comment, then base64("Ed" + key id + key)."""
    line = [x for x in text.splitlines() if x.strip() and not x.startswith("untrusted")][0]
    blob = base64.b64decode(line.strip(), validate=True)
    if len(blob) != 42 or blob[:2] != b"Ed":
        raise ValueError("not a minisign public key")
    return blob[2:10], Ed25519PublicKey.from_public_bytes(blob[10:])


def verify(bundle: bytes, signature: str, key_text: str) -> str:
    """Check a minisign signature (prehashed "ED"); return the trusted comment."""
    key_id, key = read_public_key(key_text)
    lines = signature.split("\n")
    if len(lines) < 4 or not lines[2].startswith("trusted comment: "):
        raise ValueError("signature file is truncated or malformed")
    blob = base64.b64decode(lines[1], validate=True)
    global_signature = base64.b64decode(lines[3], validate=True)
    if len(blob) != 74 or blob[:2] != b"ED":
        raise ValueError("unsupported signature")
    if blob[2:10] != key_id:
        raise ValueError("signed with a different key")
    comment = lines[2][len("trusted comment: ") :]
    try:
        key.verify(blob[10:], hashlib.blake2b(bundle, digest_size=64).digest())
        key.verify(global_signature, blob[10:] + comment.encode("utf-8"))
    except InvalidSignature:
        raise ValueError("signature does not match the bundle") from None
    return comment


def load_bundle(folder: Path, key_text: str, now: dt.datetime | None = None) -> dict:
    """bundle.json from `folder`, only if it verifies, matches its comment and has not expired."""
    data = (folder / "bundle.json").read_bytes()
    comment = verify(data, (folder / "bundle.json.minisig").read_text("utf-8"), key_text)
    claims = dict(re.findall(r"(\w+)=(\S+)", comment))
    if claims.get("sha256") != hashlib.sha256(data).hexdigest():
        raise ValueError("signature comment does not match the bundle")
    bundle = json.loads(data)
    if bundle["version"] != claims.get("version") or bundle["expires"] != claims.get("expires"):
        raise ValueError("signature comment does not match the bundle")
    expires = dt.datetime.fromisoformat(bundle["expires"].replace("Z", "+00:00"))
    if (now or dt.datetime.now(dt.UTC)) >= expires:
        raise ValueError(f"the bundle expired at {bundle['expires']}")
    return bundle


def words(text: str) -> set[str]:
    """Lower-case words without accents or punctuation (works for Cyrillic too)."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return {w for w in re.findall(r"\w+", text) if len(w) > 2}


def best_answer(bundle: dict, question: str, *, group_chat: bool = False) -> dict | None:
    """The answer whose `questions` share most words with `question` (None if none do)."""
    asked = words(question)
    best, best_score = None, 0.0
    for answer in bundle["answers"]:
        if group_chat and answer["visibility"] != "group":
            continue
        for known in answer["questions"]:
            known_words = words(known)
            if not known_words:
                continue
            score = len(asked & known_words) / len(asked | known_words)
            if score > best_score:
                best, best_score = answer, score
    return best


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    folder, key_file, question = Path(argv[1]), Path(argv[2]), argv[3]
    try:
        bundle = load_bundle(folder, key_file.read_text("utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        print(f"refusing the bundle: {exc}", file=sys.stderr)
        return 1
    answer = best_answer(bundle, question)
    if answer is None:
        emergency = ", ".join(
            f"{e['name'].get('en', '')} {e['contact']}" for e in bundle["emergency"]
        )
        print(f"No matching answer. In an emergency: {emergency}")
        return 0
    # First the short reply; send the full answer's messages if the person asks for more.
    print(answer["summary"]["telegram"])
    for message in answer["body"]["telegram"]:
        print("\n---\n" + message)
    reviewers = ", ".join(r["name"] for r in answer["governance"]["signed_off_by"])
    print(f"\n(Reviewed by {reviewers}; next review {answer['governance']['next_review']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
