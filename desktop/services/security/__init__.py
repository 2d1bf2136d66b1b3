"""Encryption at rest and the users who may unlock it."""
