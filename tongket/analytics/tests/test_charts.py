import subprocess
import sys
from decimal import Decimal

import pytest
from defusedxml import ElementTree
from hypothesis import given
from hypothesis import strategies as st

from tongket.analytics.charts import ChartSpec, Series, format_number, nice_ticks, render_svg

SVG = "{http://www.w3.org/2000/svg}"
WARDS = ("Đảng ủy phường Hạ Đình", "Đảng ủy phường Khương Mai", "Chi bộ Tổ dân phố số 1")


def _bar() -> ChartSpec:
    return ChartSpec(
        kind="bar",
        title="Số lớp tập huấn 2019–2023",
        categories=WARDS,
        series=(Series("Giai đoạn 2019–2023", (Decimal(5), Decimal("12.5"), None)),),
        unit_label="lớp",
    )


def _line() -> ChartSpec:
    return ChartSpec(
        kind="line",
        title="Diễn biến theo kỳ",
        categories=("Năm 2019", "Năm 2020", "Năm 2021"),
        series=(Series("Quận ủy Thanh Xuân", (8, None, 4)), Series("Khác", (1, 2, -3))),
    )


def _texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("spec", [_bar(), _line()], ids=["bar", "line"])
def test_a_chart_is_an_image_named_by_its_title_and_described_by_its_data(spec):
    root = ElementTree.fromstring(render_svg(spec, ident="c1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == spec.title
    assert spec.categories[0] in root.find(f"{SVG}desc").text


@pytest.mark.parametrize("spec", [_bar(), _line()], ids=["bar", "line"])
def test_a_chart_has_no_script_and_no_inline_style(spec):
    svg = render_svg(spec)
    assert "<script" not in svg and "style=" not in svg and "@import" not in svg


def test_bars_are_labelled_with_their_category_and_value_in_vietnamese():
    texts = _texts(render_svg(_bar()))
    assert "Đảng ủy phường Khương Mai" in texts
    assert "12,5" in texts and "–" in texts


def test_a_long_category_is_cut_with_its_full_name_kept_as_a_tooltip():
    name = "Đảng bộ Khối các cơ quan, doanh nghiệp và đơn vị sự nghiệp quận Thanh Xuân"
    spec = ChartSpec("bar", "T", (name, "Chi bộ 1"), (Series("S", (1, 2)),))
    texts = _texts(render_svg(spec, width=400))
    assert any(text.startswith(name) and text.endswith("…") for text in texts)


def test_a_line_breaks_where_a_period_has_no_value():
    root = ElementTree.fromstring(render_svg(_line()))
    assert len(root.findall(f"{SVG}polyline")) == 1  # the first series has no 2-point run
    assert len(root.findall(f"{SVG}circle")) == 5


def test_a_text_with_markup_is_escaped():
    spec = ChartSpec("bar", "<b>&</b>", ("<script>",), (Series("x", (1,)),))
    assert "<script>" not in render_svg(spec)
    assert ElementTree.fromstring(render_svg(spec)).find(f"{SVG}title").text == "<b>&</b>"


def test_a_series_must_have_a_value_per_category():
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        ChartSpec("bar", "T", WARDS, (Series("S", (1, 2)),))


def test_only_bars_and_lines_are_drawn():
    with pytest.raises(ValueError, match="Unknown chart kind"):
        ChartSpec("pie", "T", (), ())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (Decimal("27066"), "vi", "27.066"),
        (Decimal("75.3000"), "vi", "75,3"),
        (Decimal("75300000"), "en", "75,300,000"),
        (Decimal("-1234.5"), "vi", "-1.234,5"),
        (Decimal("100.0000"), "vi", "100"),
        (0.1, "vi", "0,1"),
        (None, "vi", "–"),
    ],
)
def test_numbers_are_written_as_people_write_them(value, lang, text):
    assert format_number(value, lang) == text


# Figures as stored: at most 4 decimals, below 10¹⁵ (tongket.reporting.values).
figures = st.decimals(min_value=-(10**12), max_value=10**12, places=4).map(float)


@given(low=figures, high=figures)
def test_axis_ticks_cover_the_values_and_zero_in_a_few_round_steps(low, high):
    low, high = min(low, high), max(low, high)
    ticks = nice_ticks(low, high)
    assert ticks[0] <= min(low, 0) and ticks[-1] >= max(high, 0)
    assert 0 in ticks and 2 <= len(ticks) <= 12
    assert ticks == sorted(ticks)


def test_the_chart_module_does_not_need_django():
    code = (
        "import sys; import tongket.analytics.charts; "
        "sys.exit('django' in {name.split('.')[0] for name in sys.modules})"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
