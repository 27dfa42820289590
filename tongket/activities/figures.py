"""Figures computed from the register, stored like typed values.

An indicator names what it counts in its `source`:

- `activities:count:<kind>` — activities of the kind the unit organised in the period;
- `activities:participants:<kind>` — their participants, per option of the indicator's
  disaggregation (the option codes are the participant groups), or all groups
  together for an indicator without one; `activities:participants:<kind>:<GROUP>`
  counts one group;
- `activities:reached:<kind>:<GROUP>` — people of the group reached: the largest
  attendance of the group at one activity of the period, capped by the group's size.
  Without names the register cannot tell distinct people apart, and summing sessions
  would count a cadre who studied twice twice; the best-attended session is the
  honest lower bound ("886 of 886 key cadres");
- `activities:target:<kind>:<GROUP>` — the group's size, the largest recorded on the
  period's activities, so that a formula indicator gives the coverage
  (`{REACHED} / {TARGET} * 100`).

An activity counts for the unit that organised it and the period in which it starts.
After every write the figures of the (unit, period) pairs it touched are computed
again and stored with `store_record_value` in the same transaction, so the roll-up
path, the pivots, the reviews and the exports read them like any stored value.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Max, Sum

from tongket.activities.models import Activity, ActivityKind, ActivityQuerySet, Participation
from tongket.core.periods import Period, PeriodType
from tongket.org.models import Unit
from tongket.programmes.models import Indicator
from tongket.reporting.actions import store_record_value

APP = "activities"
MEASURES = ("count", "participants", "reached", "target")


@dataclass(frozen=True)
class Source:
    measure: str
    kind: str
    group: str = ""


def parse_source(text: str) -> Source | None:
    """The activity measure an indicator's source names, or None if it is not ours or malformed."""
    parts = text.split(":")
    if len(parts) not in (3, 4) or parts[0] != APP:
        return None
    measure, kind = parts[1], parts[2]
    group = parts[3] if len(parts) == 4 else ""
    if measure not in MEASURES or kind not in ActivityKind.values:
        return None
    if measure in ("reached", "target") and not group:
        return None
    if measure == "count" and group:
        return None
    return Source(measure, kind, group)


@dataclass(frozen=True)
class Key:
    """Where an activity's figures live: its organiser and the day it starts."""

    unit_id: int
    kind: str
    day: date


def key_of(activity: Activity) -> Key:
    return Key(activity.organiser_id, activity.kind, activity.date)


def sourced_indicators() -> list[tuple[Indicator, Source]]:
    found = []
    for indicator in Indicator.objects.filter(source__startswith=f"{APP}:").select_related(
        "category"
    ):
        source = parse_source(indicator.source)
        if source is not None:
            found.append((indicator, source))
    return found


def recompute(keys: Iterable[Key]) -> int:
    """Compute and store again every figure these keys feed; returns the values written."""
    indicators = sourced_indicators()
    done: set[tuple[int, int, str, str]] = set()
    units: dict[int, Unit] = {}
    written = 0
    for key in keys:
        for indicator, source in indicators:
            if source.kind != key.kind:
                continue
            try:
                period = Period.containing(key.day, PeriodType(indicator.period_type))
            except ValueError:  # a day outside every nine-month period
                continue
            mark = (key.unit_id, indicator.pk, period.id, key.kind)
            if mark in done:
                continue
            done.add(mark)
            unit = units.get(key.unit_id) or units.setdefault(
                key.unit_id, Unit.objects.get(pk=key.unit_id)
            )
            activities = Activity.objects.filter(organiser=unit, kind=source.kind).between(
                period.start, period.end
            )
            for option, value in _figures(indicator, source, activities).items():
                store_record_value(
                    unit=unit, indicator=indicator, period=period, value=value, option=option
                )
                written += 1
    return written


def _figures(
    indicator: Indicator, source: Source, activities: ActivityQuerySet
) -> dict[str, Decimal | None]:
    """The values to store, by option ("" for an indicator without disaggregation)."""
    if source.measure == "count":
        return {"": Decimal(activities.count())}
    rows = Participation.objects.filter(activity__in=activities)
    if source.measure == "participants":
        if source.group or indicator.category_id is None:
            if source.group:
                rows = rows.filter(group=source.group)
            return {"": _decimal(rows.aggregate(total=Sum("count"))["total"])}
        options = [o.code for o in indicator.category.options.all()]  # type: ignore[union-attr]
        totals = dict(
            rows.filter(group__in=options)
            .values_list("group")
            .annotate(total=Sum("count"))
            .values_list("group", "total")
        )
        return {option: _decimal(totals.get(option)) for option in options}
    rows = rows.filter(group=source.group)
    if source.measure == "target":
        return {"": _decimal(rows.aggregate(size=Max("target"))["size"])}
    reached = max(
        (min(r.count, r.target) if r.target is not None else r.count for r in rows), default=None
    )
    return {"": _decimal(reached)}


def _decimal(number: int | None) -> Decimal | None:
    return None if number is None else Decimal(number)
