"""SQLAlchemy models, sessions, migrations and the change log (the heart of sync)."""
