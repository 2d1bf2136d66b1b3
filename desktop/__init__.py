"""Zhucun 驻村台账: an offline field ledger for resident village first secretaries."""

__version__ = "0.2.0"
