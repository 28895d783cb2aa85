"""A unit with ten keyed paper forms in two batches and one kiosk form, and the values a
second operator types for a form (the double-entry verification tests)."""

import datetime as dt

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey


def verifikasi_unit(db) -> int:
    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Uji")
        for name in ("KTP", "KK"):
            survey.add_layanan(s, u.id, name)
        pid = survey.create_periode(s, u.id, "2025").id
    for no in range(1, 11):
        survey.save_respondent(
            db,
            pid,
            RespondentRecord(
                no,
                (3, 3, 4, 2, 3, 3, 4, 3, 3),
                dt.date(2025, 3, no),
                "KTP",
                "Perempuan",
                30 + no,
                "SMA",
                "Swasta",
                batch="B01" if no <= 5 else "B02",
                operator="Rina",
                posisi=(no - 1) % 5 + 1,
            ),
        )
    survey.save_respondent(db, pid, RespondentRecord(11, (4,) * 9, sumber="kiosk"))
    return pid


def second_entry(rec: RespondentRecord, **changes) -> dict:
    vals = {
        "tanggal": rec.tanggal.strftime("%d%m%Y") if rec.tanggal else "",
        "jenis_layanan": "1",
        "jenis_kelamin": "2",
        "usia": str(rec.usia),
        "pendidikan": "3",
        "pekerjaan": "4",
    }
    vals.update({f"u{i + 1}": str(a) for i, a in enumerate(rec.answers)})
    vals.update(changes)
    return vals
