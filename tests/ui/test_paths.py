from skm_desktop.paths import APP_NAME, ORG_NAME, user_data_dir


def test_qt_and_pure_python_agree_on_the_data_folder(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from skm_desktop.ui import app_paths

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QStandardPaths.setTestModeEnabled(False)
    assert app_paths.data_dir() == user_data_dir()
    assert str(user_data_dir()).startswith(str(tmp_path))
