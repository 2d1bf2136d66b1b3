"""农户: the roster page, the household window and its forms."""
