"""A small Excel (.xlsx) writer: sheets of text, numbers and links under a bold,
filterable header row.

openpyxl writes the same workbook, but cell by cell through its object model: at
5,000 entries it took longer than all the entry pages together. This writes the
SpreadsheetML parts directly (ECMA-376: inline strings, one hyperlink style), and
the tests read the result with openpyxl, as readers' tools do.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

Cell = str | int | float | None


@dataclass(frozen=True)
class Link:
    """A cell that shows an address and opens it."""

    target: str


@dataclass
class Sheet:
    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell | Link]]
    widths: Sequence[float] = ()

    @property
    def corner(self) -> tuple[str, int]:
        """The column and row of the bottom-right cell of the header and rows: ("T", 97)."""
        return column_letter(len(self.header)), len(self.rows) + 1


# Characters XML 1.0 cannot hold; the validator refuses them already, so this is a
# guard for a file that must open, not a way to lose text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PLAIN, _BOLD, _LINK = 0, 1, 2  # cell styles (cellXfs), as styles.xml lists them
_STYLE_ATTR = {_PLAIN: "", _BOLD: ' s="1"', _LINK: ' s="2"'}


def workbook(sheets: Sequence[Sheet], creator: str, moment: datetime) -> bytes:
    """The .xlsx file; the same sheets and moment give the same bytes."""
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _relationships([
            ("rId1", f"{_REL}/officeDocument", "xl/workbook.xml", False),
            ("rId2", f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml", False)]),
        "docProps/core.xml": _core(creator, moment),
        "xl/workbook.xml": _workbook(sheets),
        "xl/_rels/workbook.xml.rels": _relationships(
            [(f"rId{n}", f"{_REL}/worksheet", f"worksheets/sheet{n}.xml", False)
             for n in range(1, len(sheets) + 1)]
            + [(f"rId{len(sheets) + 1}", f"{_REL}/styles", "styles.xml", False)]),
        "xl/styles.xml": _STYLES,
    }
    for n, sheet in enumerate(sheets, 1):
        xml, links = _worksheet(sheet)
        parts[f"xl/worksheets/sheet{n}.xml"] = xml
        if links:
            parts[f"xl/worksheets/_rels/sheet{n}.xml.rels"] = _relationships(
                [(f"rId{i}", f"{_REL}/hyperlink", target, True) for i, target in enumerate(links, 1)])
    out = io.BytesIO()
    stamp = moment.timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), text.encode("utf-8"),
                             compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _worksheet(sheet: Sheet) -> tuple[str, list[str]]:
    """The sheet's XML and the targets of its links, in the order of their rIds."""
    width = len(sheet.header)
    letters = [column_letter(i) for i in range(1, width + 1)]
    links: list[tuple[str, str]] = []  # (cell reference, target)
    rows = [_row(1, letters, [(_text(name), _BOLD) for name in sheet.header])]
    for number, values in enumerate(sheet.rows, 2):
        cells = []
        for letter, value in zip(letters, values, strict=True):
            if isinstance(value, Link):
                links.append((f"{letter}{number}", value.target))
                cells.append((_text(value.target), _LINK))
            else:
                cells.append((_value(value), _PLAIN))
        rows.append(_row(number, letters, cells))
    last = "".join(map(str, sheet.corner))
    # The header row and the first column (titles) stay while the rest scrolls.
    pane = ('<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>'
            '<selection pane="bottomRight"/>')
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(sheet.widths, 1))
    hyperlinks = "".join(f'<hyperlink ref="{ref}" r:id="rId{i}"/>' for i, (ref, _) in enumerate(links, 1))
    xml = (f'{_DECL}<worksheet {_NS}><dimension ref="A1:{last}"/>'
           f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
           f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
           f'<sheetData>{"".join(rows)}</sheetData><autoFilter ref="A1:{last}"/>'
           f'{f"<hyperlinks>{hyperlinks}</hyperlinks>" if links else ""}</worksheet>')
    return xml, [target for _, target in links]


def _row(number: int, letters: list[str], cells: list[tuple[str, int]]) -> str:
    inner = "".join(f'<c r="{letter}{number}"{_STYLE_ATTR[style]}{content}'
                    for letter, (content, style) in zip(letters, cells, strict=True) if content)
    return f'<row r="{number}">{inner}</row>'


def _value(value: Cell) -> str:
    """A cell's attributes and content after its reference; "" for an empty cell."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _text(str(value))
    return f"><v>{value!r}</v></c>"


def _text(text: str) -> str:
    # An inline string is text whatever it starts with: "=1+2" never becomes a formula.
    return f' t="inlineStr"><is><t xml:space="preserve">{escape(_NOT_XML.sub("", text))}</t></is></c>'


def _relationships(items: Sequence[tuple[str, str, str, bool]]) -> str:
    """(id, type, target, whether the target is outside the file) per relationship."""
    external = ' TargetMode="External"'
    rels = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target={quoteattr(target)}'
                   f'{external if outside else ""}/>' for rid, kind, target, outside in items)
    return f'{_DECL}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'


def _content_types(sheets: int) -> str:
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
                        f'ContentType="{main}.worksheet+xml"/>' for n in range(1, sheets + 1))
    return (f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{main}.styles+xml"/>{overrides}'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')


def _core(creator: str, moment: datetime) -> str:
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:creator>{escape(creator)}</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            '</cp:coreProperties>')


def _workbook(sheets: Sequence[Sheet]) -> str:
    listed = "".join(f'<sheet name={quoteattr(s.name[:31])} sheetId="{n}" r:id="rId{n}"/>'
                     for n, s in enumerate(sheets, 1))
    # Excel keeps each sheet's filter range under this hidden name.
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"{escape(_quoted(s.name[:31]))}!$A$1:${'$'.join(map(str, s.corner))}"
        "</definedName>" for n, s in enumerate(sheets))
    return (f'{_DECL}<workbook {_NS}><bookViews><workbookView/></bookViews>'
            f'<sheets>{listed}</sheets><definedNames>{names}</definedNames></workbook>')


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


_STYLES = (
    f'{_DECL}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font>'
    '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="1" applyFont="1"/></cellXfs>'
    '<cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '<cellStyle name="Hyperlink" xfId="1" builtinId="8"/></cellStyles></styleSheet>')
