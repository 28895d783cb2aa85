"""The Hasil page follows the percentages rule: equal counts show equal percentages, the
Jumlah row the true 100,00%, and a note says when the shown parts add up to 99,99%."""

import datetime as dt

from PySide6.QtCore import Qt

from skm_desktop.services import demo, importing, survey
from skm_desktop.ui.hasil import HasilPage
from tests.helpers.pages import first_unit_page


def test_equal_counts_equal_percentages_and_the_rounding_note(qtbot, db):
    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Tiga")
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        recs = demo.generate_records(3, seed=4)
        jobs = ("PNS", "TNI", "POLRI")
        importing.bulk_insert(
            s, p, [r.with_(pekerjaan=j, jenis_kelamin="Perempuan", layanan=None) for r, j in zip(recs, jobs)]
        )
    page = first_unit_page(qtbot, db, HasilPage)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    t = page.kar_tables["pekerjaan"]
    shown = {t.item(r, 0).text(): t.item(r, 2).text() for r in range(t.rowCount())}
    assert shown["PNS"] == shown["TNI"] == shown["POLRI"] == "33,33%"
    assert shown["Jumlah"] == "100,00%"
    note = page.kar_notes["pekerjaan"]
    assert note.isVisible()
    assert (
        note.text()
        == "Jumlah yang tercetak 99,99% karena setiap persentase dibulatkan sendiri; jumlah sebenarnya 100,00%."
    )
    # 3 of 3 women: the parts add up, no note
    assert not page.kar_notes["jenis_kelamin"].isVisible()
