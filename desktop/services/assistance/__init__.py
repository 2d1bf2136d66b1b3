"""Assistance measures (帮扶措施) and the helpers responsible for a household."""
