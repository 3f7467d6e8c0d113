from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from servicepuls.stories.exports import cell_safe

FORMULAS = ["=1+2", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", FORMULAS)
def test_cell_safe_prefixes_formula_starts(value):
    assert cell_safe(value) == "'" + value


def test_cell_safe_keeps_ordinary_values():
    assert cell_safe("Bygglov tog tid") == "Bygglov tog tid"
    assert cell_safe(3) == 3


def test_csv_export_is_redacted_tagged_and_formula_safe(client, staff_user, make_story, pii_story):
    make_story(raw_text='=HYPERLINK("http://evil.example","klicka") tog lång tid att få svar')
    client.force_login(staff_user)

    response = client.get(reverse("stories:export_csv"))

    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert response["Content-Disposition"].startswith("attachment;")
    assert rows[0][0] == "Referensnummer"
    assert len(rows) == 3
    assert "19800101-1234" not in text
    assert "anna.berg@example.se" not in text
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


def test_xlsx_export_has_no_formula_cells(client, staff_user, make_story):
    make_story(raw_text="=cmd|' /C calc'!A0 och sedan en lång text om bygglov")
    client.force_login(staff_user)

    response = client.get(reverse("stories:export_xlsx"))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert sheet.max_row == 2
    assert all(cell.data_type != "f" for cell in cells)
    assert any(str(cell.value).startswith("'=cmd") for cell in cells)


def test_export_respects_filters_and_organisation(client, staff_user, make_story, municipality_b):
    make_story(channel="phone", raw_text="Telefonberättelse om livsmedelskontrollen i kommunen.")
    make_story(raw_text="Webbberättelse om bygglov och väntetider i kommunen.")
    make_story(organisation=municipality_b, raw_text="Nynäshamns berättelse om bygglov.")
    client.force_login(staff_user)

    text = client.get(reverse("stories:export_csv") + "?channel=phone").content.decode("utf-8-sig")

    assert "Telefonberättelse" in text
    assert "Webbberättelse" not in text
    assert "Nynäshamns" not in text
