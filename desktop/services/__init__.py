"""The use-cases the command line and the GUI share. Each is one transaction and returns values."""
