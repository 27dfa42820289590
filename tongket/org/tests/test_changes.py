"""Recording changes of the tree: lineage kept as data, values never moved."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from tongket.audit.models import AuditEvent
from tongket.org.changes import ChangeRefused, merge_units, move_unit, split_unit
from tongket.org.lineage import (
    children_on,
    predecessors,
    subtree_on,
    successor_memberships,
    successors,
)
from tongket.org.models import ChangeKind, LineageEdge, Unit, UnitKind
from tongket.org.restructure import RestructureRejected, apply_changes, parse_changes
from tongket.org.tests.factories import UnitFactory

REFORM = date(2025, 7, 1)


@pytest.fixture
def new_ward(tree) -> Unit:  # type: ignore[no-untyped-def]
    return UnitFactory(
        code="HN-PHUONGLIET",
        name="Đảng ủy phường Phương Liệt",
        kind=UnitKind.WARD_COMMITTEE,
        parent=tree.city,
        valid_from=REFORM,
    )


def test_a_merge_ends_the_merged_units_and_records_their_shares(tree, people, new_ward):
    change = merge_units(
        by=people.city,
        units=[tree.ward],
        into=new_ward,
        effective=REFORM,
        document="1656/NQ-UBTVQH15",
    )
    tree.ward.refresh_from_db()
    assert tree.ward.valid_to == date(2025, 6, 30)
    assert [(link.unit, link.share) for link in successors(tree.ward)] == [(new_ward, 1)]
    assert change.document == "1656/NQ-UBTVQH15"
    assert AuditEvent.objects.filter(action="org.merge", object_id=str(change.pk)).exists()


def test_the_merged_wards_cells_move_under_the_new_ward_with_their_codes(tree, people, new_ward):
    merge_units(by=people.city, units=[tree.ward], into=new_ward, effective=REFORM)
    cell = Unit.objects.get(code="HN-THANHXUAN-KHUONGMAI-TDP01")
    assert cell.parent == new_ward and cell.path.startswith(new_ward.path)
    assert cell.changes.get().kind == ChangeKind.MOVE
    # The tree as it stood before the change still has it under the old ward.
    assert cell in children_on(tree.ward, date(2025, 6, 30))
    assert cell not in children_on(tree.ward, REFORM)
    assert cell in subtree_on(tree.district, date(2024, 1, 1))
    assert cell not in subtree_on(tree.district, REFORM)


def test_a_split_passes_the_whole_history_to_the_first_successor_by_default(tree, people):
    parts = [
        UnitFactory(
            code=f"HN-NEW{n}", parent=tree.city, kind=UnitKind.WARD_COMMITTEE, valid_from=REFORM
        )
        for n in (1, 2)
    ]
    split_unit(by=people.city, unit=tree.ward, into=parts, effective=REFORM)
    assert {link.unit.code: link.share for link in successors(tree.ward)} == {
        "HN-NEW1": 1,
        "HN-NEW2": 0,
    }
    assert [link.unit for link in predecessors(parts[0])] == [tree.ward]


def test_shares_given_away_beyond_the_whole_history_are_refused(tree, people):
    parts = [
        UnitFactory(
            code=f"HN-NEW{n}", parent=tree.city, kind=UnitKind.WARD_COMMITTEE, valid_from=REFORM
        )
        for n in (1, 2)
    ]
    with pytest.raises(ChangeRefused, match="vượt quá 1"):
        split_unit(
            by=people.city,
            unit=tree.ward,
            into=parts,
            effective=REFORM,
            shares={"HN-NEW1": Decimal("0.7"), "HN-NEW2": Decimal("0.7")},
        )


def test_a_lineage_cycle_is_refused(tree, people, new_ward):
    merge_units(by=people.city, units=[tree.ward], into=new_ward, effective=REFORM)
    tree.ward.refresh_from_db()
    with pytest.raises(ChangeRefused):
        merge_units(by=people.city, units=[new_ward], into=tree.ward, effective=date(2026, 1, 1))


def test_only_a_manager_of_the_level_above_records_a_change(tree, people, new_ward):
    with pytest.raises(PermissionDenied):
        merge_units(by=people.ward, units=[tree.ward], into=new_ward, effective=REFORM)
    assert not LineageEdge.objects.exists()


def test_a_move_to_a_date_before_an_earlier_move_is_refused(tree, people):
    move_unit(by=people.city, unit=tree.cell, parent=tree.district, effective=REFORM)
    tree.cell.refresh_from_db()
    with pytest.raises(ChangeRefused):
        move_unit(by=people.city, unit=tree.cell, parent=tree.ward, effective=date(2025, 1, 1))


def test_members_of_a_dissolved_ward_are_offered_the_successor(tree, people, new_ward, settings):
    settings.TONGKET_TODAY = "2026-12-04"
    merge_units(by=people.city, units=[tree.ward], into=new_ward, effective=REFORM)
    tree.ward.refresh_from_db()
    assert [(m.user.username, unit) for m, unit in successor_memberships(tree.ward)] == [
        ("ward", new_ward)
    ]


def test_a_batch_with_one_bad_change_records_nothing_and_names_it(tree, people, new_ward):
    batch = json.dumps(
        [
            {
                "kind": "rename",
                "effective": "2025-07-01",
                "unit": "HN-THANHXUAN-KHUONGMAI",
                "name": "X",
            },
            {
                "kind": "merge",
                "effective": "2025-07-01",
                "units": ["NOPE"],
                "into": "HN-PHUONGLIET",
            },
        ]
    ).encode()
    with pytest.raises(RestructureRejected, match=r"Thay đổi 2: .*NOPE"):
        apply_changes(by=people.city, changes=parse_changes("batch.json", batch))
    assert Unit.objects.get(code="HN-THANHXUAN-KHUONGMAI").name == "Đảng ủy phường Khương Mai"


def test_restructure_command_creates_new_units_and_merges_from_a_table(tree, people, tmp_path):
    table = tmp_path / "reform.csv"
    table.write_text(
        "kind,effective,document,unit,new_code,new_name,new_kind,parent\n"
        "merge,2025-07-01,1656/NQ-UBTVQH15,HN-THANHXUAN-KHUONGMAI,HN-PL,Đảng ủy phường Phương Liệt,"
        "ward_committee,HN\n",
        encoding="utf-8",
    )
    call_command("restructure", str(table), "--user", "city")
    assert [
        link.unit.code for link in successors(Unit.objects.get(code="HN-THANHXUAN-KHUONGMAI"))
    ] == ["HN-PL"]


def test_restructure_command_fails_with_one_line(tree, people, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"kind": "explode", "effective": "2025-07-01", "unit": "HN"}]')
    with pytest.raises(CommandError, match="Thay đổi 1: loại “explode”"):
        call_command("restructure", str(bad), "--user", "city")
