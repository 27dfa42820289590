"""The review as a DOCX in the official layout of its profile (Party or State).

A secretariat keeps editing this file in Word, so it uses real Word structures:
styles, tables, a header with a PAGE field shown from page 2, no text boxes.
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tongket.reviews.charts_png import bar_chart_png
from tongket.reviews.content import ROMAN, Figure, ReviewContent, Run, Table, issue_line
from tongket.reviews.profiles import Profile


def render_docx(content: ReviewContent, profile: Profile, *, issuer: dict[str, str]) -> bytes:
    document = Document()
    _page_setup(document, profile)
    _base_style(document, profile)
    _header_block(document, content, profile, issuer)
    _title(document, content, profile)
    for index, section in enumerate(content.sections):
        _heading(document, f"{ROMAN[index]}. {section.title}", profile)
        for runs in section.paragraphs:
            _body(document, runs, profile)
        for table in section.tables:
            _table(document, table, profile)
        for chart in section.charts:
            document.add_picture(
                io.BytesIO(
                    bar_chart_png(chart.title, chart.categories, chart.values, chart.unit_label)
                ),
                width=Cm(15),
            )
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _signature(document, content, profile, issuer)
    _appendix(document, content, profile)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    page = profile.page
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin, section.bottom_margin = Mm(page["top_mm"]), Mm(page["bottom_mm"])
    section.left_margin, section.right_margin = Mm(page["left_mm"]), Mm(page["right_mm"])
    section.header_distance = Mm(8)
    section.different_first_page_header_footer = True  # no number on the first page
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph, profile.size("page_number"), profile.font)


def _page_field(paragraph: Paragraph, size: int, font: str) -> None:
    run = paragraph.add_run()
    _font(run, font, size)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _base_style(document, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    style = document.styles["Normal"]
    style.font.name = profile.font
    style.font.size = Pt(profile.size("body"))
    style.element.rPr.rFonts.set(qn("w:eastAsia"), profile.font)
    style.paragraph_format.space_after = Pt(0)


def _font(
    run,
    font: str,
    size: int,
    *,
    bold: bool = False,
    italic: bool = False,  # type: ignore[no-untyped-def]
    underline: bool = False,
) -> None:
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold, run.font.italic, run.font.underline = bold, italic, underline
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _line(
    cell: _Cell | None,
    document,
    text: str,
    profile: Profile,
    size_key: str,
    *,  # type: ignore[no-untyped-def]
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    first: bool = False,
) -> Paragraph:
    if cell is not None:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    else:
        paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(
        paragraph.add_run(text),
        profile.font,
        profile.size(size_key),
        bold=bold,
        italic=italic,
        underline=underline,
    )
    return paragraph


def _header_block(
    document, content: ReviewContent, profile: Profile, issuer: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    header = profile["header"]
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    _column_widths(table, [8.0, 8.5])
    parent = issuer["parent"].upper() if header["issuer_parent_upper"] else issuer["parent"]
    _line(left, document, parent, profile, "issuer_parent", first=True)
    _line(left, document, issuer["name"].upper(), profile, "issuer", bold=header["issuer_bold"])
    _line(left, document, "*" if header["issuer_rule"] == "*" else "—————", profile, "issuer")
    number = header["number"].format(
        number=content.review.number or "…", issuer_code=issuer["code"]
    )
    _line(left, document, number, profile, "number")
    _line(
        right,
        document,
        header["motto"],
        profile,
        "motto",
        bold=True,
        underline=header["motto_underline"],
        first=True,
    )
    if header["motto_sub"]:
        _line(right, document, header["motto_sub"], profile, "motto_sub", bold=True, underline=True)
    day = content.review.issue_date
    place = content.review.place or issuer["place"]
    date_line = issue_line(place, day) if day else f"{place}, ngày … tháng … năm …"
    _line(right, document, date_line, profile, "place_date", italic=True)


def _title(document, content: ReviewContent, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    document.add_paragraph()
    _line(None, document, profile["title_word"], profile, "title", bold=True)
    _line(None, document, content.subtitle, profile, "subtitle", bold=True)
    _line(None, document, "-----", profile, "subtitle")


def _heading(document, text: str, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.first_line_indent = Cm(profile["body"]["first_line_indent_cm"])
    _font(paragraph.add_run(text), profile.font, profile.size("heading"), bold=True)


def _body(document, runs: list[Run], profile: Profile) -> None:  # type: ignore[no-untyped-def]
    body = profile["body"]
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if body["justify"] else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.first_line_indent = Cm(body["first_line_indent_cm"])
    paragraph.paragraph_format.line_spacing = body["line_spacing"]
    paragraph.paragraph_format.space_after = Pt(body["space_after_pt"])
    for run in runs:
        text = run.text if isinstance(run, Figure) else run
        _font(
            paragraph.add_run(text),
            profile.font,
            profile.size("body"),
            bold=isinstance(run, Figure),
        )


def _table(document, table: Table, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(6)
    _font(caption.add_run(table.title), profile.font, profile.size("table"), bold=True, italic=True)
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        _cell(cell, text, profile, bold=True, center=True)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, run in zip(cells, row, strict=True):
            _cell(
                cell,
                run.text if isinstance(run, Figure) else str(run),
                profile,
                center=isinstance(run, Figure),
            )
    grid.autofit = False
    _column_widths(grid, _widths(table.header))
    document.add_paragraph()


TEXT_WIDTH_CM = 16.5


def _widths(header: list[str]) -> list[float]:
    """Room for the names, the rest shared by the number columns."""
    fixed = [1.0, 5.5, 2.0] if header[0] == "TT" else [5.5]
    share = (TEXT_WIDTH_CM - sum(fixed)) / max(len(header) - len(fixed), 1)
    return fixed + [share] * (len(header) - len(fixed))


def _column_widths(grid, widths: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Set both the grid and each cell: Word reads the cells, LibreOffice the grid."""
    for column, width in zip(grid._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _cell(
    cell: _Cell, text: str, profile: Profile, *, bold: bool = False, center: bool = False
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    _font(paragraph.add_run(text), profile.font, profile.size("table"), bold=bold)


def _signature(document, content: ReviewContent, profile: Profile, issuer: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    _column_widths(table, [8.0, 8.5])
    label = left.paragraphs[0]
    _font(
        label.add_run(profile["recipients_label"]),
        profile.font,
        profile.size("recipients_label"),
        bold=True,
        underline=profile["recipients_label_underline"],
        italic=profile["recipients_label_italic"],
    )
    for line in profile["recipients"]:
        paragraph = left.add_paragraph()
        _font(
            paragraph.add_run(line.format(parent_name=issuer["parent"])),
            profile.font,
            profile.size("recipients"),
        )
    signature = profile["signature"]
    _line(right, document, signature["on_behalf"], profile, "signature", bold=True, first=True)
    _line(right, document, signature["title"], profile, "signature", bold=True)
    for _ in range(3):
        right.add_paragraph()
    _line(right, document, content.review.signer or "", profile, "signature", bold=True)


def _appendix(document, content: ReviewContent, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _line(None, document, "PHỤ LỤC: NGUỒN CỦA CÁC SỐ LIỆU", profile, "heading", bold=True)
    _line(
        None,
        document,
        f"(kèm theo báo cáo; số liệu tổng hợp từ tongket, {content.window_label.lower()})",
        profile,
        "table",
        italic=True,
    )
    grid = document.add_table(rows=1, cols=5)
    grid.style = "Table Grid"
    for cell, text in zip(
        grid.rows[0].cells,
        ["Số", "Giá trị", "Chỉ tiêu", "Đơn vị (gồm trực thuộc)", "Kỳ; số giá trị gốc"],
        strict=True,
    ):
        _cell(cell, text, profile, bold=True, center=True)
    for figure in content.figures:
        if not figure.cited:
            continue
        cells = grid.add_row().cells
        values = [
            f"[{figure.ref}]",
            figure.text,
            f"{figure.indicator.code} — {figure.indicator.name}",
            f"{figure.unit.code} — {figure.unit.name}",
            f"{figure.span}; {'tính theo công thức ' + figure.indicator.formula if figure.indicator.is_computed else str(figure.sources) + ' giá trị'}",
        ]
        for cell, text in zip(cells, values, strict=True):
            _cell(cell, text, profile)
    _column_widths(grid, [1.2, 2.0, 5.6, 4.7, 3.0])
    notes = [
        note for section in content.sections for table in section.tables for note in table.sources
    ]
    for note in notes:
        paragraph = document.add_paragraph()
        _font(paragraph.add_run(f"- {note}."), profile.font, profile.size("table"))
