"""No network access at run time, anywhere."""

import ast
import socket
from pathlib import Path

import skm_desktop
from skm_desktop.cli import main

PACKAGE = Path(skm_desktop.__file__).resolve().parent
NETWORK_MODULES = {
    "socket",
    "ssl",
    "urllib",
    "http",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "websocket",
    "webbrowser",
}
NETWORK_NAMES = {"QtNetwork", "QNetworkAccessManager", "QTcpSocket", "QUdpSocket"}


def test_no_network_module_is_imported_by_the_program():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for n in names:
                parts = set(n.split("."))
                if n.split(".")[0] in NETWORK_MODULES or parts & NETWORK_NAMES:
                    offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {n}")
    assert not offenders, "network access in the program: " + ", ".join(offenders)


def test_whole_cli_flow_runs_with_sockets_forbidden(tmp_path, monkeypatch, capsys):
    def refuse(*a, **k):
        raise AssertionError("the program tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    db = str(tmp_path / "skm.db")
    assert main(["demo", "--db", db, "--responden", "60"]) == 0
    assert main(["summary", "--db", db]) == 0
    assert main(["export", "--db", db, "--out", str(tmp_path / "p.skm")]) == 0
    assert main(["import", "--db", str(tmp_path / "kota.db"), str(tmp_path / "p.skm")]) == 0
    assert main(["backup", "--db", db, "--out", str(tmp_path / "c.db")]) == 0
    assert main(["report", "--db", db, "--out", str(tmp_path / "l.pdf")]) == 0
    assert (tmp_path / "l.pdf").read_bytes().startswith(b"%PDF")
    capsys.readouterr()
