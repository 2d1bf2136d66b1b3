"""Signed, encrypted sync bundles between devices (see docs/bundle-format.md)."""
