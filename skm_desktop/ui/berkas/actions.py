"""The Berkas menu's flows: Impor…, Ekspor… and Templat impor….

Each step runs through the services the CLI uses (services.berkas binds them to the
open database); the slow ones run in a background thread. Nothing is stored before
every question is answered: the import is checked first (a dry run), then stored."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QWidget

from skm_desktop.domain.errors import DomainError
from skm_desktop.services import ServiceError
from skm_desktop.services.berkas import BerkasService, FilePreview, save_problems
from skm_desktop.services.exporting import OtherUnitPackage

from ..files import choose_file, file_written, suffixed, suffixes
from ..messages import Icon, choose, tell
from .dialogs import PreviewDialog, ProblemsDialog
from .worker import run_in_background

if TYPE_CHECKING:
    from skm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)
IMPORT_FILTERS = (
    "Berkas yang dapat diimpor (*.csv *.xlsx *.xlsm *.skm);;Excel (*.xlsx *.xlsm);;CSV (*.csv);;Paket SKM (*.skm)"
)
EXPORT_FILTERS = "Excel (*.xlsx);;CSV (*.csv);;Paket SKM (*.skm)"
TEMPLATE_FILTER = "Excel (*.xlsx)"
WARNINGS_SHOWN = 15


def _berkas(ctx: AppContext) -> BerkasService:
    """Import, export and the import template, bound to the open database."""
    return ctx.service(BerkasService)


def _target(ctx: AppContext) -> tuple[str, str | None]:
    unit = ctx.setup.unit_name(ctx.unit_id)
    found = ctx.setup.get_periode(ctx.periode_id) if ctx.periode_id else None
    return unit, (found[1].nama if found else None)


def _run(parent: QWidget, label: str, fn: Callable[[], Any], title: str) -> tuple[bool, Any]:
    """Run ``fn`` in the background; an unexpected failure is told, never a traceback."""
    ok, value = run_in_background(parent, label, fn)
    if ok or isinstance(value, (DomainError, OSError)):
        return ok, value
    log.error("%s gagal", title, exc_info=value)
    return False, ServiceError(
        f"{title} gagal karena kesalahan tak terduga ({type(value).__name__}: {value}). Tidak ada data yang disimpan."
    )


def _refused(parent: QWidget, title: str, e: BaseException) -> None:
    """Tell why nothing was stored: the full problem table when there is one."""
    if isinstance(e, OSError):
        tell(parent, title, f"Berkas tidak dapat dibaca atau ditulis: {e.strerror or e}.")
        return
    result = getattr(e, "result", None)
    errors = getattr(result, "errors", None)
    if errors:
        kept = list(errors)
        summary = (
            f"Berkas tidak diimpor: {len(errors)} kesalahan ditemukan; tidak ada data yang disimpan. "
            "Perbaiki baris-baris berikut di berkas, lalu impor kembali."
        )
        ProblemsDialog(title, summary, kept, len(errors), lambda p: save_problems(p, kept, len(errors)), parent).exec()
        return
    first, *rest = str(e).split("\n")
    info = "\n".join(rest[:5]) + ("\n…" if len(rest) > 5 else "")
    tell(parent, title, first, info=info, detail=str(e) if rest else "")


# ---------------------------------------------------------------- Impor…
def import_dialog(parent: QWidget, ctx: AppContext, path: str | None = None) -> bool:
    """Berkas > Impor…; True when something was stored."""
    title = "Impor"
    path = path or choose_file(parent, "Impor kuesioner dari berkas", "impor", IMPORT_FILTERS)
    if not path:
        return False
    unit, periode = _target(ctx)
    ok, pv = _run(parent, f"Membaca {Path(path).name}…", lambda: _berkas(ctx).preview(path, unit, periode), title)
    if not ok:
        _refused(parent, title, pv)
        return False
    dlg = PreviewDialog(pv, parent)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return False
    if pv.kind == "skm":
        return _import_package(parent, ctx, pv)
    return _import_table(parent, ctx, pv, unit, periode, dlg.replace.isChecked())


def _import_table(
    parent: QWidget, ctx: AppContext, pv: FilePreview, unit: str, periode: str | None, replace: bool
) -> bool:
    title = "Impor"
    ok, report = _run(
        parent,
        f"Memeriksa {pv.n_rows} baris…",
        lambda: _berkas(ctx).check_import(pv.path, unit, periode, replace),
        title,
    )
    if not ok:
        _refused(parent, title, report)
        return False
    if report.warnings:
        kept = list(report.warnings)
        shown = "\n".join(f"• {w}" for w in kept[:WARNINGS_SHOWN])
        more = len(report.warnings) - min(len(kept), WARNINGS_SHOWN)
        answer = choose(
            parent,
            title,
            f"Berkas dapat diimpor, tetapi ada {len(report.warnings)} peringatan. Simpan juga?",
            [("Simpan juga", "saveAnywayButton")],
            info=shown + (f"\n… dan {more} peringatan lain." if more > 0 else ""),
            detail="\n".join(str(w) for w in kept),
        )
        if answer is None:
            return False
    ok, report = _run(
        parent,
        f"Menyimpan {report.imported} kuesioner…",
        lambda: _berkas(ctx).import_file(pv.path, unit, periode, replace, ctx.operator),
        title,
    )
    if not ok:
        _refused(parent, title, report)
        return False
    parts = [f"{report.imported} kuesioner diimpor ke {report.unit} — periode {report.periode}"]
    if report.replaced:
        parts.append(f"{report.replaced} di antaranya menggantikan kuesioner lama bernomor sama")
    if report.created_periode:
        parts.append(f"periode '{report.periode}' dibuat")
    if report.created_layanan:
        parts.append("jenis layanan baru: " + ", ".join(report.created_layanan))
    _done(parent, ctx, title, ";\n".join(parts) + ".")
    return True


def _import_package(parent: QWidget, ctx: AppContext, pv: FilePreview) -> bool:
    title = "Impor paket"
    ok, report = _run(
        parent,
        f"Mengimpor paket {pv.path.name}…",
        lambda: _berkas(ctx).import_package(pv.path, None, ctx.operator),
        title,
    )
    if not ok and isinstance(report, OtherUnitPackage):
        other = report
        units = {"separateUnitButton": other.package_unit, "mergeUnitButton": other.own_unit}
        answer = choose(
            parent,
            title,
            f"Paket ini berasal dari unit '{other.package_unit}', sedangkan basis data ini milik "
            f"unit '{other.own_unit}'. Bagaimana paket disimpan?",
            [
                (f"Sebagai unit '{other.package_unit}'", "separateUnitButton"),
                (f"Ke unit '{other.own_unit}'", "mergeUnitButton"),
            ],
            info="Belum ada data yang disimpan.",
        )
        if answer is None:
            return False
        chosen = units[answer]
        ok, report = _run(
            parent,
            f"Mengimpor paket {pv.path.name}…",
            lambda: _berkas(ctx).import_package(pv.path, chosen, ctx.operator),
            title,
        )
    if not ok:
        _refused(parent, title, report)
        return False
    text = (
        f"{report.imported} kuesioner diimpor ke {report.unit} — periode {report.periode}; "
        f"{report.skipped_identical} sudah ada (sama, dilewati)."
    )
    if report.created_unit:
        text += f"\nUnit '{report.unit}' dibuat."
    if report.created_periode:
        text += f"\nPeriode '{report.periode}' dibuat."
    _done(parent, ctx, title, text)
    return True


def _done(parent: QWidget, ctx: AppContext, title: str, text: str) -> None:
    ctx.setupChanged.emit()
    ctx.dataChanged.emit()
    tell(parent, title, text, icon=Icon.Information)


# ---------------------------------------------------------------- Ekspor… and Templat impor…
def _file_stem(*names: str) -> str:
    return re.sub(r"[^\w\-]+", "-", " ".join(n for n in names if n)).strip("-")[:80] or "skm"


@dataclass(frozen=True)
class _Saving:
    """What differs between the Berkas menu's commands that write a file for the current period."""

    title: str
    no_periode: str  # said when there is no period yet
    ask: str  # the file dialog's title
    key: str  # the folder remembered for this command
    filters: str
    name: str  # the suggested file name before the unit and period
    busy: str  # shown while writing
    failed: str  # said before the reason when writing failed


