"""Households and their members: list, search, add, edit, events, incomes, history."""
