"""Demo directives: Resolution 35-NQ/TW and the plans that carry it out in Hà Nội.

The documents are written as real DOCX files (python-docx), in the layout of Party
documents (Hướng dẫn 36-HD/VPTW: a two-row header table, the type in capitals, the
summary, the body, the signature), and go through `upload_document` like any upload,
so the demo exercises extraction, citation matching and link proposals end to end.
Some districts and wards deliberately have no plan: the implementation tree shows
them as "chưa có". The wording is our own.
"""

import io
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from tongket.documents.actions import confirm_link, upload_document
from tongket.documents.models import Document, ImplementsLink, LinkStatus
from tongket.org.models import Role, Unit
from tongket.org.scope import can
from tongket.programmes.models import Programme
from tongket.vn.text import fold

RESOLUTION = (
    "Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII về tăng cường bảo "
    "vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch "
    "trong tình hình mới"
)


@dataclass(frozen=True)
class OfficialText:
    """The parts of a Party document, as its layout arranges them."""

    superior: str
    issuer: str
    number: str
    place: str
    day: date
    heading: str
    summary: list[str]
    body: list[str]
    signer: str = "BÍ THƯ"
    recipients: list[str] = field(default_factory=list)


def official_docx(text: OfficialText) -> bytes:
    """A DOCX file laid out as an official Party document."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)  # type: ignore[attr-defined]
    header = document.add_table(rows=2, cols=2)
    _cell(header.cell(0, 0), [text.superior, text.issuer, "*"], bold=True)
    _cell(header.cell(0, 1), ["ĐẢNG CỘNG SẢN VIỆT NAM"], bold=True)
    _cell(header.cell(1, 0), [f"Số {text.number}"])
    when = f"{text.place}, ngày {text.day.day:02d} tháng {text.day.month:02d} năm {text.day.year}"
    _cell(header.cell(1, 1), [when], italic=True)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(text.heading).bold = True
    for line in text.summary:
        summary = document.add_paragraph()
        summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
        summary.add_run(line).bold = True
    document.add_paragraph("-----").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for paragraph in text.body:
        document.add_paragraph(paragraph).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    footer = document.add_table(rows=1, cols=2)
    _cell(footer.cell(0, 0), ["Nơi nhận:", *text.recipients, "- Lưu Văn phòng."])
    _cell(footer.cell(0, 1), ["T/M BAN THƯỜNG VỤ", text.signer], bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cell(cell, lines: list[str], *, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.paragraphs[0].text = ""
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold, run.italic = bold, italic


def city_plan() -> OfficialText:
    return OfficialText(
        superior="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        issuer="THÀNH ỦY HÀ NỘI",
        number="135-KH/TU",
        place="Hà Nội",
        day=date(2019, 1, 28),
        heading="KẾ HOẠCH",
        summary=[
            "thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị",
            "về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác",
            "các quan điểm sai trái, thù địch trong tình hình mới",
        ],
        body=[
            f"Thực hiện {RESOLUTION}, Ban Thường vụ Thành ủy xây dựng Kế hoạch thực hiện như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Quán triệt sâu sắc, đầy đủ nội dung Nghị quyết đến cán bộ, đảng viên và các "
            "tầng lớp nhân dân Thủ đô; nâng cao nhận thức, trách nhiệm của cấp ủy, người "
            "đứng đầu trong bảo vệ nền tảng tư tưởng của Đảng.",
            "2. Gắn việc thực hiện Nghị quyết với Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ "
            "Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
            "Minh và Quy định số 102-QĐ/TW ngày 15/11/2017 của Bộ Chính trị về xử lý kỷ luật "
            "đảng viên vi phạm.",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "1. Tổ chức học tập, quán triệt Nghị quyết trong quý I năm 2019; 100% cán bộ chủ "
            "chốt các cấp được học tập.",
            "2. Kiện toàn Ban Chỉ đạo 35 và tổ giúp việc ở cấp thành phố và cấp huyện; xây "
            "dựng lực lượng cộng tác viên, tuyên truyền viên tại các tổ chức cơ sở đảng.",
            "3. Định kỳ 6 tháng, một năm sơ kết; tổng kết sau 5 năm thực hiện Nghị quyết.",
            "III. TỔ CHỨC THỰC HIỆN",
            "Các quận ủy, huyện ủy, thị ủy, đảng ủy trực thuộc Thành ủy căn cứ Kế hoạch này "
            "xây dựng kế hoạch thực hiện phù hợp với tình hình của địa phương, đơn vị, báo "
            "cáo Ban Thường vụ Thành ủy (qua Ban Tuyên giáo Thành ủy) trước ngày 30/3/2019.",
        ],
        recipients=["- Ban Tuyên giáo Trung ương,", "- Các quận ủy, huyện ủy, thị ủy,"],
    )


@dataclass(frozen=True)
class DistrictPlan:
    code: str
    committee: str  # "QUẬN ỦY CẦU GIẤY"
    place: str
    number: str
    day: date


DISTRICT_PLANS = [
    DistrictPlan("HN-THANHXUAN", "QUẬN ỦY THANH XUÂN", "Thanh Xuân", "09-KH/QU", date(2019, 3, 15)),
    DistrictPlan("HN-CAUGIAY", "QUẬN ỦY CẦU GIẤY", "Cầu Giấy", "112-KH/QU", date(2019, 3, 8)),
    DistrictPlan("HN-DONGDA", "QUẬN ỦY ĐỐNG ĐA", "Đống Đa", "87-KH/QU", date(2019, 3, 20)),
    DistrictPlan("HN-HOANGMAI", "QUẬN ỦY HOÀNG MAI", "Hoàng Mai", "64-KH/QU", date(2019, 3, 27)),
    DistrictPlan("HN-DONGANH", "HUYỆN ỦY ĐÔNG ANH", "Đông Anh", "105-KH/HU", date(2019, 4, 2)),
]


def district_plan(plan: DistrictPlan) -> OfficialText:
    return OfficialText(
        superior="THÀNH ỦY HÀ NỘI",
        issuer=plan.committee,
        number=plan.number,
        place=plan.place,
        day=plan.day,
        heading="KẾ HOẠCH",
        summary=[
            "thực hiện Kế hoạch số 135-KH/TU ngày 28/01/2019 của Ban Thường vụ Thành ủy",
            "về thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị",
        ],
        body=[
            "Thực hiện Kế hoạch số 135-KH/TU ngày 28/01/2019 của Ban Thường vụ Thành ủy Hà "
            f"Nội về thực hiện {RESOLUTION}, Ban Thường vụ {_ward_case(plan.committee)} xây "
            "dựng Kế hoạch thực hiện như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Nâng cao nhận thức của cán bộ, đảng viên về vị trí, tầm quan trọng của công tác "
            "bảo vệ nền tảng tư tưởng của Đảng; phát huy vai trò của Ban Chỉ đạo 35 và các "
            "tổ chức cơ sở đảng trên địa bàn.",
            "II. NHIỆM VỤ CỤ THỂ",
            "1. Tổ chức hội nghị học tập, quán triệt Nghị quyết 35 cho cán bộ chủ chốt trong "
            "tháng 4 năm 2019; các chi bộ tổ chức sinh hoạt chuyên đề.",
            "2. Mỗi tổ chức cơ sở đảng xây dựng ít nhất một nhóm cộng tác viên; mở lớp tập "
            "huấn kỹ năng viết bài, phản bác quan điểm sai trái.",
            "3. Phát động cuộc thi viết chính luận về bảo vệ nền tảng tư tưởng của Đảng.",
            "III. TỔ CHỨC THỰC HIỆN",
            "Đảng ủy các phường xây dựng kế hoạch của đơn vị, báo cáo Ban Thường vụ (qua Ban "
            "Tuyên giáo) trước ngày 30/4/2019.",
        ],
        recipients=["- Ban Thường vụ Thành ủy,", "- Đảng ủy các phường,"],
    )


@dataclass(frozen=True)
class WardPlan:
    code: str
    committee: str  # "ĐẢNG ỦY PHƯỜNG KHƯƠNG MAI"
    number: str
    day: date


WARD_PLANS = [
    WardPlan("HN-THANHXUAN-KHUONGMAI", "ĐẢNG ỦY PHƯỜNG KHƯƠNG MAI", "15-KH/ĐU", date(2019, 4, 12)),
    WardPlan("HN-THANHXUAN-NHANCHINH", "ĐẢNG ỦY PHƯỜNG NHÂN CHÍNH", "21-KH/ĐU", date(2019, 4, 18)),
    WardPlan(
        "HN-THANHXUAN-THUONGDINH", "ĐẢNG ỦY PHƯỜNG THƯỢNG ĐÌNH", "18-KH/ĐU", date(2019, 4, 22)
    ),
    WardPlan(
        "HN-THANHXUAN-PHUONGLIET", "ĐẢNG ỦY PHƯỜNG PHƯƠNG LIỆT", "12-KH/ĐU", date(2019, 4, 25)
    ),
]


def ward_plan(plan: WardPlan) -> OfficialText:
    return OfficialText(
        superior="ĐẢNG BỘ QUẬN THANH XUÂN",
        issuer=plan.committee,
        number=plan.number,
        place="Thanh Xuân",
        day=plan.day,
        heading="KẾ HOẠCH",
        summary=["thực hiện Kế hoạch số 09-KH/QU ngày 15/3/2019 của Ban Thường vụ Quận ủy"],
        body=[
            "Thực hiện Kế hoạch số 09-KH/QU ngày 15/3/2019 của Ban Thường vụ Quận ủy Thanh "
            f"Xuân, nhằm đưa Nghị quyết số 35-NQ/TW của Bộ Chính trị vào cuộc sống, Ban "
            f"Thường vụ {_ward_case(plan.committee)} xây dựng Kế hoạch thực hiện như sau:",
            "1. Tổ chức học tập, quán triệt Nghị quyết cho 100% cán bộ chủ chốt và đảng viên "
            "trong các chi bộ tổ dân phố.",
            "2. Thành lập nhóm cộng tác viên của Đảng ủy; đăng tải tin, bài trên trang thông "
            "tin điện tử và nhóm Zalo của phường.",
            "3. Hằng quý báo cáo kết quả thực hiện về Ban Thường vụ Quận ủy (qua Ban Tuyên "
            "giáo Quận ủy).",
        ],
        recipients=["- Ban Thường vụ Quận ủy,", "- Các chi bộ trực thuộc,"],
    )


def district_review() -> OfficialText:
    """A report, which cites the plans without implementing them."""
    return OfficialText(
        superior="THÀNH ỦY HÀ NỘI",
        issuer="QUẬN ỦY THANH XUÂN",
        number="312-BC/QU",
        place="Thanh Xuân",
        day=date(2021, 10, 20),
        heading="BÁO CÁO",
        summary=["sơ kết 3 năm thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị"],
        body=[
            "Sau 3 năm thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị và "
            "Kế hoạch số 09-KH/QU ngày 15/3/2019 của Ban Thường vụ Quận ủy, Ban Thường vụ "
            "Quận ủy báo cáo kết quả như sau:",
            "1. 100% cán bộ chủ chốt và 96,5% đảng viên đã được học tập, quán triệt Nghị "
            "quyết; 4 trong 9 đảng ủy phường đã ban hành kế hoạch thực hiện.",
            "2. Quận tổ chức 3 lớp tập huấn kỹ năng cho 240 lượt cộng tác viên, 2 hội nghị "
            "chuyên đề; cuộc thi viết chính luận năm 2021 nhận 412 bài dự thi.",
            "3. Hạn chế: một số đảng ủy phường chưa xây dựng kế hoạch, việc sơ kết chưa kịp thời.",
        ],
        signer="PHÓ BÍ THƯ",
        recipients=["- Ban Thường vụ Thành ủy,"],
    )


def _ward_case(committee: str) -> str:
    from tongket.vn.header import name_case

    return name_case(committee)


def seed_documents(units: dict[str, Unit], programme: Programme) -> int:
    """Upload the demo chain and confirm each plan's own link; returns the register size.

    The documents a plan says it implements are confirmed by a manager of its unit;
    other links the texts propose are left for people to decide.
    """
    texts = [("HN", city_plan())]
    texts += [(plan.code, district_plan(plan)) for plan in DISTRICT_PLANS]
    texts += [(plan.code, ward_plan(plan)) for plan in WARD_PLANS]
    for code, text in texts:
        _upload(units[code], text, programme)
    _upload(units["HN-THANHXUAN"], district_review(), programme)
    # The resolution is only cited, never uploaded: it belongs to the programme it starts.
    Document.objects.filter(symbol="35-NQ/TW").update(programme=programme)
    return Document.objects.count()


def _upload(unit: Unit, text: OfficialText, programme: Programme) -> Document:
    name = "-".join(fold(f"{text.heading} {text.number}").replace("/", " ").split()) + ".docx"
    document = upload_document(
        by=_account(unit, Role.REPORTER),
        name=name,
        data=official_docx(text),
        owner=unit,
        programme=programme,
    )
    manager = _account(unit, Role.MANAGER)
    links = ImplementsLink.objects.filter(from_document=document, status=LinkStatus.PROPOSED)
    for link in links.select_related("from_document__owner", "found_in__owner"):
        confirm_link(by=manager, link=link)
    return document


def _account(unit: Unit, role: Role) -> User:
    """The demo account closest to the unit that holds the role over it."""
    accounts = (
        get_user_model()
        .objects.filter(username__in=["ward", "district", "city", "admin"])
        .select_related("membership__unit")
    )
    ranked = sorted(accounts, key=lambda user: -user.membership.unit.level)  # type: ignore[attr-defined]
    return next(user for user in ranked if can(user, role, unit))
