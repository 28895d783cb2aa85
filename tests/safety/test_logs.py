"""The rotating log file, and the command line's answer to an unexpected error."""

import logging

import skm_desktop.cli as cli
from skm_desktop.logs import BACKUP_COUNT, MAX_BYTES, current_log_file, setup_logging


def _flush():
    for h in logging.getLogger("skm_desktop").handlers:
        h.flush()


def test_log_file_in_the_given_folder_and_rotating(tmp_path):
    path = setup_logging(tmp_path / "log")
    assert path == tmp_path / "log" / "skm-desktop.log" == current_log_file()
    handler = next(h for h in logging.getLogger("skm_desktop").handlers if getattr(h, "_skm_file", False))
    assert (handler.maxBytes, handler.backupCount) == (MAX_BYTES, BACKUP_COUNT)
    assert setup_logging() == path  # idempotent: one handler, same file
    assert sum(getattr(h, "_skm_file", False) for h in logging.getLogger("skm_desktop").handlers) == 1
    logging.getLogger("skm_desktop.uji").warning("x" * 2000)
    handler.maxBytes = 3000
    for _ in range(5):
        logging.getLogger("skm_desktop.uji").warning("y" * 2000)
    _flush()
    assert (tmp_path / "log" / "skm-desktop.log.1").exists()


def test_unwritable_log_folder_does_not_stop_the_program(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    assert setup_logging(blocker / "log") is None


def test_cli_commands_are_logged_and_unexpected_errors_answered(tmp_path, monkeypatch, capsys, std_set):
    log = setup_logging(tmp_path / "log")

    def boom(args):
        raise RuntimeError("rusak di dalam")

    monkeypatch.setitem(cli.COMMANDS, "summary", boom)
    code = cli.main(["summary", "--db", str(tmp_path / "x.db")])
    err = capsys.readouterr().err
    assert code == 1
    assert "kesalahan yang tidak terduga" in err and str(log) in err and "Traceback" not in err
    _flush()
    text = log.read_text(encoding="utf-8")
    assert "perintah: summary" in text and "RuntimeError: rusak di dalam" in text and "Traceback" in text
