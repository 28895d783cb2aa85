from skm_desktop.cli import main


def test_demo_then_summary(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db)]) == 0
    assert main(["summary", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "IKM konversi:" in out and "Kelurahan Sukamaju" in out
