"""When an article was published, as one spelling everywhere: ISO 8601 to the minute.

Two outlets often run one agency story within minutes, so a date alone ties them (14:05 and
18:30 on one day); whoever ran a passage first is told by the time. A time with a known offset
is written in UTC (`2016-02-11T19:16Z`), so times from pages in different zones compare as
text and as times; a time without one stays as the source gave it (`2016-02-11T14:16`), and a
source with no time gives a date alone (`2016-02-11`), never a midnight it did not say.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Literal

from dateutil import parser as date_parser
from dateutil.parser import UnknownTimezoneWarning

# Zone abbreviations of English-language datelines and page headers ("14:16 EST"); dateutil
# knows only UTC and GMT by name, and an abbreviation means one offset in news copy.
ZONES = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "MEZ": 1,
        "MESZ": 2,
        "EET": 2,
        "EEST": 3,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "JST": 9,
        "AEST": 10,
        "AEDT": 11,
    }.items()
}
# Two far-apart defaults: a field that comes out the same under both was on the line, not
# filled in by dateutil.
_DEFAULTS = (datetime(1901, 1, 1, 0, 0), datetime(2099, 12, 28, 23, 59))


def iso_time(moment: datetime) -> str:
    """A date-time to the minute, in UTC with `Z` when it has an offset."""
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def normalise_published(value: str) -> str:
    """An ISO date or date-time from a manifest, a feed or a page's metadata in the one
    spelling: a date stays a date; a time goes to the minute, in UTC when it has an offset.
    A value that is not ISO is returned as it is (a manifest's is refused before this)."""
    moment = read_published(value)
    if moment is None:
        return value.strip()
    if moment.precision == "day":
        return moment.when.date().isoformat()
    return iso_time(moment.when.replace(tzinfo=UTC) if moment.precision == "utc" else moment.when)


@dataclass(frozen=True)
class Moment:
    """A publication time as precise as its source: a day, a local time whose zone is not
    known, or a time in UTC. Only times of one precision compare to the minute."""

    when: datetime  # naive; in UTC when `precision` is "utc"
    precision: Literal["day", "local", "utc"]

    def before(self, other: Moment) -> bool:
        """Knowably earlier: by the clock when both give it alike, else by the day."""
        if self.precision == other.precision != "day":
            return self.when < other.when
        return self.when.date() < other.when.date()


def read_published(value: str) -> Moment | None:
    """A `published` value as a `Moment`, or None when absent or not ISO."""
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) <= len("2016-02-11"):
        return Moment(moment, "day")
    if moment.tzinfo is None:
        return Moment(moment, "local")
    return Moment(moment.astimezone(UTC).replace(tzinfo=None), "utc")


def published_on_line(line: str) -> str:
    """The publication date of a short header line ("BRUSSELS, February 11, 2016"), with its
    time when the line gives one ("Thursday 11 February 2016 14:16 EST"), or '' when the line
    gives no whole date."""
    try:
        readings = [_parse(line, default) for default in _DEFAULTS]
    except (ValueError, OverflowError):
        return ""
    first, second = readings
    if first.date() != second.date():
        return ""
    if (first.hour, first.minute) != (second.hour, second.minute):
        return first.date().isoformat()
    return iso_time(first)


def _parse(line: str, default: datetime) -> datetime:
    """dateutil's fuzzy reading with the zones above; a zone it does not know ("10:05 ET")
    leaves the time as given, with no zone, rather than guessing one."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownTimezoneWarning)
        try:
            return date_parser.parse(line, fuzzy=True, default=default, tzinfos=ZONES)
        except UnknownTimezoneWarning:
            return date_parser.parse(line, fuzzy=True, default=default, ignoretz=True)
