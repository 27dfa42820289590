"""The same figure from the API, the pivot page's XLSX export and the roll-up."""

import io

from django.test import Client
from openpyxl import load_workbook

from tongket.api.models import ApiToken
from tongket.reporting.actions import save_value


def test_api_and_xlsx_export_give_the_same_figures(people, tree, indicator, programme):
    for unit, user, number in [
        (tree.ward, people.ward, "12"),
        (tree.district, people.district, "3"),
    ]:
        save_value(
            by=user, unit=unit, indicator=indicator("TT_TINBAI"), period="2023Q4", raw=number
        )
    client = Client()
    client.force_login(people.district)
    export = client.get(
        "/analytics/export.xlsx",
        {"indicator": "TT_TINBAI", "period": "2023Q4", "unit": "HN-THANHXUAN"},
    )
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    by_name = {row[0]: row for row in rows if row and isinstance(row[0], str)}
    ward_row = next(row for name, row in by_name.items() if "Khương Mai" in name)
    total_row = next(row for name, row in by_name.items() if name.startswith("Toàn"))
    headers = {"Authorization": f"Bearer {ApiToken.issue(people.district)}"}

    def api(unit: str) -> object:
        return (
            Client()
            .get(
                "/api/v1/analytics",
                {"indicator": "TT_TINBAI", "period": "2023Q4", "orgUnit": unit},
                headers=headers,
            )
            .json()["value"]
        )

    assert api("HN-THANHXUAN") == 15 and 15 in total_row
    assert api("HN-THANHXUAN-KHUONGMAI") == 12 and 12 in ward_row
