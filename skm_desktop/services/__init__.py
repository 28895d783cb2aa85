"""Use cases shared by the GUI and the command line. They own the transactions."""

from typing import TypeVar

from sqlalchemy.orm import Session

from skm_desktop.domain.errors import DomainError

_Row = TypeVar("_Row")


class ServiceError(DomainError):
    """A refused operation; ``str(err)`` is an Indonesian message for the user."""


def get_or_refuse(s: Session, model: type[_Row], key: object, what: str) -> _Row:
    """The row ``key`` of ``model``; a missing one is refused as "<what> tidak ditemukan."."""
    row = s.get(model, key)
    if row is None:
        raise ServiceError(f"{what} tidak ditemukan.")
    return row
