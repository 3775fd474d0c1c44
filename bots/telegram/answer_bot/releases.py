"""The release the bot answers from: pulled and verified with the pinned key on a schedule,
swapped in only once it checks out.

While the current release is valid, the bot answers from it. Once it has expired (and no newer
one could be pulled), the bot answers nothing from it but the emergency numbers and how to
reach a person, as the release's own directory gives them: stale advice is worse than none.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import answer_kit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Current:
    responder: answer_kit.Responder
    version: str
    expires: dt.datetime

    def fresh(self, now: dt.datetime | None = None) -> bool:
        return (now or dt.datetime.now(dt.UTC)) < self.expires


class Releases:
    """Pulls releases from `source` into `folder` and keeps a responder for the current one."""

    def __init__(self, source: str, folder, key: answer_kit.PublicKey, **checks):
        """`checks`: what a release must show beyond its signature (`governors`, the
        library's pinned governor keys; `allow_sample`), as `answer_kit.pull` takes them."""
        self.source, self.folder, self.key, self.checks = source, folder, key, checks
        self.current: Current | None = None

    def load(self) -> Current | None:
        """The release already in `folder` (checked, even if expired), if any."""
        bundle = answer_kit.current(self.folder, self.key)
        if bundle is not None:
            self._use(bundle)
        return self.current

    def pull(self, now: dt.datetime | None = None) -> bool:
        """Fetch and verify the latest release; True if a new one is now in use. A refused
        release changes nothing: the bot goes on with the one it has."""
        try:
            result = answer_kit.pull(self.source, self.folder, self.key, now=now, **self.checks)
        except answer_kit.Refused as exc:
            log.warning("release refused: %s", exc)
            return False
        except answer_kit.Unreachable as exc:  # tried again at the next pull
            log.warning("releases not reached: %s", exc)
            return False
        if result.updated or self.current is None:
            self.load()
            log.info("answering from release %s", result.version)
            return True
        return False

    def _use(self, bundle: answer_kit.VerifiedBundle) -> None:
        self.current = Current(answer_kit.Responder(bundle.data), bundle.version, bundle.expires)
