"""Spreadsheets in and out: ``xlsx import`` and ``xlsx export``."""
