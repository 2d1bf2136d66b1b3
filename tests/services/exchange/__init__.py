"""Tests of desktop/services/exchange, laid out like the package."""
