"""Hand-made OpenDocument spreadsheets for the ODS reader tests, written with the standard library only.

  ods_tool.py KIND OUT

KIND is one of:
  features     three sheets (the first hidden) whose cells cover every value type, repeats, covered cells and
               the text markup; the values are listed next to each cell below and asserted by tst_odsreader
  nomimetype   the same without its mimetype entry (some writers leave it out)
  trailing     two rows of data, then a million empty rows of 16384 empty cells, written 50 times over
  orders       a small order list (title row, header, dates, money) for the importer
  bomb         one row of 100 cells repeated a million times: 100 million cells from 300 bytes
  tallrow      a non-empty row repeated past the last row a sheet has
  widecell     a non-empty cell after 20000 empty columns
  spaces       a cell asking for a billion spaces through text:s
  encrypted    a manifest with encryption data, as LibreOffice writes for a password-protected file
  malformed    content.xml that breaks off in the middle of a cell
  dtd          content.xml with a DTD and nested entities (a billion laughs)
  nocontent    a manifest and mimetype but no content.xml
  truncated    the features file cut in half
  text         an OpenDocument text document (.odt)
"""
import sys
import zipfile

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
      # Unusual prefixes on purpose: only the namespaces count.
      'xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')

STYLES = ('<office:automatic-styles>'
          '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
          '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
          '<style:style style:name="ce1" style:family="table-cell"/>'
          '</office:automatic-styles>')

SPREADSHEET = 'application/vnd.oasis.opendocument.spreadsheet'


def manifest(media_type=SPREADSHEET, encrypted=False):
    encryption = ('<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
                  '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
                  '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
                  'manifest:salt="AAAA"/></manifest:encryption-data>') if encrypted else ''
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">%s</manifest:file-entry>'
            '</manifest:manifest>' % (media_type, encryption))


def content(tables, styles=STYLES):
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s office:version="1.2">%s'
            '<office:body><office:spreadsheet><table:calculation-settings/>%s<table:named-expressions/>'
            '</office:spreadsheet></office:body></office:document-content>' % (NS, styles, tables))


def table(name, rows, style=None):
    style_attribute = ' table:style-name="%s"' % style if style else ''
    return ('<table:table table:name="%s"%s><table:table-column table:number-columns-repeated="16384"/>%s</table:table>'
            % (name, style_attribute, rows))


def row(cells, repeat=1):
    return '<table:table-row%s>%s</table:table-row>' % (
        ' table:number-rows-repeated="%d"' % repeat if repeat > 1 else '', cells)


def cell(text=None, repeat=1, attributes='', element='table:table-cell'):
    repeat_attribute = ' table:number-columns-repeated="%d"' % repeat if repeat > 1 else ''
    if text is None:
        return '<%s%s%s/>' % (element, repeat_attribute, attributes)
    return '<%s%s%s>%s</%s>' % (element, repeat_attribute, attributes, text, element)


def string(value, repeat=1):
    return cell('<text:p>%s</text:p>' % value, repeat, ' office:value-type="string"')


EMPTY_TAIL = row(cell(repeat=16384), repeat=1048000)


