"""Writes the Windows version resource (PyInstaller format) for the .exe files;
called by skm_desktop.spec on Windows. Usage: python build/version_info.py 0.1.0 OUT.txt"""

import sys

TEMPLATE = """# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={t}, prodvers={t}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('042104b0', [
      StringStruct('CompanyName', 'SKM Desktop'),
      StringStruct('FileDescription', 'SKM Desktop - Survei Kepuasan Masyarakat'),
      StringStruct('FileVersion', '{v}'),
      StringStruct('InternalName', 'skm-desktop'),
      StringStruct('LegalCopyright', 'SKM Desktop'),
      StringStruct('OriginalFilename', 'SKM Desktop.exe'),
      StringStruct('ProductName', 'SKM Desktop'),
      StringStruct('ProductVersion', '{v}')])]),
    VarFileInfo([VarStruct('Translation', [0x0421, 1200])])
  ]
)
"""


def main(version: str, out: str) -> int:
    parts = [int(p) for p in version.split(".")[:4] if p.isdigit()]
    t = tuple((parts + [0, 0, 0, 0])[:4])
    from pathlib import Path

    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(TEMPLATE.format(t=t, v=version))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
