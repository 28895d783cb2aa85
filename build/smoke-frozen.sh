#!/usr/bin/env bash
# Smoke test of the frozen program (after build/build-linux.sh): import -> summary
# -> report on a sample file, plus package export/re-import, backup/restore and a
# refused file; run with an empty environment whose PATH has no Python at all.
# Usage: build/smoke-frozen.sh [path/to/skm-desktop]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${1:-build/dist/skm-desktop/skm-desktop}")"
[ -x "$BIN" ] || { echo "Program beku tidak ditemukan: $BIN (jalankan build/build-linux.sh)"; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/empty-path" "$WORK/home"
PDFTOTEXT="$(command -v pdftotext || true)"
start=$(date +%s.%N)

# run the frozen program with nothing from the build machine: no PATH, no venv, no PYTHON*
run() {
  env -i HOME="$WORK/home" PATH="$WORK/empty-path" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    SKM_DESKTOP_LOG_DIR="$WORK/log" "$BIN" "$@"
}
fail() { echo "GAGAL: $*" >&2; exit 1; }
step() { echo "-- $*"; }

if env -i PATH="$WORK/empty-path" sh -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
  fail "python masih dapat ditemukan di PATH uji"
fi

# a sample file of 40 questionnaires (semicolon CSV, as Indonesian Excel writes it)
awk 'BEGIN {
  print "no_kuesioner;tanggal;jenis_layanan;jenis_kelamin;usia;pendidikan;pekerjaan;u1;u2;u3;u4;u5;u6;u7;u8;u9;saran";
  split("Rawat Jalan,Imunisasi,Laboratorium", lay, ",");
  split("SD,SMP,SMA,D3,S1", pend, ",");
  split("PNS,Swasta,Wirausaha,Pelajar/Mahasiswa,Lainnya", pek, ",");
  for (i = 1; i <= 40; i++) {
    row = i ";2026-03-" sprintf("%02d", 1 + i % 28) ";" lay[1 + i % 3] ";" (i % 2 ? "Laki-laki" : "Perempuan") \
          ";" 18 + (i * 7) % 60 ";" pend[1 + i % 5] ";" pek[1 + i % 5];
    for (u = 1; u <= 9; u++) row = row ";" 2 + (i * u + u) % 3;
    print row ";" (i % 10 == 0 ? "antrean lama" : "");
  }
}' > "$WORK/responden.csv"

step "versi"
run --version | grep -c "^SKM Desktop [0-9]" >/dev/null || fail "--version"

step "impor"
run import "$WORK/responden.csv" --db "$WORK/skm.db" --unit "Puskesmas Contoh" --periode "2026" \
  | tee "$WORK/out.txt"
grep -q "^40 kuesioner diimpor" "$WORK/out.txt" || fail "impor"

step "ringkasan"
run summary --db "$WORK/skm.db" > "$WORK/summary.txt"
grep -q "Responden: 40" "$WORK/summary.txt" || fail "summary: jumlah responden"
grep -q "^IKM konversi: [0-9][0-9],[0-9][0-9] — mutu [ABCD]" "$WORK/summary.txt" || fail "summary: IKM"
grep "^IKM konversi" "$WORK/summary.txt"
run summary --db "$WORK/skm.db" --json | grep -c '"ikm' >/dev/null || fail "summary --json"

step "laporan"
run report --db "$WORK/skm.db" --kind laporan --out "$WORK/laporan.pdf"
head -c 5 "$WORK/laporan.pdf" | grep -c "%PDF-" >/dev/null || fail "laporan bukan PDF"
if [ -n "$PDFTOTEXT" ]; then
  "$PDFTOTEXT" "$WORK/laporan.pdf" - | grep -c "Puskesmas Contoh" >/dev/null || fail "isi laporan"
fi
run report --db "$WORK/skm.db" --kind laporan --out "$WORK/laporan.docx"  # python-docx template, PDFium
head -c 2 "$WORK/laporan.docx" | grep -c "PK" >/dev/null || fail "laporan DOCX bukan berkas Word"
grep -a -c "word/media/image1.png" "$WORK/laporan.docx" >/dev/null || fail "grafik laporan DOCX"  # zip names are plain
run report --db "$WORK/skm.db" --kind olah-data --out "$WORK/olah-data.xlsx"
head -c 2 "$WORK/olah-data.xlsx" | grep -c "PK" >/dev/null || fail "olah data bukan XLSX"

