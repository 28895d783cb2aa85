"""SQLAlchemy models, sessions, migrations and backups (SQLite file per database)."""
