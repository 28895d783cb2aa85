"""Reading one member of a zip archive (an .skm package, an XLSX workbook) with
a cap of our own: the sizes in the archive's header may lie."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator

CHUNK = 1 << 20


def capped_chunks(
    z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, too_big: Callable[[], Exception]
) -> Iterator[bytes]:
    """The member's bytes, a chunk at a time, decompressed no further than
    ``limit`` bytes whatever its header says: past that, ``too_big()`` is raised."""
    seen = 0
    with z.open(info) as member:
        while chunk := member.read(CHUNK):
            seen += len(chunk)
            if seen > limit:
                raise too_big()
            yield chunk
