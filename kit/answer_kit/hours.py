"""Whether a service is open now, from the opening hours a release's directory carries:
{time_zone: Europe/Moscow, weekly: [{days: [mon, tue], opens: "10:00", closes: "22:00"}]}.
A closing time at or before the opening time runs past midnight into the next day."""

from __future__ import annotations

import datetime as dt
import zoneinfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def is_open(opening_hours: dict | None, now: dt.datetime | None = None) -> bool | None:
    """True while the hours say someone is there, False outside them, None when they do not
    say (no hours, an unknown time zone, or hours that cannot be read)."""
    if not isinstance(opening_hours, dict):
        return None
    try:
        zone = zoneinfo.ZoneInfo(str(opening_hours.get("time_zone")))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    minute = moment.hour * 60 + moment.minute
    today = DAYS[moment.weekday()]
    yesterday = DAYS[(moment.weekday() - 1) % 7]
    try:
        for period in opening_hours.get("weekly") or ():
            opens, closes = _minutes(period["opens"]), _minutes(period["closes"])
            days = period["days"]
            if closes > opens:
                if today in days and opens <= minute < closes:
                    return True
            else:  # past midnight: from `opens` today, or until `closes` after yesterday's
                if today in days and minute >= opens:
                    return True
                if yesterday in days and minute < closes:
                    return True
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return False
