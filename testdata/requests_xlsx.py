#!/usr/bin/python3
"""Writes testdata/requests.xlsx with openpyxl (Debian: python3-openpyxl),
a real spreadsheet writer, for decline batch's .xlsx reader: shared
strings, a number, booleans, an empty cell between full ones and a second
sheet. Run: /usr/bin/python3 testdata/requests_xlsx.py"""
import os
from openpyxl import Workbook

wb = Workbook()
ws = wb.active
ws.title = "Requests"
ws.append(["ID", "Full Name", "Email", "Relationship", "Request", "Skill", "Done"])
ws.append([101, "Zoë Martín", "zoe@example.com", "social", "Skill endorsement", "Go", False])
# No request: the cell is left out, so the next cell's reference skips it.
ws.append([102, "Bo Park", "bo@example.com", "stranger", None, None, True])
ws.append([103.5, "Cy Diaz", None, "worked briefly", "LinkedIn recommendation", None, False])
later = wb.create_sheet("Later")
later.append(["Name", "Email", "Relationship"])
later.append(["Dee Fox", "dee@example.com", "busy"])
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "requests.xlsx"))