def features():
    # Sheet "Data", visible. The comments give what the reader must return, as row/column (1-based): kind value.
    header = row(
        string('Name')                                                                       # 1/1 text Name
        + cell('<text:p>12.5</text:p>', 1, ' office:value-type="float" office:value="12.5"')  # 1/2 number 12.5
        + cell('<text:p>25%</text:p>', 1, ' office:value-type="percentage" office:value="0.25"')  # 1/3 number 0.25
        + cell('<text:p>¥1,234.50</text:p>', 1,
               ' office:value-type="currency" office:currency="CNY" office:value="1234.5"')  # 1/4 number 1234.5
        + cell('<text:p>TRUE</text:p>', 1, ' office:value-type="boolean" office:boolean-value="true"')  # 1/5 boolean 1
        + cell('<text:p>FALSE</text:p>', 1, ' office:value-type="boolean" office:boolean-value="false"')  # 1/6 boolean 0
        + cell('<text:p>07/03/24</text:p>', 1, ' office:value-type="date" office:date-value="2024-07-03"')  # 1/7 date 45476
        + cell('<text:p>07/03/24 09:41</text:p>', 1,
               ' office:value-type="date" office:date-value="2024-07-03T09:41:30"')  # 1/8 datetime 45476 + 34890 s
        + cell('<text:p>12:30</text:p>', 1, ' office:value-type="time" office:time-value="PT12H30M00S"')  # 1/9 time 0.5208333
        + cell('<text:p>36:00</text:p>', 1, ' office:value-type="time" office:time-value="PT36H00M00S"')  # 1/10 number 1.5
        + cell('<text:p>#DIV/0!</text:p>', 1, ' table:formula="of:=1/0" office:value-type="float" office:value="0" '
               'calcext:value-type="error"')                                                # 1/11 error #DIV/0!
        + cell('<text:p>#N/A</text:p>', 1, ' table:formula="of:=NA()" office:value-type="string" '
               'office:string-value=""')                                                    # 1/12 error #N/A
        + cell('<text:p>25</text:p>', 1, ' table:formula="of:=[.B1]*2" office:value-type="float" office:value="25"')  # 1/13 number 25
        + cell('<text:p>n/a</text:p>', 1, ' office:value-type="float"')                      # 1/14 text n/a (no value)
        + cell('<text:p>shown</text:p>', 1, ' office:value-type="string" office:string-value="stored"')  # 1/15 text stored
        + cell('<text:p>untyped</text:p>')                                                   # 1/16 text untyped
        + cell(repeat=16368))
    markup = row(
        cell('<text:p>  two <text:s text:c="2"/>and\n   one <text:s/></text:p>', 1,
             ' office:value-type="string"')                                                # 2/1 text "two   and one  "
        + cell('<text:p>a<text:tab/>b<text:line-break/>c</text:p><text:p>second <text:span text:style-name="T1">'
               'span<text:a xlink:href="https://example.com">link</text:a></text:span></text:p>', 1,
               ' office:value-type="string"')                                                # 2/2 text "a\tb\nc\nsecond spanlink"
        + cell('<office:annotation><dc:creator>me</dc:creator><text:p>a comment</text:p></office:annotation>'
               '<text:p>with comment</text:p>', 1, ' office:value-type="string"')           # 2/3 text "with comment"
        + cell('<draw:frame draw:name="f"><draw:text-box><text:p>in a box</text:p></draw:text-box></draw:frame>'
               '<text:p>with drawing</text:p>', 1, ' office:value-type="string"')           # 2/4 text "with drawing"
        + cell('<text:p>中文 &amp; &lt;tags&gt;</text:p>', 1, ' office:value-type="string"')  # 2/5 text "中文 & <tags>"
        + cell('<text:p><text:s/></text:p>', 1, ' office:value-type="string"')               # 2/6 text " "
        + cell('<text:p></text:p>', 1, ' office:value-type="string"')                        # 2/7 empty
        + cell(repeat=16377))
    repeated = row(                                                         # rows 8, 9, 10: the same cells
        string('r')                                                         # n/1 text r
        + cell(repeat=2)
        + string('x', repeat=3)                                             # n/4, n/5, n/6 text x
        + cell(repeat=16378), repeat=3)
    covered = row(
        cell('<text:p>merged</text:p>', 1, ' office:value-type="string" table:number-columns-spanned="3" '
             'table:number-rows-spanned="1"')                               # 11/1 text merged
        + cell(repeat=1, element='table:covered-table-cell')                # 11/2 empty
        + cell('<text:p>kept</text:p>', 1, ' office:value-type="string"', element='table:covered-table-cell')  # 11/3 text kept
        + cell('<text:p>7</text:p>', 2, ' office:value-type="float" office:value="7"',
               element='table:covered-table-cell')                          # 11/4, 11/5 number 7
        + cell(repeat=16379))
    far = row(cell(repeat=16000) + string('far') + cell(repeat=383))       # 12/16001 text far
    data = ('<table:table-header-rows>' + header + '</table:table-header-rows>'
            + '<table:table-row-group>' + markup + row(cell(repeat=16384), repeat=5) + '</table:table-row-group>'
            + repeated + covered + far + EMPTY_TAIL)
    hidden = row(string('secret') + cell(repeat=16383)) + EMPTY_TAIL
    third = row(cell(repeat=16384)) + row(cell(repeat=1) + string('3rd') + cell(repeat=16382))  # 2/2 text 3rd
    # The third sheet uses another prefix for the table namespace: only the namespace counts.
    third_table = '<t:table t:name="Third"><t:table-column t:number-columns-repeated="16384"/>%s</t:table>' % third
    return content(table('Hidden notes', hidden, 'ta2') + table('Data', data, 'ta1') + third_table)


