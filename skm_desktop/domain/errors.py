"""Errors raised by the domain, with Indonesian messages meant for users."""


class DomainError(ValueError):
    """Invalid input to a domain rule; ``str(err)`` is a message for the user."""


def type_name(v: object) -> str:
    """The kind of a value in Indonesian, for a message saying what was found instead."""
    return _TYPE_NAMES.get(type(v), type(v).__name__)


_TYPE_NAMES: dict[type, str] = {
    dict: "objek",
    list: "daftar",
    str: "teks",
    bool: "benar/salah",
    int: "bilangan bulat",
    float: "bilangan pecahan",
    type(None): "kosong",
}
