"""Tests of desktop/services/checklist, laid out like the package."""
