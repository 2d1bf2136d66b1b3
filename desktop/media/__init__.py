"""Photos: ingest, content-addressed storage, thumbnails."""
