"""Recording changes of the tree: rename, move, merge, split, dissolve.

Values never move (docs/adr/0008-lineage.md). A merge, split or dissolution ends the
units it is about on the day before it takes effect and records how their history
passes on (`LineageEdge` with shares); a move remembers the old place
(`UnitPlacement`). Each change is one `UnitChange` with its effective date and the
symbol of the deciding document, and one audit event.

Every function checks that the acting user manages the level above the units it
changes (`by=None` is the system: the demo, `tongket restructure` as administrator).
"""

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Sum, Value
from django.db.models.functions import Concat, Substr

from tongket.audit.actions import record
from tongket.lib.clock import now
from tongket.org.lineage import reaches, refresh_closure
from tongket.org.models import (
    ChangeKind,
    LineageEdge,
    Role,
    Unit,
    UnitChange,
    UnitPlacement,
)
from tongket.org.scope import require
from tongket.org.tree import index_text, place

ONE = Decimal(1)


class ChangeRefused(ValueError):
    """A change that cannot be recorded as asked; the message says why."""


def _day_before(day: date) -> date:
    return day - timedelta(days=1)


def _check_manager(by: User | None, units: Sequence[Unit]) -> None:
    if by is None:
        return
    for unit in units:
        require(by, Role.MANAGER, unit.parent or unit)


def _new_change(
    *,
    by: User | None,
    kind: ChangeKind,
    effective: date,
    document: str,
    note: str,
    units: Sequence[Unit],
    details: dict[str, object],
) -> UnitChange:
    change = UnitChange.objects.create(
        kind=kind,
        effective=effective,
        document=document.strip(),
        note=note,
        details=details,
        recorded_by=by,
        recorded_at=now(),
    )
    change.units.set(units)
    record(
        by=by,
        action=f"org.{kind}",
        obj=change,
        unit_path=units[0].path if units else "",
        after={"effective": effective.isoformat(), "document": document, **details},
    )
    return change


def _end(unit: Unit, effective: date) -> None:
    """End a unit the day before the change, refusing one not in existence then."""
    last_day = _day_before(effective)
    if not unit.is_active_on(last_day):
        raise ChangeRefused(
            f"Đơn vị {unit.code} không còn hiệu lực ngày {last_day:%d/%m/%Y}, không thể thay đổi."
        )
    unit.valid_to = last_day
    unit.save(update_fields=["valid_to"])


def _check_successor(unit: Unit, effective: date) -> None:
    if not unit.is_active_on(effective):
        raise ChangeRefused(
            f"Đơn vị kế thừa {unit.code} không có hiệu lực ngày {effective:%d/%m/%Y}."
        )


def _add_edges(
    change: UnitChange, pairs: Sequence[tuple[Unit, Unit, Decimal]], effective: date
) -> None:
    for predecessor, successor, share in pairs:
        if not Decimal(0) <= share <= ONE:
            raise ChangeRefused(f"Tỷ lệ {share} của {predecessor.code} phải nằm trong [0, 1].")
        if predecessor.pk == successor.pk or reaches(predecessor.pk, successor.pk):
            raise ChangeRefused(
                f"{successor.code} đã là tiền thân của {predecessor.code}: không thể tạo vòng."
            )
        if LineageEdge.objects.filter(predecessor=predecessor, successor=successor).exists():
            raise ChangeRefused(f"{predecessor.code} → {successor.code} đã được ghi nhận.")
        LineageEdge.objects.create(
            predecessor=predecessor,
            successor=successor,
            share=share,
            effective=effective,
            change=change,
        )
    for predecessor in {p.pk: p for p, _s, _share in pairs}.values():
        given = LineageEdge.objects.filter(predecessor=predecessor).aggregate(s=Sum("share"))["s"]
        if given is not None and given > ONE:
            raise ChangeRefused(
                f"Tổng tỷ lệ lịch sử của {predecessor.code} chuyển cho các đơn vị kế thừa là {given}, vượt quá 1."
            )
    refresh_closure({successor.pk for _p, successor, _share in pairs})


def _move_children(
    by: User | None, change: UnitChange, unit: Unit, to: Unit, effective: date
) -> None:
    """Children still existing after `unit` ends go under its successor, codes kept."""
    for child in unit.children.filter(valid_to__isnull=True) | unit.children.filter(
        valid_to__gte=effective
    ):
        move_unit(
            by=None,
            unit=child,
            parent=to,
            effective=effective,
            document=change.document,
            note=f"theo {change}",
        )


# --- The changes --------------------------------------------------------------------------


@transaction.atomic
def rename_unit(
    *, by: User | None, unit: Unit, name: str, effective: date, document: str = "", note: str = ""
) -> UnitChange:
    _check_manager(by, [unit])
    before = unit.name
    unit.name = name
    index_text(unit)
    unit.save(update_fields=["name", "sort_key", "search_key"])
    return _new_change(
        by=by,
        kind=ChangeKind.RENAME,
        effective=effective,
        document=document,
        note=note,
        units=[unit],
        details={"before": before, "after": unit.name},
    )


