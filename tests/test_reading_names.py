"""Workbook-level defined names by a byte scan of workbook.xml: the same names an XML parser finds."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from xl_careplan.reading import _names_from_workbook_xml, parse_name_ref

ROOT = Path(__file__).resolve().parents[1]
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def by_parser(xml: bytes) -> dict:
    """The reference: ElementTree over the whole part (what the reader did before)."""
    out = {}
    dn = ET.fromstring(xml).find(f"{NS}definedNames")
    for el in (dn.findall(f"{NS}definedName") if dn is not None else []):
        name = el.get("name") or ""
        if name and not name.startswith("_xlnm.") and el.get("localSheetId") is None:
            ref = parse_name_ref(el.text or "")
            if ref is not None:
                out[name] = ref
    return out


BOOKS = sorted((ROOT / "samples").rglob("*.xlsx")) + [ROOT / "templates" / "居宅サービス計画書.xlsx"]


@pytest.mark.parametrize("path", BOOKS, ids=lambda p: p.name)
def test_scan_finds_what_the_parser_finds(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml")
    assert _names_from_workbook_xml(xml) == by_parser(xml)


def test_template_names_are_found():
    with zipfile.ZipFile(ROOT / "templates" / "居宅サービス計画書.xlsx") as z:
        assert len(_names_from_workbook_xml(z.read("xl/workbook.xml"))) > 10


WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<{p}workbook xmlns{c}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><{p}definedNames>'
    '<{p}definedName name="cp_user" hidden="0">\'第1表\'!$B$4</{p}definedName>'
    "<{p}definedName name='cp_quote'>'O''Brien &amp; 山田'!$C$2:$D$3</{p}definedName>"
    '<{p}definedName name="local" localSheetId="0">第1表!$A$1</{p}definedName>'
    '<{p}definedName name="_xlnm.Print_Area">第1表!$A$1:$L$20</{p}definedName>'
    '<{p}definedName name="formula">SUM(第1表!$A$1:$A$3)</{p}definedName>'
    '<{p}definedName name="broken">#REF!</{p}definedName>'
    '<{p}definedName name="empty"/>'
    '<{p}definedName name="cp_&#x6C0F;&#21517;">第1表!$B$5</{p}definedName>'
    '</{p}definedNames></{p}workbook>'
)


@pytest.mark.parametrize("prefix", ["", "x"])
def test_scan_handles_prefixes_entities_and_what_it_must_skip(prefix):
    xml = WORKBOOK.format(p=f"{prefix}:" if prefix else "", c=f":{prefix}" if prefix else "").encode("utf-8")
    expected = {"cp_user": ("第1表", 4, 2), "cp_quote": ("O'Brien & 山田", 2, 3), "cp_氏名": ("第1表", 5, 2)}
    assert _names_from_workbook_xml(xml) == expected == by_parser(xml)