def _save_for_periode(
    parent: QWidget,
    ctx: AppContext,
    path: str | None,
    how: _Saving,
    write: Callable[[Path, str, str], Any],
    told: Callable[[Any, str], str],
) -> Path | None:
    """Ask where (unless ``path``), ``write(out, unit, periode)`` in the background, then say
    ``told(result, periode)``, where the file is, and offer Buka folder."""
    unit, periode = _target(ctx)
    if periode is None:
        tell(parent, how.title, how.no_periode)
        return None
    suggested = f"{how.name}-{_file_stem(unit, periode)}{suffixes(how.filters)[0]}"
    path = path or choose_file(parent, how.ask, how.key, how.filters, suggested)
    if not path:
        return None
    out = suffixed(path, how.filters)
    ok, result = _run(parent, how.busy.format(name=out.name), lambda: write(out, unit, periode), how.title)
    if not ok:
        tell(parent, how.title, f"{how.failed}: {result}")
        return None
    file_written(parent, how.title, told(result, periode), out)
    return out


EXPORT = _Saving(
    "Ekspor",
    "Belum ada periode untuk diekspor.",
    "Ekspor periode",
    "ekspor",
    EXPORT_FILTERS,
    "responden",
    "Mengekspor ke {name}…",
    "Ekspor tidak berhasil",
)
TEMPLATE = _Saving(
    "Templat impor",
    "Buat periode terlebih dahulu; templat mengikuti set unsurnya.",
    "Simpan templat impor",
    "templat",
    TEMPLATE_FILTER,
    "templat-impor",
    "Membuat templat…",
    "Templat tidak dapat dibuat",
)


def export_dialog(parent: QWidget, ctx: AppContext, path: str | None = None) -> Path | None:
    """Berkas > Ekspor… of the current period (.xlsx, .csv or .skm: the suffix typed, else
    the format chosen in the dialog)."""
    return _save_for_periode(
        parent,
        ctx,
        path,
        EXPORT,
        _berkas(ctx).export,
        lambda n, periode: f"{n} kuesioner periode {periode} diekspor.",
    )


def template_dialog(parent: QWidget, ctx: AppContext, path: str | None = None) -> Path | None:
    """Berkas > Templat impor…: an empty XLSX for the current period's unsur set."""
    return _save_for_periode(
        parent,
        ctx,
        path,
        TEMPLATE,
        _berkas(ctx).template,
        lambda _none, _periode: (
            "Templat impor dibuat. Isi satu baris per kuesioner, lalu impor dengan Berkas > Impor…."
        ),
    )
