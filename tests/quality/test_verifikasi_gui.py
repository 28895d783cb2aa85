"""A second operator keys a batch again with the keyboard in the Verifikasi
page, with planted differences; every difference is found, resolved with the
keyboard, recorded, and the stored data equals the resolved values."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import audit, survey
from skm_desktop.services import verifikasi as vf
from skm_desktop.storage.models import VerifikasiSelisih
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.kualitas import VerifikasiPage, common

N_FORMS = 6


@pytest.fixture
def ctx(db):
    with db.session() as s:
        u = survey.create_unit(s, "Puskesmas Uji")
        for name in ("Poli Umum", "Poli Gigi", "KIA"):
            survey.add_layanan(s, u.id, name)
        p = survey.create_periode(s, u.id, "2025")
        uid, pid = u.id, p.id
    for no in range(1, N_FORMS + 1):
        survey.save_respondent(
            db,
            pid,
            RespondentRecord(
                no,
                tuple((no + i) % 4 + 1 for i in range(9)),
                dt.date(2025, 5, no),
                "Poli Gigi",
                "Laki-laki" if no % 2 else "Perempuan",
                20 + no,
                "SMA",
                "Swasta",
                batch="B7",
                operator="Rina",
                posisi=no,
            ),
        )
    survey.save_respondent(db, pid, RespondentRecord(99, (4,) * 9, batch="B8", operator="Rina"))
    return AppContext(db, uid, pid, "Agus")


@pytest.fixture
def no_dialogs(monkeypatch):
    shown = []
    monkeypatch.setattr(common, "message", lambda parent, title, text, error=True: shown.append(text))
    monkeypatch.setattr(common, "file_written", lambda parent, title, text, path: shown.append(f"{text} {path}"))
    monkeypatch.setattr(common, "confirm", lambda *a, **k: True)
    return shown


def show_active(qtbot, page) -> None:
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)


def type_text(qtbot, text: str) -> None:
    """Type like a user: every key goes to whatever widget has the focus."""
    for ch in text:
        w = QApplication.focusWidget()
        assert w is not None
        if ch == "\n":
            qtbot.keyClick(w, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(w, ch)


def paper_keys(rec: RespondentRecord, **planted) -> str:
    """The keys a careful second operator presses for one paper form (codes for lists)."""
    vals = {
        "tanggal": rec.tanggal.strftime("%d%m%Y"),
        "jenis_layanan": "2",
        "jenis_kelamin": "1" if rec.jenis_kelamin == "Laki-laki" else "2",
        "usia": str(rec.usia),
        "pendidikan": "3",
        "pekerjaan": "4",
    }
    answers = [str(a) for a in rec.answers]
    for k, v in planted.items():
        if k[0] == "u" and k[1:].isdigit():
            answers[int(k[1:]) - 1] = v
        else:
            vals[k] = v
    order = ("tanggal", "jenis_layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan")
    return "".join(vals[k] + "\n" for k in order) + "".join(answers)


def test_double_entry_of_a_batch_with_planted_differences(qtbot, ctx, no_dialogs):
    db, pid = ctx.db, ctx.periode_id
    with db.read_session() as s:
        before = {r.no_kuesioner: r for _, r in survey.load_records(s, pid)}
    page = VerifikasiPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 640)
    page.show()
    show_active(qtbot, page)
    assert [page.batch_table.item(r, 0).text() for r in range(page.batch_table.rowCount())] == ["B7", "B8"]
    page.operator_edit.clear()
    qtbot.keyClicks(page.operator_edit, "Sari")
    page.batch_table.selectRow(0)
    qtbot.mouseClick(page.start_batch_btn, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 1

    # blind: the keying page shows no stored value of the form
    planted = {2: {"u4": "1"}, 3: {"usia": "32"}, 5: {"jenis_kelamin": "2", "u9": "0"}}
    expected_diffs = {(2, "u4"), (3, "usia"), (5, "jenis_kelamin"), (5, "u9")}
    keyed = []
    while page.stack.currentIndex() == 1:
        no = page.item.no_kuesioner
        keyed.append(no)
        assert f"no. {no}" in page.key_title.text()
        shown = " ".join(w.text() for w in page.findChildren(QLineEdit) if w.isVisible())
        assert shown.strip() == ""  # every field of the form starts empty: the first entry is never shown
        assert page.form.edits["tanggal"].hasFocus()  # each new form starts at its first field
        type_text(qtbot, paper_keys(before[no], **planted.get(no, {})))
    assert keyed == list(range(1, N_FORMS + 1))
    assert page.stack.currentIndex() == 2  # after the last form: the mismatch review

    found = {(d.no_kuesioner, d.isian) for d in page.diffs}
    assert found == expected_diffs
    assert page.diff_table.rowCount() == 4
    # resolve against the paper with the keyboard: the paper says
    #   no. 2 U4: second entry right; no. 3 usia: 33 (both wrong);
    #   no. 5 jenis kelamin: first right; no. 5 U9: second right (blank on paper)
    page.diff_table.setFocus()
    decisions = {(2, "u4"): "2", (3, "usia"): "3", (5, "jenis_kelamin"): "1", (5, "u9"): "2"}
    while any(not d.selesai for d in page.diffs):
        d = page._current_diff()
        assert not d.selesai
        key = decisions[(d.no_kuesioner, d.isian)]
        if key == "3":
            qtbot.keyClick(page.diff_table, Qt.Key.Key_3)
            assert page.other_edit.hasFocus()
            qtbot.keyClicks(page.other_edit, "33")
            qtbot.keyClick(page.other_edit, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(page.diff_table, getattr(Qt.Key, f"Key_{key}"))
    assert "Semua selisih sudah dicocokkan" in page.review_status.text()

    with db.read_session() as s:
        now = {r.no_kuesioner: r for _, r in survey.load_records(s, pid)}
        resolved = s.scalars(select(VerifikasiSelisih)).all()
        trail = audit.list_audit(s, pid, aksi="verifikasi")
        batches = vf.batch_status(s, pid)
        share = vf.verified_share(s, pid)
    # stored data equals the resolved values, nothing else changed
    expect = dict(before)
    expect[2] = before[2].with_(answers=before[2].answers[:3] + (1,) + before[2].answers[4:])
    expect[3] = before[3].with_(usia=33)
    expect[5] = before[5].with_(answers=before[5].answers[:8] + (None,))
    assert now == expect
    # every resolution is recorded: choice, final value, who
    assert {(r.isian, r.pilihan, r.nilai_final, r.operator) for r in resolved} == {
        ("u4", "kedua", "1", "Sari"),
        ("usia", "lain", "33", "Sari"),
        ("jenis_kelamin", "pertama", "Laki-laki", "Sari"),
        ("u9", "kedua", "", "Sari"),
    }
    assert sorted(t.no_kuesioner for t in trail) == [2, 3, 5]
    t3 = next(t for t in trail if t.no_kuesioner == 3)
    assert [(f.key, f.sebelum, f.sesudah) for f in t3.fields() if f.berubah] == [("usia", 23, 33)]
    assert [(b.batch, b.status) for b in batches] == [("B7", vf.STATUS_SELESAI), ("B8", vf.STATUS_BELUM)]
    assert (share.n_terverifikasi, share.n_kertas) == (N_FORMS, N_FORMS + 1)

    # back on the overview, the statistics tab shows the operators' figures
    page.show_overview()
    stat = {
        page.stat_table.item(r, 0).text(): [page.stat_table.item(r, c).text() for c in range(9)]
        for r in range(page.stat_table.rowCount())
    }
    n_fields = N_FORMS * (6 + 9)
    assert stat["Rina"][1] == "7" and stat["Rina"][4] == str(n_fields) and stat["Rina"][5] == "4"
    # Rina's errors: U4 of no. 2, usia of no. 3, U9 of no. 5 -> 3 of 90 fields = 33,33 per 1.000
    assert stat["Rina"][7] == "3" and stat["Rina"][8] == "33,33"
    assert stat["Sari"][2] == str(N_FORMS) and stat["Sari"][7] == "2" and stat["Sari"][3] != "–"
    assert "Kesalahan entri pertama: 3 isian" in page.estimate_label.text()
    assert "Sebanyak 6 dari 7 kuesioner kertas (85,71%)" in page.share_label.text()
    # the finished job stays listed and its resolutions can be reviewed again
    assert page.jobs_table.item(0, 0).text() == "Bundel B7" and page.jobs_table.item(0, 5).text().startswith("selesai")
    assert not page.cancel_btn.isEnabled()
    qtbot.mouseClick(page.continue_btn, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 2 and page.diff_table.rowCount() == 4
    assert page.diff_table.item(1, 5).text().startswith("33")


def test_bad_key_is_refused_with_field_named_and_nothing_stored(qtbot, ctx, no_dialogs):
    page = VerifikasiPage(ctx)
    qtbot.addWidget(page)
    page.show()
    show_active(qtbot, page)
    page.batch_table.selectRow(0)
    qtbot.mouseClick(page.start_batch_btn, Qt.MouseButton.LeftButton)
    first = page.item
    assert not first.operator_sama and "operator yang sama" not in page.key_status.text()
    page.form.edits["tanggal"].setFocus()
    with ctx.db.read_session() as s:
        rec = dict(survey.load_records(s, ctx.periode_id))
    r1 = next(r for r in rec.values() if r.no_kuesioner == first.no_kuesioner)
    type_text(qtbot, paper_keys(r1, pendidikan="9"))
    assert "Isian Pendidikan: kode 9 tidak ada" in page.key_status.text()
    assert page.form.edits["pendidikan"].hasFocus()
    assert page.item.item_id == first.item_id
    with ctx.db.read_session() as s:
        assert vf.job_info(s, page.job_id).n_diketik == 0
    # letters other than 1–4/a–d never reach an answer cell
    page.form.edits["u1"].setFocus()
    page.form.edits["u1"].clear()
    qtbot.keyClick(page.form.edits["u1"], Qt.Key.Key_7)
    assert page.form.edits["u1"].text() == ""


def test_sample_and_pdf(qtbot, ctx, no_dialogs, tmp_path):
    page = VerifikasiPage(ctx)
    qtbot.addWidget(page)
    page.persen_spin.setValue(50)
    page.operator_edit.setText("rina")  # the first-entry operator verifying her own forms: warned
    qtbot.mouseClick(page.start_sample_btn, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 1 and page.item.total == 4  # ceil(50 % of 7)
    assert page.item.operator_sama and "operator yang sama" in page.key_status.text()
    qtbot.mouseClick(page.back_btn, Qt.MouseButton.LeftButton)
    assert page.jobs_table.rowCount() == 1 and "Sampel acak 50%" in page.jobs_table.item(0, 0).text()
    out = page.print_pdf(str(tmp_path / "kinerja"))
    assert out is not None and out.suffix == ".pdf" and out.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Kinerja Entri dan Verifikasi Data" in text and "Rina" in text
