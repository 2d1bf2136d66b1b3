"""Tests of desktop/ui/villages, laid out like the package."""