step "kuesioner pindai dicetak lalu dibaca kembali (Pillow dan PDFium, tanpa numpy)"
run report --db "$WORK/skm.db" --kind kuesioner-pindai --copies 2 --mulai 5 --out "$WORK/pindai.pdf" >/dev/null
run pindai "$WORK/pindai.pdf" --db "$WORK/skm.db" --json > "$WORK/pindai.json"
# blank sheets: both located by their corner marks and codes, read, and refused as empty
grep -q '"forms": 2' "$WORK/pindai.json" && grep -q '"kosong": 2' "$WORK/pindai.json" \
  || { cat "$WORK/pindai.json" >&2; fail "pindai"; }
[ ! -e "$(dirname "$BIN")/_internal/numpy" ] || fail "numpy ada di dalam bundel"

step "paket .skm ke instalasi lain, impor ulang tanpa duplikat"
run export --db "$WORK/skm.db" --out "$WORK/paket.skm" | grep -c "^40 kuesioner" >/dev/null || fail "ekspor paket"
run import "$WORK/paket.skm" --db "$WORK/kota.db" | grep -c ": 40 kuesioner baru" >/dev/null || fail "impor paket"
run import "$WORK/paket.skm" --db "$WORK/kota.db" | grep -c ": 0 kuesioner baru, 40 sudah ada" >/dev/null || fail "impor ulang"

step "cadangan dan pemulihan"
run backup --db "$WORK/skm.db" --out "$WORK/cadangan.db" >/dev/null
run restore "$WORK/cadangan.db" --db "$WORK/kota.db" | grep -c "dipulihkan" >/dev/null || fail "restore"

step "basis data skema lama diperbarui (migrasi Alembic di dalam bundel)"
cp tests/fixtures/db/schema-0001.sqlite "$WORK/lama.db"
run summary --db "$WORK/lama.db" --periode "Tahun 2025" | grep -c "Responden: 60" >/dev/null || fail "migrasi"
ls "$WORK"/lama.sebelum-migrasi-*.db >/dev/null || fail "tidak ada cadangan sebelum migrasi"

step "berkas rusak ditolak dengan pesan"
printf 'no_kuesioner;u1\n1;9\n' > "$WORK/rusak.csv"
set +e
run import "$WORK/rusak.csv" --db "$WORK/skm.db" > "$WORK/rusak.out" 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "berkas rusak: kode keluar $code"
grep -q "Berkas tidak diimpor" "$WORK/rusak.out" || fail "berkas rusak: pesan"
run summary --db "$WORK/skm.db" | grep -c "Responden: 40" >/dev/null || fail "berkas rusak mengubah data"
[ -s "$WORK/log/skm-desktop.log" ] || fail "log tidak ditulis"

step "server PostgreSQL: psycopg dan libpq ada di dalam bundel"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 1)
set +e
run summary --db "postgresql://skm@127.0.0.1:$port/skm_smoke" > "$WORK/pg.out" 2>&1
code=$?
set -e
[ "$code" != 0 ] || fail "server yang tidak ada: kode keluar 0"
grep -q "Tidak dapat terhubung ke server PostgreSQL 127.0.0.1:$port" "$WORK/pg.out" || { cat "$WORK/pg.out" >&2; fail "server: pesan koneksi"; }
if grep -q "Traceback\|No module named" "$WORK/pg.out"; then cat "$WORK/pg.out" >&2; fail "server: psycopg tidak termuat"; fi
if [ -n "${SKM_TEST_PG_URL:-}" ]; then  # a live test server: the bundle creates and reads a database there
  run demo --db "$SKM_TEST_PG_URL" --responden 50 >/dev/null 2>&1 || true
  run summary --db "$SKM_TEST_PG_URL" --json | grep -c '"ikm' >/dev/null || fail "server: summary --json"
fi

end=$(date +%s.%N)
printf 'Uji asap program beku lulus dalam %.1f detik.\n' "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
