"""Errors raised by the domain, with Indonesian messages meant for users."""


class DomainError(ValueError):
    """Invalid input to a domain rule; ``str(err)`` is a message for the user."""
