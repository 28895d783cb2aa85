"""Every bound an imported CSV/XLSX file is checked against, in one place.

The numbers are far above what a real unit ever produces (the largest unit
survey in the reference material has 10,351 forms; the standard template has 21
columns) and far below what would make a modest Windows PC swap: with them, any
file is read within a few hundred MB and refused or imported in seconds.
Every check happens BEFORE the data it guards is read or allocated.
"""

from __future__ import annotations

# --- the file as a whole -------------------------------------------------------
# A CSV of 200,000 rows of the standard template is about 12 MB; an XLSX of
# that many rows about 8 MB. Anything larger is not a respondent file.
MAX_FILE_BYTES = 32 * 1024 * 1024

# --- the table -----------------------------------------------------------------
# Data rows (the header not counted): 20x the largest real survey.
MAX_DATA_ROWS = 200_000
# Columns: 7 base + up to 40 unsur + 5 tail columns fit with room to spare; a
# row or cell reference beyond this is refused, so nothing is ever allocated
# for a sparse reference such as cell ZZZZZZ2.
MAX_COLUMNS = 64
# A sheet row number beyond this cannot be a data row (header + MAX_DATA_ROWS
# plus room for blank rows between blocks).
MAX_ROW_NUMBER = 2 * MAX_DATA_ROWS
# Text of one cell: Excel's own limit.
MAX_CELL_CHARS = 32_767
# Column names in the header row: real names are at most ~15 characters.
MAX_HEADER_CHARS = 100
# Free-text columns: a suggestion of a page and a half is a lot for a form.
MAX_SARAN_CHARS = 2_000
MAX_SHORT_TEXT_CHARS = 200  # jenis_layanan, batch, operator

# --- the XLSX container (a zip) ------------------------------------------------
# A workbook written by Excel/LibreOffice/openpyxl has 8-20 parts.
MAX_ZIP_MEMBERS = 200
# Uncompressed size of the sheet XML: the program's own export of 50,000 rows
# is 41 MB (~820 bytes a row), so this admits ~80,000 exported rows (8x the
# largest real survey) and bounds the parse time of any sheet to seconds.
MAX_SHEET_XML_BYTES = 64 * 1024 * 1024
# Every other part we read (workbook, relationships, styles, shared strings).
MAX_PART_XML_BYTES = 32 * 1024 * 1024
# All declared uncompressed sizes together (parts we do not read included).
MAX_TOTAL_UNCOMPRESSED = 160 * 1024 * 1024
# Deflate ratio of one part: real sheets compress 10-40x (a 50,000-row sheet of
# the benchmark generator: 11x); zip bombs reach 1000x. Only checked for
# parts larger than 1 MB (tiny parts compress arbitrarily well).
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_BYTES = 1024 * 1024
# Distinct shared strings: every distinct text of a 200,000-row file fits.
MAX_SHARED_STRINGS = 1_000_000

# --- reporting -----------------------------------------------------------------
# Problems kept and listed: the list itself must stay bounded for a hostile
# file with millions of bad cells; the rest are counted ("dan N masalah lain").
MAX_PROBLEMS_KEPT = 1_000

# --- scanned forms (io.pindai) -------------------------------------------------
# A scanner's PDF of 200 A4 pages at 300 dpi is 50-150 MB; a folder image of one page a few MB.
MAX_SCAN_FILE_BYTES = 1024 * 1024 * 1024  # never read whole: pages are rendered one by one
MAX_SCAN_IMAGE_BYTES = 64 * 1024 * 1024
MAX_SCAN_PAGES = 5_000  # one PDF (2.5x the largest numbered run the program prints)
MAX_SCAN_FILES = 20_000  # images in one folder
# pixels of one page: A4 at 600 dpi is 35 million; a decompression bomb is refused before decoding
MAX_SCAN_PIXELS = 40_000_000
