"""Dokumen: make the laporan, publikasi, olah data and kuesioner, and edit what
goes into the laporan — texts, rencana tindak lanjut, its realisation next
period, and past IKM figures for the trend. One module per tab; the page holds a
services.dokumen.DokumenService and no Session.

No SQL and no arithmetic here; numbers through domain.formatting."""

from .common import safe_filename
from .page import DokumenPage

__all__ = ["DokumenPage", "safe_filename"]
