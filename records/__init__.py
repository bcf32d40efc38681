"""Persistence: trainees, attempts and answers in SQLite (default) or PostgreSQL, behind plain functions."""
