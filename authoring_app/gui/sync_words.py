"""What sync, share and clone say when they could not talk to the shared library: a title,
what happened and what to do next, for each kind of failure (sync/failures.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("SyncWords", text)


def failure_words(kind: str, host: str = "", holder=None) -> tuple[str, str]:
    """(title, message) for a failure of `kind` with the server `host`."""
    host = host or tr("the server")
    words = {
        "offline": (
            tr("Offline"),
            tr(
                "The shared library at %1 cannot be reached. Your work is saved on this "
                "computer and will be sent on a later sync."
            ),
        ),
        "sign-in": (
            tr("Sign-in failed"),
            tr(
                "The server %1 did not accept the user name and password, or none was given. "
                "Sync again and sign in with your account on that server (or an access token)."
            ),
        ),
        "key-refused": (
            tr("Your key is not accepted"),
            tr(
                "The server %1 does not accept this computer's SSH key. Send your public key "
                "to whoever runs the server and ask them to add it to your account."
            ),
        ),
        "host-unknown": (
            tr("Server not trusted"),
            tr(
                "This computer has not connected to %1 before, and its key was not accepted. "
                "Ask your team lead for the server's fingerprint and accept it only if it "
                "matches."
            ),
        ),
        "host-changed": (
            tr("Warning: possible interception"),
            tr(
                "The server %1 presents a different key than before. Someone may be "
                "intercepting the connection. Nothing was sent. Do not connect until whoever "
                "runs the server confirms that its key changed."
            ),
        ),
        "no-repository": (
            tr("No shared library there"),
            tr(
                "There is no shared library at that address on %1, or your account may not "
                "use it. Check the address and your access."
            ),
        ),
        "race": (
            tr("Others were sending changes"),
            tr(
                "Others were sending changes at the same moment. Everything is kept here; "
                "sync again in a minute."
            ),
        ),
        "cancelled": (tr("Stopped"), tr("Stopped. Nothing was changed.")),
        "needs-repair": (
            tr("The library needs repair"),
            tr("This library is not on its branch; repair it before syncing."),
        ),
    }
    if kind == "running":
        who = tr("someone") if holder is None else holder.person
        program = (
            tr("the desktop app")
            if holder is not None and holder.program == "desktop app"
            else tr("the command line")
        )
        return tr("Already syncing"), (
            tr("%1 is already syncing this library (in %2). Wait for it to finish.")
            .replace("%1", who)
            .replace("%2", program)
        )
    title, text = words.get(
        kind, (tr("Not synced"), tr("The shared library at %1 could not be used."))
    )
    return title, text.replace("%1", host)
