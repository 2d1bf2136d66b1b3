"""Spreadsheets in and out with openpyxl: tolerant roster reading, header matching, problem copies and
formatted exports. No services here: the use-cases live in ``desktop/services/xlsx_*.py``."""
