"""The storage layer's base error, below both the file and the server modules."""


class DatabaseError(Exception):
    """A database that cannot be opened; ``str(err)`` is an Indonesian message."""
