"""Tests of desktop/ui/shell, laid out like the package."""
