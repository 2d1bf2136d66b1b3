"""各村: a township's villages side by side."""
