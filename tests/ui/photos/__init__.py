"""Tests of desktop/ui/photos, laid out like the package."""
