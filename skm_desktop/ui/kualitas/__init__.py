"""Data quality pages: double-entry verification with operator statistics, and the audit trail."""

from .audit_page import AuditPage
from .verifikasi_page import VerifikasiPage

__all__ = ["AuditPage", "VerifikasiPage"]
