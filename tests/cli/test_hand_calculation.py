"""A 100- and a 10,000-respondent file with blanks: import then `summary --json`
give exactly what a careful hand calculation by metode-skm.md gives.

The expected figures are computed here independently of the engine: plain
Decimal arithmetic, column by column, as one would on the paper table."""

import csv
import json
import random
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest

from skm_desktop.cli import main

HAND_PRECISION = 50  # digits of the hand calculation, in a local context: the engine keeps its own
W = Decimal("0.111")


def make_file(path, n, seed, blank_rate):
    rng = random.Random(seed)
    rows = []
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["no_kuesioner"] + [f"u{i}" for i in range(1, 10)] + ["jenis_kelamin"])
        for no in range(1, n + 1):
            ans = [
                None if rng.random() < blank_rate else rng.choices((1, 2, 3, 4), (2, 8, 50, 40))[0] for _ in range(9)
            ]
            rows.append(ans)
            w.writerow([no] + ["" if a is None else a for a in ans] + [rng.choice(["L", "P"])])
    return rows


def hand(rows):
    """Per unsur (answered, total, nrr, konversi printed) and (ikm, ikm konversi printed)."""
    out = []
    with localcontext(prec=HAND_PRECISION):
        for u in range(9):
            col = [r[u] for r in rows if r[u] is not None]
            total = sum(col)
            nrr = Decimal(total) / Decimal(len(col))
            out.append((len(col), total, nrr, (nrr * 25).quantize(Decimal("0.01"), ROUND_HALF_UP)))
        ikm = sum(nrr * W for _, _, nrr, _ in out)
        return out, ikm, (ikm * 25).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize("n, seed, blank_rate", [(100, 1, 0.03), (10_000, 2, 0.02)])
def test_import_then_summary_matches_hand_calculation(tmp_path, new_db, capsys, n, seed, blank_rate):
    f = tmp_path / "data.csv"
    rows = make_file(f, n, seed, blank_rate)
    db = new_db("skm.db")
    assert main(["import", str(f), "--db", str(db), "--periode", "Uji"]) == 0
    capsys.readouterr()
    assert main(["summary", "--db", str(db), "--json"]) == 0
    j = json.loads(capsys.readouterr().out)
    per_unsur, ikm, printed = hand(rows)
    assert j["respondents"] == n
    for got, (answered, total, nrr, konversi) in zip(j["unsur"], per_unsur):
        assert got["answered"] == answered and got["total"] == total
        assert got["blank"] == n - answered
        assert got["nrr"] == pytest.approx(float(nrr), abs=1e-12)
        assert got["nrr_tertimbang"] == pytest.approx(float(nrr * W), abs=1e-12)
        assert got["konversi_2dp"] == str(konversi)
    assert j["ikm"] == pytest.approx(float(ikm), abs=1e-12)
    assert j["ikm_konversi_2dp"] == str(printed)
    expected_mutu = (
        "A"
        if printed >= Decimal("88.31")
        else "B"
        if printed >= Decimal("76.61")
        else "C"
        if printed >= Decimal("65.00")
        else "D"
    )
    assert j["mutu"] == expected_mutu
    order = sorted(range(9), key=lambda i: per_unsur[i][2])
    assert j["prioritas"] == [f"U{i + 1}" for i in order[:3]]
    assert sum(j["karakteristik"]["jenis_kelamin"].values()) == n
