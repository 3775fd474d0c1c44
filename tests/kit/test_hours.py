"""Opening hours in a time zone, past midnight, and hours a bot cannot read."""

from __future__ import annotations

import datetime as dt

from answer_kit.hours import is_open

WEEKDAYS = {
    "time_zone": "Europe/Moscow",
    "weekly": [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "10:00", "closes": "22:00"}],
}
NIGHTS = {
    "time_zone": "Asia/Yekaterinburg",
    "weekly": [{"days": ["fri"], "opens": "20:00", "closes": "02:00"}],
}


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_hours_are_read_in_the_services_time_zone():
    # Monday 2026-11-30: 07:00 UTC is 10:00 in Moscow.
    assert is_open(WEEKDAYS, utc(2026, 11, 30, 7, 0)) is True
    assert is_open(WEEKDAYS, utc(2026, 11, 30, 6, 59)) is False
    assert is_open(WEEKDAYS, utc(2026, 11, 30, 19, 0)) is False  # 22:00: closed
    assert is_open(WEEKDAYS, utc(2026, 12, 5, 10, 0)) is False  # Saturday


def test_hours_past_midnight_belong_to_the_day_they_start():
    # Friday 2026-12-04 20:00 in Yekaterinburg (UTC+5) is 15:00 UTC.
    assert is_open(NIGHTS, utc(2026, 12, 4, 15, 0)) is True
    assert is_open(NIGHTS, utc(2026, 12, 4, 20, 30)) is True  # Saturday 01:30 there
    assert is_open(NIGHTS, utc(2026, 12, 4, 21, 0)) is False  # Saturday 02:00
    assert is_open(NIGHTS, utc(2026, 12, 3, 20, 30)) is False  # Friday 01:30: Thursday's night


def test_unreadable_hours_say_nothing_rather_than_closed():
    assert is_open(None) is None
    assert is_open({"time_zone": "Mars/Olympus", "weekly": []}) is None
    assert is_open({"time_zone": "Europe/Moscow", "weekly": [{"days": ["mon"]}]}) is None
    assert (
        is_open(
            {
                "time_zone": "Europe/Moscow",
                "weekly": [{"days": ["mon"], "opens": "x", "closes": "1"}],
            }
        )
        is None
    )