@transaction.atomic
def move_unit(
    *,
    by: User | None,
    unit: Unit,
    parent: Unit,
    effective: date,
    document: str = "",
    note: str = "",
) -> UnitChange:
    """Put a unit (with its subtree) under another parent from `effective` on; its code,
    values and history stay, and the tree before that date keeps the old place."""
    _check_manager(by, [unit, parent])
    if unit.contains(parent):
        raise ChangeRefused(f"Không thể chuyển {unit.code} vào dưới chính nó.")
    _check_successor(parent, effective)
    before = unit.parent
    old_path = unit.path
    subtree = list(Unit.objects.within(unit))
    last = {
        p.unit_id: p.valid_to
        for p in UnitPlacement.objects.filter(unit__in=subtree).order_by("valid_to")
    }
    placements = []
    for member in subtree:
        since = last.get(member.pk)
        if since is not None and since >= _day_before(effective):
            raise ChangeRefused(
                f"{member.code} đã được chuyển đến ngày {since:%d/%m/%Y}: ngày hiệu lực phải sau đó."
            )
        placements.append(
            UnitPlacement(
                unit=member,
                parent_id=member.parent_id,
                path=member.path,
                valid_from=since + timedelta(days=1) if since else None,
                valid_to=_day_before(effective),
            )
        )
    UnitPlacement.objects.bulk_create(placements)
    unit.parent = parent
    place(unit)
    unit.save(update_fields=["parent", "level", "path"])
    Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)),
        level=F("level") + (unit.level - old_path.count("/") + 1),
    )
    return _new_change(
        by=by,
        kind=ChangeKind.MOVE,
        effective=effective,
        document=document,
        note=note,
        units=[unit],
        details={"from": before.code if before else None, "to": parent.code},
    )


@transaction.atomic
def merge_units(
    *,
    by: User | None,
    units: Sequence[Unit],
    into: Unit,
    effective: date,
    document: str = "",
    note: str = "",
    shares: Mapping[str, Decimal] | None = None,
    move_children: bool = True,
) -> UnitChange:
    """Several units into one, new (created for the date) or existing (which goes on).

    Each merged unit passes `shares[code]` of its history (default 1) to `into`; a unit
    already ended the day before (a split ward whose other parts went elsewhere) is
    not ended again.
    """
    merged = [u for u in units if u.pk != into.pk]
    if not merged:
        raise ChangeRefused("Cần ít nhất một đơn vị để hợp nhất.")
    _check_manager(by, [*merged, into])
    _check_successor(into, effective)
    shares = shares or {}
    change = _new_change(
        by=by,
        kind=ChangeKind.MERGE,
        effective=effective,
        document=document,
        note=note,
        units=[*merged, into],
        details={
            "into": into.code,
            "shares": {u.code: str(shares.get(u.code, ONE)) for u in merged},
        },
    )
    for unit in merged:
        if unit.valid_to != _day_before(effective):
            _end(unit, effective)
    _add_edges(change, [(u, into, Decimal(shares.get(u.code, ONE))) for u in merged], effective)
    if move_children:
        for unit in merged:
            if shares.get(unit.code, ONE) > 0:
                _move_children(by, change, unit, into, effective)
    return change


@transaction.atomic
def split_unit(
    *,
    by: User | None,
    unit: Unit,
    into: Sequence[Unit],
    effective: date,
    document: str = "",
    note: str = "",
    shares: Mapping[str, Decimal] | None = None,
) -> UnitChange:
    """One unit into several: by default its whole history follows the first of `into`
    (the official mapping's default successor), share 0 to the others."""
    if not into:
        raise ChangeRefused("Cần ít nhất một đơn vị kế thừa.")
    _check_manager(by, [unit, *into])
    for successor in into:
        _check_successor(successor, effective)
    given = {s.code: Decimal(shares[s.code]) for s in into if shares and s.code in shares}
    if not given:
        given = {s.code: ONE if index == 0 else Decimal(0) for index, s in enumerate(into)}
    change = _new_change(
        by=by,
        kind=ChangeKind.SPLIT,
        effective=effective,
        document=document,
        note=note,
        units=[unit, *into],
        details={"into": {s.code: str(given.get(s.code, Decimal(0))) for s in into}},
    )
    _end(unit, effective)
    _add_edges(change, [(unit, s, given.get(s.code, Decimal(0))) for s in into], effective)
    heir = max(into, key=lambda s: given.get(s.code, Decimal(0)))
    _move_children(by, change, unit, heir, effective)
    return change


@transaction.atomic
def dissolve_unit(
    *,
    by: User | None,
    unit: Unit,
    effective: date,
    document: str = "",
    note: str = "",
    successor: Unit | None = None,
    share: Decimal = ONE,
) -> UnitChange:
    """End a unit; its values stay in its archive and, with a successor (often the level
    above), its history counts there by `share`. Children still existing go to the
    successor; without one, a unit with existing children is refused."""
    _check_manager(by, [unit, *([successor] if successor else [])])
    remaining = unit.children.filter(valid_to__isnull=True) | unit.children.filter(
        valid_to__gte=effective
    )
    if successor is None and remaining.exists():
        raise ChangeRefused(
            f"{unit.code} còn đơn vị trực thuộc: chuyển chúng đi hoặc chỉ định đơn vị kế thừa."
        )
    if successor is not None:
        _check_successor(successor, effective)
    change = _new_change(
        by=by,
        kind=ChangeKind.DISSOLVE,
        effective=effective,
        document=document,
        note=note,
        units=[unit, *([successor] if successor else [])],
        details={"successor": successor.code if successor else None, "share": str(share)},
    )
    if unit.valid_to != _day_before(effective):
        _end(unit, effective)
    if successor is not None:
        _add_edges(change, [(unit, successor, Decimal(share))], effective)
        _move_children(by, change, unit, successor, effective)
    return change
