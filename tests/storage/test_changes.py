"""ExternalChanges notices another program's commits (SQLite: data_version; server: a stamp)."""

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey
from skm_desktop.storage.changes import ExternalChanges
from skm_desktop.storage.database import open_database


def test_other_programs_commits_are_noticed_own_are_not(db_target, std_set):
    mine = open_database(db_target)
    other = open_database(db_target)
    try:
        with mine.session() as s:
            u = survey.create_unit(s, "Puskesmas Contoh")
            pid = survey.create_periode(s, u.id, "2025", std_set).id
        watch = ExternalChanges(mine)
        assert watch.poll() is None
        survey.save_respondent(mine, pid, RespondentRecord(1, (4,) * 9))  # our own save: not news
        assert watch.poll() is None
        survey.save_respondent(other, pid, RespondentRecord(2, (3,) * 9))
        assert watch.poll() == "data"
        assert watch.poll() is None
        with other.session() as s:
            survey.add_layanan(s, u.id, "Poli Gigi")
        assert watch.poll() == "setup"
    finally:
        other.close()
        mine.close()
    assert watch.poll() is None  # closed with the database: never raises
