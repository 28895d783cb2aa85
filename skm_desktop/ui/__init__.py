"""Qt widgets and Qt models. No SQL and no arithmetic here: every figure comes
from :mod:`skm_desktop.domain` through :mod:`skm_desktop.services`."""
