"""SKM Desktop — Survei Kepuasan Masyarakat, offline."""

__version__ = "0.1.0"
