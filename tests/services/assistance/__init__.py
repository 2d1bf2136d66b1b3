"""Tests of desktop/services/assistance, laid out like the package."""
