"""Printed ledgers as PDF (reportlab): 一户一档, the roster 台账, 明白卡 and public notices 公示.

Renderers take plain dataclasses (``desktop.reports.data``) and never query the store; the services
gather the data. Every PDF embeds a subset of the shipped CJK font, so it prints the same anywhere.
"""
