"""Why talking to the shared library failed, as one of a few kinds a person can act on.

| kind            | what happened                                               | what to do          |
| --------------- | ----------------------------------------------------------- | ------------------- |
| `offline`       | the server cannot be reached, or the link stopped mid-way    | nothing: sync later |
| `sign-in`       | the server wants a user name and password (or token) and    | sign in again       |
|                 | none was given, or the ones given are wrong                 |                     |
| `key-refused`   | the SSH server does not accept this computer's key          | add the key         |
| `host-unknown`  | first contact with an SSH server whose key was not accepted | compare and accept  |
| `host-changed`  | the SSH server's key differs from the one seen before:      | ask the team lead;  |
|                 | possibly someone in between (never accepted silently)       | do not connect      |
| `no-repository` | the address names no repository, or this account may not    | check the address   |
|                 | read or write it                                            | or the access       |
| `race`          | someone sent changes at the same moment (retried)           | sync again          |
| `cancelled`     | the person stopped it                                       |                     |
| `failed`        | anything else; git's own words are in the detail            |                     |

Where git says it in a machine-readable way (exit codes, `push --porcelain`), that is read;
where git and ssh only give words, stable fragments of them are matched. Every child runs
with LC_ALL=C (see transport.py), so these are git's and ssh's untranslated messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from authoring_app.library.library import LibraryError

OFFLINE, SIGN_IN, KEY_REFUSED = "offline", "sign-in", "key-refused"
HOST_UNKNOWN, HOST_CHANGED, NO_REPOSITORY = "host-unknown", "host-changed", "no-repository"
RACE, CANCELLED, FAILED = "race", "cancelled", "failed"
KINDS = (
    OFFLINE,
    SIGN_IN,
    KEY_REFUSED,
    HOST_UNKNOWN,
    HOST_CHANGED,
    NO_REPOSITORY,
    RACE,
    CANCELLED,
    FAILED,
)

# Fragments of git's and ssh's English messages (LC_ALL=C), most specific first.
_FRAGMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (HOST_CHANGED, ("REMOTE HOST IDENTIFICATION HAS CHANGED", "Host key for ")),
    (HOST_UNKNOWN, ("Host key verification failed", "No ED25519 host key is known")),
    (KEY_REFUSED, ("Permission denied (publickey", "Too many authentication failures")),
    (
        SIGN_IN,
        (
            "Authentication failed for",
            "could not read Username",
            "could not read Password",
            "terminal prompts disabled",
            "returned error: 401",
            "Permission denied (password",
            "Permission denied (keyboard-interactive",
        ),
    ),
    (
        NO_REPOSITORY,
        (
            "does not appear to be a git repository",
            "not found",
            "returned error: 403",
            "returned error: 404",
            "No such file or directory",
            "Repository not found",
            "access denied",
            "not allowed",
        ),
    ),
    (
        OFFLINE,
        (
            "Could not resolve host",
            "Could not resolve hostname",
            "Failed to connect",
            "Connection refused",
            "Connection timed out",
            "Connection reset",
            "Connection closed",
            "timed out",
            "Operation too slow",
            "Network is unreachable",
            "No route to host",
            "remote end hung up",
            "early EOF",
            "unexpected disconnect",
            "Broken pipe",
            "kex_exchange_identification",
            "Empty reply from server",
            "RPC failed",
            "returned error: 5",
            "Temporary failure in name resolution",
            "Name or service not known",
        ),
    ),
)

_PASSWORD_IN_URL = re.compile(
    r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^/@:\s]*):[^/@\s]*@"
)


def redact(text: str) -> str:
    """`text` with any password written into an address (scheme://user:password@host) removed."""
    return _PASSWORD_IN_URL.sub(lambda m: f"{m['scheme']}{m['user']}@", text)


def classify(stderr: str) -> str:
    """The kind of failure git's error output describes (`failed` if none fits)."""
    for kind, fragments in _FRAGMENTS:
        if any(fragment in stderr for fragment in fragments):
            return kind
    return FAILED


@dataclass(frozen=True)
class Failure:
    """A failed talk with the shared library: its kind, the server, and git's own words
    (without any password) for whoever helps."""

    kind: str
    host: str = ""
    detail: str = ""

    @property
    def offline(self) -> bool:
        return self.kind == OFFLINE


class SyncFailure(LibraryError):
    """Raised by clone and share; `failure` says why (its message is plain English, the faces
    word the kind in the person's language)."""

    def __init__(self, failure: Failure):
        self.failure = failure
        super().__init__(english(failure))


_ENGLISH = {
    OFFLINE: "the shared library at {host} cannot be reached; your work is kept on this "
    "computer and will be sent on a later sync",
    SIGN_IN: "the server {host} did not accept the user name and password (or none was "
    "given); sign in again with your account on that server",
    KEY_REFUSED: "the server {host} does not accept this computer's SSH key; ask whoever runs "
    "it to add your public key",
    HOST_UNKNOWN: "the SSH server {host} is not known to this computer and its key was not "
    "accepted; compare its fingerprint with the one your team lead gave you",
    HOST_CHANGED: "WARNING: the SSH server {host} presents a different key than before. Someone "
    "may be intercepting the connection. Nothing was sent. Do not connect until whoever runs "
    "the server confirms that its key changed",
    NO_REPOSITORY: "there is no shared library at that address on {host}, or your account "
    "may not use it; check the address and your access",
    RACE: "others were sending changes at the same moment; everything is kept here, sync "
    "again in a minute",
    CANCELLED: "stopped; nothing was changed",
    FAILED: "git could not talk to the shared library at {host}",
}


def english(failure: Failure) -> str:
    return _ENGLISH[failure.kind].format(host=failure.host or "the server")
