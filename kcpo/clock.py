"""Wall-clock times in the service's time zone (Europe/London): a day and a time as the aware
instant they mean, across the changes to and from summer time (zoneinfo)."""

from datetime import date, datetime, time

from django.utils import timezone


def local_datetime(day: date, clock: time = time.min) -> datetime:
    """`clock` on `day` in the current time zone; midnight, the start of the day, by default."""
    return timezone.make_aware(datetime.combine(day, clock))
