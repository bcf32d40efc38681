"""The scenario format, its safe loader, and the built-in library."""
