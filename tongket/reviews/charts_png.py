"""Bar charts as PNG for documents, drawn with Pillow and the document's font."""

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
]
BAR = (164, 22, 26)
INK = (29, 36, 51)
GRID = (220, 223, 228)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def bar_chart_png(
    title: str,
    categories: list[str],
    values: list[float | None],
    unit_label: str,
    *,
    width: int = 1600,
    height: int = 800,
) -> bytes:
    """A labelled bar chart; missing values leave a gap marked with a dash."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, label_font = _font(44), _font(34)
    draw.text((width // 2, 20), title, font=title_font, fill=INK, anchor="ma")
    left, right, top, bottom = 140, width - 60, 120, height - 110
    top_value = max([v for v in values if v is not None] or [1]) or 1
    for step in range(5):
        y = bottom - (bottom - top) * step / 4
        draw.line([(left, y), (right, y)], fill=GRID, width=2)
        draw.text(
            (left - 15, y), _short(top_value * step / 4), font=label_font, fill=INK, anchor="rm"
        )
    slot = (right - left) / max(len(categories), 1)
    for index, (category, value) in enumerate(zip(categories, values, strict=True)):
        x0, x1 = left + slot * index + slot * 0.2, left + slot * (index + 1) - slot * 0.2
        center = (x0 + x1) / 2
        if value is None:
            draw.text((center, bottom - 10), "—", font=label_font, fill=INK, anchor="mb")
        else:
            y = bottom - (bottom - top) * value / top_value
            draw.rectangle([x0, y, x1, bottom], fill=BAR)
            draw.text((center, y - 8), _short(value), font=label_font, fill=INK, anchor="mb")
        draw.text((center, bottom + 15), category, font=label_font, fill=INK, anchor="ma")
    draw.line([(left, bottom), (right, bottom)], fill=INK, width=3)
    if unit_label:
        draw.text((left, top - 30), f"Đơn vị: {unit_label}", font=label_font, fill=INK, anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _short(value: float) -> str:
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
