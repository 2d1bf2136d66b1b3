"""Tests of desktop/ui/xlsx_import, laid out like the package."""
