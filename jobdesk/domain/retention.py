"""Which backups to keep: recent ones all, then one a day, a week and a month.

The policy, for backups taken at the times *taken*, judged at the time *now*:

1. **Recent**: every backup taken in the last 48 hours (``taken >= now - 48 h``)
   is kept. So is any backup that seems to be from the future (the clock was
   changed): it cannot be placed, so it is not thrown away.
2. **Daily**: for each of the 7 most recent calendar days, today included
   (today and the 6 days before it), the newest backup taken that day is kept.
3. **Weekly**: for each of the 4 most recent ISO weeks (Monday to Sunday),
   this week included, the newest backup taken that week is kept.
4. **Monthly**: for each of the 6 most recent calendar months, this month
   included, the newest backup taken that month is kept.
5. **The newest backup** of all is always kept, however old it is, so a
   rotation can never leave no backup at all.

Everything else is dropped; in particular every backup from before the sixth
most recent month goes (unless it is the newest of all). The windows are
calendar periods, not counts of periods that happen to have backups: after a
month away, the daily and weekly slots of that month are simply empty, and
nothing older is kept in their place.

Days, weeks and months are those of the clock the times are given in
(``datetime.date()`` of each value; ``now`` and *taken* must all be naive or
all be aware). jobdesk passes local time, so "a day" is the user's day.

Why "the newest of each period": a backup that is the newest of its period
stays so for as long as the period is in its window (nothing newer is ever
added to a past period, and the newest is never removed), so the decision is
stable as time moves on: a rotation at an earlier time never removes a backup
that a later rotation would have kept.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Sequence
from datetime import date, datetime, timedelta

#: Every backup younger than this is kept.
KEEP_ALL_WITHIN = timedelta(hours=48)
#: How many calendar days, ISO weeks and calendar months keep their newest backup.
DAYS_KEPT = 7
WEEKS_KEPT = 4
MONTHS_KEPT = 6


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def _months_back(day: date, count: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) - count
    return index // 12, index % 12 + 1


def _newest_per_period(
    taken: Sequence[datetime],
    period_of: Callable[[date], Hashable],
    window: Collection[Hashable],
) -> set[datetime]:
    newest: dict[Hashable, datetime] = {}
    for moment in taken:
        period = period_of(moment.date())
        if period in window and (period not in newest or moment > newest[period]):
            newest[period] = moment
    return set(newest.values())


def backups_to_keep(taken: Sequence[datetime], *, now: datetime) -> set[datetime]:
    """The times among *taken* whose backups the policy keeps at *now* (see the module doc).

    Pure: it looks at nothing but its arguments. The result is a subset of
    *taken*; applying the policy to its own result at the same *now* gives the
    same set, and applying it at a later time gives what applying it to all of
    *taken* at that later time would.
    """
    if not taken:
        return set()
    today = now.date()
    keep = {moment for moment in taken if moment >= now - KEEP_ALL_WITHIN}
    keep.add(max(taken))
    keep |= _newest_per_period(
        taken, lambda day: day, {today - timedelta(days=back) for back in range(DAYS_KEPT)}
    )
    keep |= _newest_per_period(
        taken, _week, {_week(today - timedelta(weeks=back)) for back in range(WEEKS_KEPT)}
    )
    keep |= _newest_per_period(
        taken, _month, {_months_back(today, back) for back in range(MONTHS_KEPT)}
    )
    return keep
