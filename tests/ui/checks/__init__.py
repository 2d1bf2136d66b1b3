"""Tests of desktop/ui/checks, laid out like the package."""
