"""Use cases shared by the GUI and the command line. They own the transactions."""
from skm_desktop.domain.errors import DomainError


class ServiceError(DomainError):
    """A refused operation; ``str(err)`` is an Indonesian message for the user."""
