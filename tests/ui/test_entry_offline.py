"""The entry screen on a server database when the network goes away: the operator
keeps keying, the status line counts the forms waiting, they arrive when the
network is back, and a number conflict is put to the operator."""

from __future__ import annotations

from sqlalchemy import select

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services.demo import create_demo
from skm_desktop.services.entry import KeyingSession
from skm_desktop.services.results import ResultsService
from skm_desktop.storage.database import open_database
from skm_desktop.storage.models import Periode
from tests.helpers.entry import show_entry_page, type_form
from tests.helpers.netproxy import CablePlug


def test_keying_goes_on_while_the_server_is_away(qtbot, pg_server, monkeypatch):
    url = pg_server.fresh()
    with open_database(url) as db:
        create_demo(db, n=30)
        with db.read_session() as s:
            p = s.scalars(select(Periode).order_by(Periode.id.desc())).first()
            unit_id, pid, start = p.unit_id, p.id, p.tanggal_mulai
    plug = CablePlug(pg_server.server.host, pg_server.server.port)
    via = f"postgresql://{pg_server.server.user}@127.0.0.1:{plug.port}/{url.rsplit('/', 1)[1]}"
    db = open_database(via, program="operator")
    try:
        page = show_entry_page(qtbot, db, unit_id, pid, operator="ani")
        page._send_timer.setInterval(200)
        n = page.session.count
        plug.pull()
        layanan = page.session.choices["layanan"][0].label
        rec = RespondentRecord(0, (4,) * 9, start, layanan, None, None, None, None)
        d = page.model.draft.record()
        carried = type_form(qtbot, page, rec, (d.tanggal, d.layanan), queued=True)
        assert "disimpan dulu di komputer ini" in page.message.text()
        type_form(qtbot, page, rec.with_(answers=(3,) * 9), carried, queued=True)
        assert "2 kuesioner menunggu dikirim" in page.counter.text()
        first, second = (f.rec.no_kuesioner for f in page.session.queue.forms())
        with open_database(url) as other:  # meanwhile another PC stores the second number
            KeyingSession.open(other, pid, operator="budi").commit(
                page.session.queue.forms()[1].rec.with_(answers=(1,) * 9, operator="budi")
            )
        asked = []

        def answer_conflict(self):
            asked.append([f.rec.no_kuesioner for f in self.forms])
            self.session.queue.drop(self.forms[0].id)
            return 0

        monkeypatch.setattr("skm_desktop.ui.entry.antrean_dialog.ConflictDialog.exec", answer_conflict)
        plug.plug()
        qtbot.waitUntil(lambda: "menunggu" not in page.counter.text(), timeout=15000)
        assert asked == [[second]]
        assert page.session.count == n + 2  # the first from the queue, the second one budi's
        assert page.session.find_no(first) is not None
        assert ResultsService(db).summary(pid).respondents == n + 2
    finally:
        db.close()
        plug.close()


def test_forms_of_another_pc_appear_within_two_seconds(qtbot, pg_server):
    import time

    from skm_desktop.ui.app import watch_external_changes

    url = pg_server.fresh()
    with open_database(url) as db:
        create_demo(db, n=30)
        with db.read_session() as s:
            p = s.scalars(select(Periode).order_by(Periode.id.desc())).first()
            unit_id, pid = p.unit_id, p.id
    db = open_database(url, program="operator")
    try:
        page = show_entry_page(qtbot, db, unit_id, pid, operator="ani")
        timer = watch_external_changes(db, page.ctx, page)
        assert timer is not None
        n = page.session.count
        with open_database(url, program="PC kedua") as other:
            KeyingSession.open(other, pid, operator="budi").commit(RespondentRecord(9400, (4,) * 9))
            t = time.monotonic()
        qtbot.waitUntil(lambda: page.session.count == n + 1, timeout=5000)
        assert time.monotonic() - t < 2.0
        assert page.session.find_no(9400) is not None
        assert ResultsService(db).summary(pid).respondents == n + 1
    finally:
        db.close()
