"""The review's tables as a workbook, each on its own sheet, numbers as numbers."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tongket.lib.tables import neutralise
from tongket.reviews.content import Figure, ReviewContent


def render_xlsx(content: ReviewContent) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    tables = [table for section in content.sections for table in section.tables]
    for index, table in enumerate(tables, start=1):
        sheet = workbook.create_sheet(f"Bảng {index}")
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([_cell(run) for run in row])
        for column in sheet.columns:
            width = (
                max(len(str(c.value or "")) for c in list(column)[1:])
                if len(list(column)) > 1
                else 10
            )
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    sources = workbook.create_sheet("Nguồn số liệu")
    sources.append(["Số", "Giá trị", "Chỉ tiêu", "Đơn vị", "Kỳ", "Số giá trị gốc"])
    for figure in content.figures:
        sources.append(
            [
                figure.ref,
                _cell(figure),
                figure.indicator.code,
                figure.unit.code,
                figure.span,
                figure.sources,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(run: object) -> object:
    if isinstance(run, Figure):
        if run.value is None:
            return None
        return int(run.value) if run.value == run.value.to_integral_value() else float(run.value)
    return neutralise(run)
