"""Independent writer and reader for the workbook reader tests, built on openpyxl (Debian's python3-openpyxl).

  workbook_tool.py dump FILE                  every sheet's cells as JSON, as openpyxl reads them
  workbook_tool.py customers EXPECTED OUT     the encodings corpus' customer list as a typed .xlsx
  workbook_tool.py hostile KIND OUT           a hostile or damaged file: bomb, dtd, truncated, strings,
                                              uncounted, undercounted
"""
import datetime
import json
import sys
import zipfile


def dump(path):
    import openpyxl
    workbook = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or value == "":
                    continue
                if isinstance(value, bool):
                    kind, value = "boolean", int(value)
                elif isinstance(value, (int, float)):
                    kind = "number"
                elif isinstance(value, datetime.datetime):
                    kind, value = "datetime", value.isoformat(sep=" ")
                elif isinstance(value, datetime.date):
                    kind, value = "datetime", value.isoformat() + " 00:00:00"
                elif isinstance(value, datetime.timedelta):  # a duration format such as [h]:mm:ss
                    kind, value = "number", value.total_seconds() / 86400
                elif isinstance(value, datetime.time):
                    kind, value = "time", value.isoformat()
                else:
                    kind, value = "text", str(value)
                cells.append([cell.row, cell.column, kind, value])
        sheets.append({"name": sheet.title, "hidden": sheet.sheet_state != "visible", "cells": cells})
    json.dump(sheets, sys.stdout, ensure_ascii=False)


def customers(expected, out):
    import openpyxl
    rows = json.load(open(expected, encoding="utf-8"))["rows"]
    dates = {"2024/5/16": (2024, 5, 16), "2024-06-01": (2024, 6, 1), "01/07/2024": (2024, 7, 1),
             "2024年7月3日": (2024, 7, 3), "2023-12-31": (2023, 12, 31)}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "客户"
    sheet.append(["客户名单 2024"])  # a title row above the header, as report exports have
    sheet.append(["customer_id", "name", "city", "total_spend", "last_order_date", "zip"])
    for customer_id, name, city, spend, date, zip_code in rows:
        sheet.append([customer_id, name, city, float(spend.replace(",", "")), datetime.datetime(*dates[date]),
                      zip_code or None])
        sheet.cell(sheet.max_row, 4).number_format = "¥#,##0.00"
        sheet.cell(sheet.max_row, 5).number_format = "yyyy/m/d"
        sheet.cell(sheet.max_row, 6).number_format = "@"
    hidden = workbook.create_sheet("notes")
    hidden["A1"] = "not the customer list"
    hidden.sheet_state = "hidden"
    workbook.move_sheet("notes", offset=-1)  # a hidden sheet first: the first visible one must be read
    workbook.save(out)


def write_zip(out, parts):
    """A zip written by hand, for parts too large to compress in a test's time: `parts` maps names to raw
    deflate data with its CRC-32 and uncompressed size."""
    import struct
    with open(out, "wb") as f:
        directory = b""
        for name, (data, crc, size) in parts.items():
            offset = f.tell()
            encoded = name.encode()
            fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
            f.write(b"PK\x03\x04" + fields + encoded)
            f.write(data)
            directory += (b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, offset)
                          + encoded)
        start = f.tell()
        f.write(directory)
        f.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(parts), len(parts), len(directory), start, 0))


def deflated(head, chunk=b"", times=0, tail=b""):
    """Raw deflate data of head + chunk * times + tail without compressing it all: each piece is compressed on
    its own and ends with a full flush (byte-aligned, no reference back), so the pieces can be repeated."""
    import zlib

    def piece(data, mode):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(mode)

    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    data = piece(head, zlib.Z_FULL_FLUSH) + piece(chunk, zlib.Z_FULL_FLUSH) * times + piece(tail, zlib.Z_FINISH)
    return data, crc, len(head) + len(chunk) * times + len(tail)


def many_strings(kind, out, minimal, head, tail):
    """A workbook whose shared-strings part holds millions of one-letter texts: `strings` 50 million declared
    as such (850 MB of XML in a 2 MB file); `uncounted` 4 million (68 MB) without a count; `undercounted` the
    same declaring 10."""
    count, attributes = {"strings": (50_000_000, ' count="50000000" uniqueCount="50000000"'),
                         "uncounted": (4_000_000, ""),
                         "undercounted": (4_000_000, ' count="10" uniqueCount="10"')}[kind]
    rels = minimal["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts = {name: deflated(text.encode()) for name, text in minimal.items()}
    parts["xl/_rels/workbook.xml.rels"] = deflated(rels.encode())
    parts["xl/worksheets/sheet1.xml"] = deflated((head + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + tail).encode())
    item = b"<si><t>a</t></si>"
    per_chunk = 100_000
    parts["xl/sharedStrings.xml"] = deflated(
        ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"%s>' % attributes).encode(),
        item * per_chunk, count // per_chunk, b"</sst>")
    write_zip(out, parts)


def hostile(kind, out):
    minimal = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = '</sheetData></worksheet>'
    if kind in ("strings", "uncounted", "undercounted"):
        many_strings(kind, out, minimal, head, tail)
        return
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in minimal.items():
            z.writestr(name, text)
        if kind == "dtd":
            laughs = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + "".join(
                '<!ENTITY %s "%s">' % (chr(ord("b") + i), ("&%s;" % chr(ord("a") + i)) * 10) for i in range(8)) + "]>"
            z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?>' + laughs + head[len('<?xml version="1.0"?>'):]
                       + '<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>' + tail)
        elif kind == "bomb":
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
                part.write(head.encode())
                chunk = b" " * (1 << 20)
                for _ in range(400):  # 400 MB of whitespace: compresses about a thousandfold
                    part.write(chunk)
                part.write(tail.encode())
        else:
            z.writestr("xl/worksheets/sheet1.xml", head + '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>' + tail)
    if kind == "truncated":
        data = open(out, "rb").read()
        open(out, "wb").write(data[: len(data) // 2])


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "dump":
        dump(sys.argv[2])
    elif command == "customers":
        customers(sys.argv[2], sys.argv[3])
    else:
        hostile(sys.argv[2], sys.argv[3])
