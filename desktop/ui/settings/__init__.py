"""设置: preferences and the township's policy figures."""
