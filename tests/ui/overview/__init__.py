"""Tests of desktop/ui/overview, laid out like the package."""
