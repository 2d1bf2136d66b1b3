"""核查: the checklist page."""
