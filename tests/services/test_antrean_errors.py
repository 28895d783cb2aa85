"""Which server errors mean "the server is away" (queue the form) and which are a refusal."""

import psycopg
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from skm_desktop.services.antrean import is_connection_lost


def _op(orig):
    return OperationalError("INSERT …", {}, orig)


@pytest.mark.parametrize(
    "orig, lost",
    [
        (psycopg.OperationalError("connection failed: server closed the connection unexpectedly"), True),
        (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), True),
        (psycopg.errors.ConnectionFailure("connection failure"), True),
        (psycopg.errors.DeadlockDetected("deadlock detected"), False),
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), False),
        (psycopg.errors.SerializationFailure("could not serialize access"), False),
    ],
)
def test_only_a_lost_connection_queues_the_form(orig, lost):
    assert is_connection_lost(_op(orig)) is lost


def test_a_refusal_or_an_invalidated_connection():
    assert is_connection_lost(IntegrityError("INSERT …", {}, Exception("duplicate key"))) is False
    e = _op(psycopg.errors.DeadlockDetected("deadlock detected"))
    e.connection_invalidated = True  # SQLAlchemy saw the connection die with it
    assert is_connection_lost(e) is True
