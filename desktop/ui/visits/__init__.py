"""走访: visits and the follow-ups still open."""
