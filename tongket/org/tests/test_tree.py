from tongket.org.models import Unit
from tongket.org.tests.factories import UnitFactory


def test_subtree_contains_the_unit_and_everything_below(tree):
    codes = set(Unit.objects.within(tree.district).values_list("code", flat=True))
    assert codes == {"HN-THANHXUAN", "HN-THANHXUAN-KHUONGMAI", "HN-THANHXUAN-KHUONGMAI-TDP01"}


def test_levels_count_from_the_root(tree):
    assert [tree.root.level, tree.city.level, tree.district.level, tree.ward.level] == [1, 2, 3, 4]


def test_sibling_whose_id_shares_a_prefix_is_not_in_the_subtree(tree):
    # Paths end with a slash so that unit 1 does not contain unit 12.
    siblings = [UnitFactory(parent=tree.city) for _ in range(12)]
    assert not siblings[0].contains(siblings[-1])
    assert Unit.objects.within(siblings[0]).count() == 1


def test_search_ignores_diacritics_and_case(tree):
    assert list(Unit.objects.matching("khuong mai")) == [tree.ward]
    assert list(Unit.objects.matching("KHƯƠNG MAI")) == [tree.ward]
    assert list(Unit.objects.matching("quan uy thanh")) == [tree.district]


def test_search_matches_codes(tree):
    assert list(Unit.objects.matching("hcm-quan1-bennghe")) == [tree.other_ward]


def test_units_sort_in_vietnamese_order(tree):
    names = [
        "Đảng ủy phường Ô Chợ Dừa",
        "Đảng ủy phường Bách Khoa",
        "Đảng ủy phường Ấp Bắc",
        "Đảng ủy phường An Phú",
        "Đảng ủy phường Đống Đa",
        "Đảng ủy phường Dịch Vọng",
    ]
    for name in names:
        UnitFactory(name=name, parent=tree.other_city)
    ordered = list(
        Unit.objects.filter(parent=tree.other_city, name__startswith="Đảng ủy")
        .in_vietnamese_order()
        .values_list("name", flat=True)
    )
    assert ordered == [
        "Đảng ủy phường An Phú",
        "Đảng ủy phường Ấp Bắc",
        "Đảng ủy phường Bách Khoa",
        "Đảng ủy phường Dịch Vọng",
        "Đảng ủy phường Đống Đa",
        "Đảng ủy phường Ô Chợ Dừa",
    ]
