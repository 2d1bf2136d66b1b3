"""Tests of desktop/services/demo, laid out like the package."""
