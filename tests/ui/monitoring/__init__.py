"""Tests of desktop/ui/monitoring, laid out like the package."""
