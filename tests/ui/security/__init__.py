"""Tests of desktop/ui/security, laid out like the package."""
