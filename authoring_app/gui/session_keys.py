"""The signing key of the person at the keyboard, unlocked once while the app is open.

Every save, comment and review step is signed with the person's own key, so that "who wrote
this" rests on a signature and not on a name anyone can type. Asking for the passphrase at
every save would wear out someone answering messages at night, so the key is unlocked once and
kept in memory (never written anywhere) until the app closes, the person locks it, or someone
else says who they are: a key is never left unlocked for the next person at a shared laptop.

A person with no key on this computer is offered to make one; its public half is proposed in
people.yaml for the governors to approve. Until then their saves are kept as they are, and
the app says plainly that a doctor cannot sign them off yet. A clinical sign-off always asks
for the passphrase again, after showing what is signed (see review_panel.py).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from authoring_app.gui import ask


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionKeys", text)


class SessionKeys:
    """At most one unlocked key: the current person's."""

    def __init__(self) -> None:
        self._person_id: str | None = None
        self._key = None

    def forget(self) -> None:
        self._person_id, self._key = None, None

    def remember(self, person_id: str, key) -> None:
        self._person_id, self._key = person_id, key

    def unlocked_for(self, person_id: str):
        return self._key if self._person_id == person_id else None

    def key_for(self, window, person):
        """`person`'s private key, unlocking it (or offering to make one) the first time;
        None if the person declined."""
        key = self.unlocked_for(person.id)
        if key is None:
            key = obtain(window, person)
            if key is not None:
                self.remember(person.id, key)
        return key


def obtain(window, person):
    """Unlock `person`'s key from this computer's key store, or offer to make one."""
    from authoring_app.review.keys import KeyStore

    store = KeyStore()
    if not store.has(person.id):
        return _make_key(window, person, store)
    return ask.unlock_key(
        window,
        _tr("Unlock your signing key"),
        _tr(
            "What you save and every review step are signed with your own key, so that everyone "
            "can see they are yours. Unlock it once: it stays unlocked until you close the app, "
            "lock it, or someone else says who they are."
        ),
        _tr("Unlock"),
        lambda passphrase: store.load(person.id, passphrase),
    )


def _make_key(window, person, store):
    from authoring_app.library.library import LibraryError
    from authoring_app.review.keys import encode_public_key
    from authoring_app.review.roster_file import add_public_key
    from authoring_app.review.signing import ReviewError

    passphrase = ask.new_passphrase(window, person.name)
    if passphrase is None:
        return None
    store.create(person.id, passphrase)
    key = store.load(person.id, passphrase)
    try:
        add_public_key(window.library, person.id, encode_public_key(key.public_key()))
    except (LibraryError, ReviewError, OSError) as exc:  # the key is made; propose it later
        ask.error(window, _tr("Key made, not proposed"), str(exc))
        return key
    ask.inform(
        window,
        _tr("Your signing key is ready"),
        _tr(
            "Your key was made on this computer and sent to the library's governors for "
            "approval. Until they approve it, what you save is kept, but a doctor cannot sign it "
            "off yet. Keep your passphrase safe: nobody can recover it."
        ),
    )
    return key
