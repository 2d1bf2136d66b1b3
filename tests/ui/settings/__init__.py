"""Tests of desktop/ui/settings, laid out like the package."""
