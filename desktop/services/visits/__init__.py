"""Visits (走访), their lists and their follow-ups."""
