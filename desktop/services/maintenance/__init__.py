"""Looking after a data folder: backup and restore, check, dump, crash reports."""
