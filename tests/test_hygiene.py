"""The test suite's own rules: no test module imports another (shared fixtures and
helpers live in conftest.py and tests/helpers/, so a broken test file never becomes a
silent import error elsewhere), and no test skips product code it cannot import."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
IMPORTS_A_TEST = re.compile(r"^\s*(from\s+(\.|tests\.[\w.]*\.)test_\w+\s+import|import\s+tests\.[\w.]*\.test_)", re.M)
SKIPS_PRODUCT = re.compile(r"importorskip\(\s*['\"]skm_desktop")


def test_no_test_module_imports_another():
    found = [
        f"{p.relative_to(TESTS)}: {m.group(0).strip()}"
        for p in sorted(TESTS.rglob("*.py"))
        for m in IMPORTS_A_TEST.finditer(p.read_text(encoding="utf-8"))
    ]
    assert not found, "move shared fixtures to conftest.py and helpers to tests/helpers/:\n" + "\n".join(found)


def test_no_importorskip_of_product_code():
    found = [str(p.relative_to(TESTS)) for p in sorted(TESTS.rglob("*.py")) if SKIPS_PRODUCT.search(p.read_text())]
    assert not found, found
