"""Tests of desktop/ui/households, laid out like the package."""
