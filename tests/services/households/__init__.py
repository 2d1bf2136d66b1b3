"""Tests of desktop/services/households, laid out like the package."""
