#!/usr/bin/python3
"""Independent reader for the export tests: prints what Excel-like readers see, as JSON.

readback.py xlsx FILE            -> {"sheets": [{"name", "freeze", "filter", "widths", "rows": [[cell...]]}]}
readback.py csv FILE ENCODING D  -> {"bom": bool, "rows": [[text...]]}   (ENCODING: utf-8-sig, utf-8, gb18030)
readback.py styles FILE          -> {"formats": [formatCode...]}   (the custom number formats of xl/styles.xml)

An XLSX cell is [type, value, number_format]: type is the Python type openpyxl returns (str, int, float,
bool, datetime, none), or "formula" when the cell holds a formula.
"""
import csv
import datetime
import json
import re
import sys


def unescape(text):
    """OOXML writes characters XML cannot hold (CR, control characters) as _xHHHH_; Excel shows the character."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), text)


def xlsx(path):
    import openpyxl
    book = openpyxl.load_workbook(path)  # formulas stay formulas (data_type "f")
    sheets = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = cell.value
                if cell.data_type == "f":
                    cells.append(["formula", str(value), cell.number_format])
                elif value is None:
                    cells.append(["none", None, cell.number_format])
                elif isinstance(value, bool):
                    cells.append(["bool", value, cell.number_format])
                elif isinstance(value, datetime.datetime):
                    cells.append(["datetime", value.isoformat(), cell.number_format])
                elif isinstance(value, str):
                    cells.append(["str", unescape(value), cell.number_format])
                else:
                    cells.append([type(value).__name__, value, cell.number_format])
            rows.append(cells)
        widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
        sheets.append({"name": sheet.title, "freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
                       "widths": widths, "rows": rows})
    return {"sheets": sheets}


def styles(path):
    """The formatCode of every <numFmt> in the workbook's styles.xml, read with zipfile and ElementTree only."""
    import xml.etree.ElementTree as ElementTree
    import zipfile
    with zipfile.ZipFile(path) as book:
        root = ElementTree.fromstring(book.read("xl/styles.xml"))
    namespace = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    return {"formats": [fmt.get("formatCode") for fmt in root.iter(namespace + "numFmt")]}


def csv_file(path, encoding, delimiter):
    with open(path, "rb") as raw:
        bom = raw.read(3) == b"\xef\xbb\xbf"
    with open(path, encoding=encoding, newline="") as stream:
        rows = list(csv.reader(stream, delimiter=delimiter))
    return {"bom": bom, "rows": rows}


if __name__ == "__main__":
    if sys.argv[1] == "xlsx":
        result = xlsx(sys.argv[2])
    elif sys.argv[1] == "styles":
        result = styles(sys.argv[2])
    else:
        result = csv_file(sys.argv[2], sys.argv[3], sys.argv[4])
    json.dump(result, sys.stdout, ensure_ascii=False)