def orders():
    def date(iso, shown):
        return cell('<text:p>%s</text:p>' % shown, 1, ' office:value-type="date" office:date-value="%s"' % iso)

    def money(value):
        return cell('<text:p>¥%.2f</text:p>' % value, 1,
                    ' office:value-type="currency" office:currency="CNY" office:value="%s"' % repr(value))

    def number(value):
        return cell('<text:p>%d</text:p>' % value, 1, ' office:value-type="float" office:value="%d"' % value)

    rows = (row(string('订单明细 2024') + cell(repeat=16383))
            + row(cell(repeat=16384))
            + row(string('order_id') + string('customer_id') + string('order_date') + string('amount')
                  + string('quantity') + string('status') + cell(repeat=16378))
            + row(string('SO-1') + string('C001') + date('2024-05-16T09:30:00', '2024-05-16 09:30') + money(128.5)
                  + number(1) + string('paid') + cell(repeat=16378))
            + row(string('SO-2') + string('C002') + date('2024-06-01', '2024-06-01') + money(1280.0)
                  + number(2) + string('paid') + cell(repeat=16378))
            + row(cell(repeat=16384), repeat=3)
            + row(string('SO-3') + string('C001') + date('2024-07-03', '2024-07-03') + money(59.0)
                  + number(1) + cell('<text:p>re<text:span>funded</text:span></text:p>', 1, ' office:value-type="string"')
                  + cell(repeat=16378))
            + EMPTY_TAIL)
    return content(table('Orders', rows, 'ta1'))


def write(out, parts, mimetype=SPREADSHEET, with_manifest=True, media_type=SPREADSHEET, encrypted=False):
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        if mimetype:
            z.writestr(zipfile.ZipInfo('mimetype'), mimetype)  # stored, first, as the standard asks
        if with_manifest:
            z.writestr('META-INF/manifest.xml', manifest(media_type, encrypted))
        for name, text in parts.items():
            z.writestr(name, text)


def main(kind, out):
    simple = content(table('S', row(string('x') + cell(repeat=16383)), 'ta1'))
    if kind == 'features':
        write(out, {'content.xml': features()})
    elif kind == 'nomimetype':
        write(out, {'content.xml': features()}, mimetype=None)
    elif kind == 'trailing':
        data = row(string('a') + string('b') + cell(repeat=16382)) + row(cell(repeat=16384)) \
            + row(cell(repeat=3) + string('c') + cell(repeat=16380))
        write(out, {'content.xml': content(table('S', data + row(cell(repeat=16384), 1048576) * 50, 'ta1'))})
    elif kind == 'orders':
        write(out, {'content.xml': orders()})
    elif kind == 'bomb':
        write(out, {'content.xml': content(table('S', row(string('X', repeat=100), repeat=1000000), 'ta1'))})
    elif kind == 'tallrow':
        write(out, {'content.xml': content(table('S', row(string('X'), repeat=20000000), 'ta1'))})
    elif kind == 'widecell':
        write(out, {'content.xml': content(table('S', row(cell(repeat=20000) + string('X')), 'ta1'))})
    elif kind == 'spaces':
        write(out, {'content.xml': content(table('S', row(
            cell('<text:p>a' + '<text:s text:c="999999999"/>' * 2000 + '</text:p>', 1, ' office:value-type="string"')),
            'ta1'))})
    elif kind == 'encrypted':
        write(out, {'content.xml': b'\x8f\x02binary, as encrypted parts are'}, encrypted=True)
    elif kind == 'malformed':
        write(out, {'content.xml': simple[:simple.index('<text:p>x') + 9]})
    elif kind == 'dtd':
        laughs = '<!DOCTYPE office:document-content [<!ENTITY a "aaaaaaaaaa">' + ''.join(
            '<!ENTITY %s "%s">' % (chr(ord('b') + i), ('&%s;' % chr(ord('a') + i)) * 10) for i in range(8)) + ']>'
        write(out, {'content.xml': simple.replace('?>', '?>' + laughs, 1).replace('<text:p>x', '<text:p>&i;')})
    elif kind == 'nocontent':
        write(out, {'styles.xml': '<?xml version="1.0"?><office:document-styles %s/>' % NS})
    elif kind == 'truncated':
        write(out, {'content.xml': features()})
        data = open(out, 'rb').read()
        open(out, 'wb').write(data[:len(data) // 2])
    elif kind == 'text':
        write(out, {'content.xml': simple}, mimetype='application/vnd.oasis.opendocument.text',
              media_type='application/vnd.oasis.opendocument.text')
    else:
        sys.exit('unknown kind: ' + kind)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
