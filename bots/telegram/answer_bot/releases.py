"""The release the bot answers from: pulled and verified with the pinned key on a schedule,
swapped in only once it checks out.

While the current release is valid, the bot answers from it, leaving out each answer once its
own review date has come and every answer a signed notice withdrew (the emergency response
always stays). Once the release has expired (and neither a newer one nor a notice renewing it
could be pulled), the bot answers nothing from it but the emergency numbers and how to
reach a person, as the release's own directory gives them: stale advice is worse than none.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace

import answer_kit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Current:
    """The responder for one release, built from the answers it may serve until
    `changes_at` (when another answer's review date comes, or None)."""

    responder: answer_kit.Responder
    version: str
    expires: dt.datetime  # the release's own expiry, or a later one a notice renewed it to
    changes_at: dt.datetime | None = None
    bundle: answer_kit.VerifiedBundle | None = None

    def fresh(self, now: dt.datetime | None = None) -> bool:
        return (now or dt.datetime.now(dt.UTC)) < self.expires


class Releases:
    """Pulls releases from `source` into `folder` and keeps a responder for the current one."""

    def __init__(self, source: str, folder, key: answer_kit.PublicKey, **checks):
        """`checks`: what a release must show beyond its signature (`governors`, the
        library's pinned governor keys; `allow_sample`), as `answer_kit.pull` takes them."""
        self.source, self.folder, self.key, self.checks = source, folder, key, checks
        self.current: Current | None = None

    def load(self, now: dt.datetime | None = None) -> Current | None:
        """The release already in `folder` (checked, even if expired), if any."""
        bundle = answer_kit.current(self.folder, self.key)
        if bundle is not None:
            self._use(bundle, now)
        return self.current

    def at(self, now: dt.datetime) -> Current | None:
        """The current release as it may be served at `now`: once an answer's review date
        has come, the responder is built again without it (the rest stay, and the emergency
        response always does)."""
        current = self.current
        if current is not None and current.changes_at is not None and now >= current.changes_at:
            self._use(current.bundle, now)
            log.info("an answer's review date has come: it is no longer served")
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
        current = self.current
        if result.updated or current is None or result.withdrawn != current.bundle.withdrawn:
            self.load(now)  # a new release, or a notice that withdrew answers from this one
            log.info("answering from release %s", result.version)
            return True
        if result.notice_expires and result.notice_expires > current.expires:  # renewed
            bundle = replace(current.bundle, renewed_until=result.notice_expires)
            self.current = replace(current, expires=bundle.current_until, bundle=bundle)
        return False

    def _use(self, bundle: answer_kit.VerifiedBundle, now: dt.datetime | None = None) -> None:
        moment = now or dt.datetime.now(dt.UTC)
        self.current = Current(
            answer_kit.Responder(bundle.serving_data(moment)),
            bundle.version,
            bundle.current_until,
            bundle.next_change(moment),
            bundle,
        )
