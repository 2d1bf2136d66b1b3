"""The village (or a township's villages): profile, one-line facts and the overviews."""
