"""Widgets and models several pages reuse: tables, charts, the household picker."""
