"""PDF through LibreOffice, rendered to PNG and checked; XLSX tables parsed back."""

import io
import subprocess
from pathlib import Path

from openpyxl import load_workbook
from PIL import Image

from tongket.reviews.generation import render

DPI = 50
MM = DPI / 25.4


def _pages(pdf: bytes, folder: Path) -> list[Image.Image]:
    source = folder / "review.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", str(source), str(folder / "page")],
        check=True,
        timeout=120,
    )
    pages = []
    for path in sorted(folder.glob("page-*.png")):
        with Image.open(path) as image:
            pages.append(image.copy())
    return pages


def _ink_in(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    low, _high = image.convert("L").crop(box).getextrema()
    return int(low) < 128  # type: ignore[call-overload]  # any dark pixel


def test_pdf_pages_keep_inside_the_margins(review_of, tmp_path):
    pdf = render(review_of("party"), "pdf")
    pages = _pages(pdf, tmp_path)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "review.pdf")], capture_output=True, text=True, check=True
    )
    count = int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )
    assert count == len(pages) >= 2
    for page in pages:
        width, height = page.size
        assert abs(width - 210 * MM) < 3 and abs(height - 297 * MM) < 3  # A4
        left, right = int((30 - 2) * MM), int(width - (15 - 2) * MM)
        assert not _ink_in(page, (0, 0, left, height)), "ink in the left margin"
        assert not _ink_in(page, (right, 0, width, height)), "ink in the right margin"
        assert not _ink_in(page, (0, int(height - (20 - 3) * MM), width, height)), (
            "ink in the bottom margin"
        )


def test_pdf_first_page_has_no_number_and_later_pages_do(review_of, tmp_path):
    pages = _pages(render(review_of("state"), "pdf"), tmp_path)
    width = pages[0].size[0]
    band = (int(width * 0.4), 0, int(width * 0.6), int(18 * MM))
    assert not _ink_in(pages[0], band)
    assert _ink_in(pages[1], band)


def test_xlsx_puts_each_table_on_its_own_sheet_with_numbers(review_of):
    workbook = load_workbook(io.BytesIO(render(review_of("party"), "xlsx")))
    assert (
        workbook.sheetnames[:2] == ["Bảng 1", "Bảng 2"]
        and workbook.sheetnames[-1] == "Nguồn số liệu"
    )
    summary = workbook["Bảng 1"]
    row = next(
        r
        for r in summary.iter_rows(values_only=True)
        if r[1] == "Số lớp tập huấn, bồi dưỡng nghiệp vụ"
    )
    assert row[3] == 5 and isinstance(row[3], int)
