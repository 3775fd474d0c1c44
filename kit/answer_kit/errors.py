"""The two families of failure: bad data, and a source that cannot be reached.

Both say why in one line. Either way, nothing a bot already serves is changed.
"""

from __future__ import annotations


class KitError(Exception):
    """Something the kit refused or could not do; the message is one line saying why."""


class Refused(KitError):
    """Bad data: a release, signature, notice or file that is not what it must be."""


class Unreachable(KitError):
    """A transport failure: a source that cannot be reached, stalls, redirects too often,
    or cuts a download short. Trying again later may work."""
