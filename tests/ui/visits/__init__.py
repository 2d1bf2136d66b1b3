"""Tests of desktop/ui/visits, laid out like the package."""
