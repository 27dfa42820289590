"""The demo programme: carrying out Resolution 35-NQ/TW, 2019–2023."""

from datetime import date

from django.db import transaction

from tongket.core.periods import PeriodType
from tongket.org.models import GRASSROOTS_KINDS, Unit, UnitKind
from tongket.programmes.models import (
    Aggregation,
    Category,
    CategoryOption,
    Indicator,
    Programme,
    Target,
    ValueType,
)
from tongket.reporting.models import FormIndicator, ReportForm, Severity, ValidationRule

YEARLY, QUARTERLY = PeriodType.YEARLY.value, PeriodType.QUARTERLY.value
DISTRICT_KINDS = [
    UnitKind.URBAN_DISTRICT_COMMITTEE.value,
    UnitKind.RURAL_DISTRICT_COMMITTEE.value,
    UnitKind.TOWN_COMMITTEE.value,
]
GRASSROOTS = sorted(kind.value for kind in GRASSROOTS_KINDS)

# code, name, unit of measure, value type, aggregation, period type, category, formula
INDICATORS = [
    (
        "QT_THAMGIA",
        "Số lượt người tham gia học tập, quán triệt Nghị quyết",
        "lượt người",
        ValueType.INTEGER,
        Aggregation.SUM,
        YEARLY,
        "DOITUONG",
        "",
    ),
    (
        "CBCC_TONG",
        "Số cán bộ chủ chốt của đơn vị",
        "người",
        ValueType.INTEGER,
        Aggregation.LAST,
        YEARLY,
        None,
        "",
    ),
    (
        "CBCC_DAHOC",
        "Số cán bộ chủ chốt đã học tập, quán triệt Nghị quyết",
        "người",
        ValueType.INTEGER,
        Aggregation.LAST,
        YEARLY,
        None,
        "",
    ),
    (
        "CBCC_TYLE",
        "Tỷ lệ cán bộ chủ chốt đã học tập, quán triệt Nghị quyết",
        "%",
        ValueType.PERCENTAGE,
        Aggregation.AVERAGE,
        YEARLY,
        None,
        "{CBCC_DAHOC} / {CBCC_TONG} * 100",
    ),
    (
        "CTV_CO",
        "Đơn vị có tổ cộng tác viên tuyên truyền",
        "đơn vị",
        ValueType.BOOLEAN,
        Aggregation.LAST,
        YEARLY,
        None,
        "",
    ),
    (
        "LOP_TAPHUAN",
        "Số lớp tập huấn, bồi dưỡng nghiệp vụ",
        "lớp",
        ValueType.INTEGER,
        Aggregation.SUM,
        YEARLY,
        None,
        "",
    ),
    (
        "HN_CHUYENDE",
        "Số hội nghị chuyên đề",
        "hội nghị",
        ValueType.INTEGER,
        Aggregation.SUM,
        YEARLY,
        None,
        "",
    ),
    (
        "TCCS_SO",
        "Số tổ chức cơ sở đảng trực thuộc",
        "tổ chức",
        ValueType.INTEGER,
        Aggregation.LAST,
        YEARLY,
        None,
        "",
    ),
    (
        "CTV_TYLE",
        "Tỷ lệ tổ chức cơ sở đảng có tổ cộng tác viên",
        "%",
        ValueType.PERCENTAGE,
        Aggregation.AVERAGE,
        YEARLY,
        None,
        "{CTV_CO} / {TCCS_SO} * 100",
    ),
    (
        "TT_TINBAI",
        "Số tin, bài đăng trên trang, kênh của đơn vị",
        "tin, bài",
        ValueType.INTEGER,
        Aggregation.SUM,
        QUARTERLY,
        None,
        "",
    ),
]

# Indicators computed from the activity register (tongket/activities/figures.py) rather
# than typed in: study sessions with their participants and key cadres' coverage.
INDICATORS += [
    (
        "HT_BUOI",
        "Số buổi học tập, quán triệt Nghị quyết (sổ hoạt động)",
        "buổi",
        ValueType.INTEGER,
        Aggregation.SUM,
        YEARLY,
        None,
        "",
    ),
    (
        "HT_THAMGIA",
        "Số lượt người tham gia học tập, quán triệt (sổ hoạt động)",
        "lượt người",
        ValueType.INTEGER,
        Aggregation.SUM,
        YEARLY,
        "DOITUONG",
        "",
    ),
    (
        "HT_CBCC_DAHOC",
        "Số cán bộ chủ chốt đã học tập, quán triệt (sổ hoạt động)",
        "người",
        ValueType.INTEGER,
        Aggregation.LAST,
        YEARLY,
        None,
        "",
    ),
    (
        "HT_CBCC_TONG",
        "Số cán bộ chủ chốt cần học tập, quán triệt (sổ hoạt động)",
        "người",
        ValueType.INTEGER,
        Aggregation.LAST,
        YEARLY,
        None,
        "",
    ),
    (
        "HT_CBCC_TYLE",
        "Tỷ lệ cán bộ chủ chốt đã học tập, quán triệt (sổ hoạt động)",
        "%",
        ValueType.PERCENTAGE,
        Aggregation.AVERAGE,
        YEARLY,
        None,
        "{HT_CBCC_DAHOC} / {HT_CBCC_TONG} * 100",
    ),
]
SOURCES = {
    "LOP_TAPHUAN": "activities:count:training",
    "HN_CHUYENDE": "activities:count:conference",
    "HT_BUOI": "activities:count:study",
    "HT_THAMGIA": "activities:participants:study",
    "HT_CBCC_DAHOC": "activities:reached:study:CBCC",
    "HT_CBCC_TONG": "activities:target:study:CBCC",
}

