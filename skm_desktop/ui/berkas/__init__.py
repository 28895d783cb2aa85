"""Berkas menu: Impor…, Ekspor… and Templat impor… without a command line."""

from .actions import export_dialog, import_dialog, template_dialog

__all__ = ["import_dialog", "export_dialog", "template_dialog"]
