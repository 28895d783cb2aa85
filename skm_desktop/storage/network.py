"""Is a SQLite file on a network share? SQLite's file locking is not reliable over
SMB/CIFS/NFS: two PCs writing the same file there can corrupt it. Several PCs
share one survey through a PostgreSQL server instead (storage/server.py).

Windows: a UNC path (``\\\\server\\share\\...``) or a drive letter whose
GetDriveTypeW is DRIVE_REMOTE. Linux: the mount holding the file, from
/proc/mounts, has a network file-system type.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.sshfs",
    "davfs",
    "fuse.davfs2",
    "ncpfs",
    "coda",
    "lustre",
    "gfs2",
    "ocfs2",
}
MOUNTS_LIMIT = 1 << 20  # /proc/mounts is a few kB; never read more than 1 MiB
DRIVE_REMOTE = 4


def _unescape(field: str) -> str:
    # /proc/mounts escapes space, tab, newline and backslash as octal
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def linux_fs_type(path: Path, mounts_text: str) -> str | None:
    """The file-system type of the longest mount point holding ``path``."""
    best, kind = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mnt = _unescape(fields[1])
        inside = target == mnt or target.startswith(mnt.rstrip("/") + "/") or mnt == "/"
        if inside and len(mnt) >= len(best):
            best, kind = mnt, fields[2]
    return kind


def is_network_fs_type(kind: str | None) -> bool:
    return kind is not None and (kind in NETWORK_FS or kind.startswith("nfs") or kind.startswith("smb"))


def _windows_remote(path: Path) -> bool:
    s = str(path)
    if s.startswith("\\\\") or s.startswith("//"):
        return not s.startswith("\\\\?\\") or s.upper().startswith("\\\\?\\UNC\\")
    drive = os.path.splitdrive(s)[0]
    if not drive:
        return False
    try:
        import ctypes

        return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return False


def _linux_remote(path: Path) -> bool:
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
            text = fh.read(MOUNTS_LIMIT)
    except OSError:
        return False
    return is_network_fs_type(linux_fs_type(path, text))


def is_on_network_share(path: Path | str) -> bool:
    p = Path(path)
    try:
        p = p.resolve() if sys.platform != "win32" else Path(os.path.abspath(p))
    except OSError:
        p = Path(os.path.abspath(p))
    if sys.platform == "win32" or str(p).startswith("\\\\"):
        return _windows_remote(p)
    if sys.platform.startswith("linux"):
        return _linux_remote(p)
    return False


def network_share_warning(path: Path | str) -> str | None:
    """An Indonesian warning when ``path`` is on a network share, else None."""
    if not is_on_network_share(path):
        return None
    return (
        f"Basis data {path} berada di folder jaringan. SQLite tidak aman dipakai bersama lewat folder "
        "jaringan: penguncian berkasnya tidak andal di sana dan data dapat rusak bila dua komputer "
        "menyimpan bersamaan. Simpan berkas di diska komputer ini, atau pakai server PostgreSQL "
        "(postgresql://PENGGUNA@HOST/BASISDATA) untuk beberapa komputer."
    )
