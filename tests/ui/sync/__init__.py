"""Tests of desktop/ui/sync, laid out like the package."""
