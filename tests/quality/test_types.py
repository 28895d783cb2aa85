"""domain/ and services/ type-check under mypy's strict flags (issue #12)."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# the flags `mypy --strict` turns on that can be set per module
STRICT_FLAGS = (
    "disallow_any_generics",
    "disallow_subclassing_any",
    "disallow_untyped_calls",
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "check_untyped_defs",
    "disallow_untyped_decorators",
    "warn_return_any",
    "strict_equality",
    "extra_checks",
)


def _strict_override() -> str:
    """The [[tool.mypy.overrides]] block that names domain and services."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    blocks = text.split("[[tool.mypy.overrides]]")[1:]
    found = [
        b.split("\n[", 1)[0]
        for b in blocks
        if '"skm_desktop.domain.*"' in b and '"skm_desktop.services.*"' in b.split("\n[", 1)[0]
    ]
    assert len(found) == 1, "pyproject.toml needs one mypy override for skm_desktop.domain.* and services.*"
    return found[0]


def test_strict_flags_are_on_for_domain_and_services():
    block = _strict_override()
    for flag in STRICT_FLAGS:
        assert re.search(rf"^{flag}\s*=\s*true\s*$", block, re.M), f"{flag} = true missing"
    assert re.search(r"^implicit_reexport\s*=\s*false\s*$", block, re.M)


def test_domain_and_services_have_no_type_errors():
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "skm_desktop/domain", "skm_desktop/services"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "Success: no issues found" in proc.stdout
