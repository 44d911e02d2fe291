# Reads the workbook `regenpath export records --format xlsx` writes with an independent
# reader, openpyxl (Debian's python3-openpyxl, run by /usr/bin/python3), and prints what it
# found as JSON for tests/cli/export_records_cli_test.cpp:
#   /usr/bin/python3 records_xlsx.py records.xlsx
# {"sheets": [names in order], "rows": {sheet: data rows}, "headers": {sheet: [...]},
#  "dictionary": ["table.column", ...], "name_fa": {patient_id: name},
#  "types": {sheet: {column: [python type names seen]}}, "first": {sheet: {column: value}}}
import datetime
import json
import sys

import openpyxl


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    return value


def main(path):
    book = openpyxl.load_workbook(path, read_only=True)
    out = {"sheets": book.sheetnames, "rows": {}, "headers": {}, "types": {}, "first": {}, "name_fa": {}}
    for name in book.sheetnames:
        rows = book[name].iter_rows(values_only=True)
        header = [c for c in next(rows)]
        out["headers"][name] = header
        types = {h: set() for h in header}
        count = 0
        for row in rows:
            count += 1
            cells = dict(zip(header, row))
            for h, v in cells.items():
                if v is not None:
                    types[h].add(type(v).__name__)
            if count == 1:
                out["first"][name] = {h: plain(v) for h, v in cells.items()}
            if name == "patients":
                out["name_fa"][str(int(cells["patient_id"]))] = cells["name_fa"]
            if name == "dictionary":
                out.setdefault("dictionary", []).append(cells["table"] + "." + cells["column"])
        out["rows"][name] = count
        out["types"][name] = {h: sorted(t) for h, t in types.items()}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
