"""Tests of desktop/ui/printing, laid out like the package."""