FORMS = [
    (
        "TCCS_NAM",
        "Báo cáo năm của tổ chức cơ sở đảng",
        YEARLY,
        GRASSROOTS,
        15,
        [
            ("Học tập, quán triệt", ["QT_THAMGIA", "CBCC_TONG", "CBCC_DAHOC", "CBCC_TYLE"]),
            ("Lực lượng tuyên truyền", ["CTV_CO"]),
        ],
    ),
    (
        "HUYEN_NAM",
        "Báo cáo năm của cấp huyện",
        YEARLY,
        DISTRICT_KINDS,
        20,
        [("Hoạt động", ["LOP_TAPHUAN", "HN_CHUYENDE"]), ("Tổ chức", ["TCCS_SO"])],
    ),
    (
        "TCCS_QUY",
        "Báo cáo quý về thông tin, tuyên truyền",
        QUARTERLY,
        GRASSROOTS,
        10,
        [("", ["TT_TINBAI"])],
    ),
]

RULES = [
    (
        "TCCS_NAM",
        "Đã học không vượt tổng số",
        "{CBCC_DAHOC} <= {CBCC_TONG}",
        Severity.ERROR,
        "Số cán bộ chủ chốt đã học tập không thể lớn hơn tổng số cán bộ chủ chốt.",
    ),
    (
        "TCCS_NAM",
        "Cán bộ chủ chốt có tham gia",
        "{QT_THAMGIA.CBCC} >= {CBCC_DAHOC}",
        Severity.WARNING,
        "Số lượt cán bộ chủ chốt tham gia học tập thường không ít hơn số cán bộ chủ chốt đã học.",
    ),
]


@transaction.atomic
def seed_programme(district: Unit) -> Programme:
    root = Unit.objects.get(parent__isnull=True)
    programme = Programme.objects.create(
        code="NQ35",
        name="Thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị",
        description=(
            "Tăng cường bảo vệ nền tảng tư tưởng của Đảng trong tình hình mới "
            "(Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị)."
        ),
        owner=root,
        start=date(2019, 1, 1),
        end=date(2023, 12, 31),
    )
    category = Category.objects.create(code="DOITUONG", name="Đối tượng tham gia")
    for order, (code, name) in enumerate(
        [("CBCC", "Cán bộ chủ chốt"), ("DV", "Đảng viên"), ("DOANVIEN", "Đoàn viên, quần chúng")]
    ):
        CategoryOption.objects.create(category=category, code=code, name=name, sort_order=order)
    indicators = {}
    for order, (code, name, uom, vtype, agg, ptype, cat, formula) in enumerate(INDICATORS):
        indicators[code] = Indicator.objects.create(
            programme=programme,
            code=code,
            name=name,
            unit_of_measure=uom,
            value_type=vtype,
            aggregation=agg,
            period_type=ptype,
            category=category if cat else None,
            formula=formula,
            source=SOURCES.get(code, ""),
            sort_order=order,
        )
    forms = {}
    for code, name, ptype, kinds, due, sections in FORMS:
        form = ReportForm.objects.create(
            programme=programme,
            code=code,
            name=name,
            period_type=ptype,
            unit_kinds=kinds,
            due_days=due,
        )
        order = 0
        for section, codes in sections:
            for indicator_code in codes:
                FormIndicator.objects.create(
                    form=form,
                    indicator=indicators[indicator_code],
                    sort_order=order,
                    section=section,
                )
                order += 1
        forms[code] = form
    for form_code, name, expression, severity, message in RULES:
        ValidationRule.objects.create(
            form=forms[form_code],
            name=name,
            expression=expression,
            severity=severity,
            message=message,
        )
    for code, value in [
        ("LOP_TAPHUAN", 5),
        ("HN_CHUYENDE", 5),
        ("CBCC_TYLE", 100),
        ("CTV_TYLE", 50),
    ]:
        Target.objects.create(
            indicator=indicators[code], unit=district, period="2019..2023", value=value
        )
    return programme
