#!/usr/bin/env bash
# Kiosk under a real window manager: Xvfb + openbox, `skm-desktop --kiosk`.
# Checks that the window covers the whole screen and survives Escape, Alt+F4,
# Ctrl+W, Ctrl+Q, a WM close request (WM_DELETE_WINDOW), minimising and
# another window taking the focus; then that the PIN (typed by clicks on the
# kiosk's own pad after the long press) closes it.
# Usage: tests/kiosk/wm_check.sh [DISPLAY_NUMBER] [WIDTHxHEIGHT]   (default 14, 1280x800)
set -u
NUM=${1:-14}
SIZE=${2:-1280x800}
W=${SIZE%x*}; H=${SIZE#*x}
PY=${PYTHON:-/tmp/venv/bin/python}
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in Xvfb openbox xdotool xwininfo; do
  command -v $tool >/dev/null || { echo "LEWATI: $tool tidak terpasang"; exit 0; }
done
TMP=$(mktemp -d)
export DISPLAY=:$NUM
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"; }
trap cleanup EXIT
Xvfb :$NUM -screen 0 ${W}x${H}x24 -nolisten tcp >/dev/null 2>&1 & PIDS+=($!)
sleep 1
openbox >/dev/null 2>&1 & PIDS+=($!)
sleep 1
"$PY" - "$TMP/kios.db" <<'PYEOF'
import sys
from skm_desktop.storage.database import open_database
from skm_desktop.services import demo, kiosk
db = open_database(sys.argv[1]); demo.create_demo(db, n=40); kiosk.set_pin(db, "2468"); db.close()
PYEOF
unset QT_QPA_PLATFORM
if command -v skm-desktop >/dev/null || [ -x "$(dirname "$PY")/skm-desktop" ]; then
  CMD=("$(dirname "$PY")/skm-desktop" --kiosk --db "$TMP/kios.db")
else
  CMD=("$PY" -m skm_desktop.ui.kiosk --db "$TMP/kios.db")
fi
"${CMD[@]}" >"$TMP/kiosk.log" 2>&1 & KPID=$!; PIDS+=($KPID)
WID=""
for i in $(seq 1 40); do
  WID=$(xdotool search --pid $KPID --onlyvisible --name "Kios" 2>/dev/null | head -1)
  [ -n "$WID" ] && break; sleep 0.5
done
FAIL=0
check() {  # $1 = what was just done
  sleep 1.2
  if ! kill -0 $KPID 2>/dev/null; then echo "GAGAL setelah $1: proses kios berhenti"; FAIL=1; return; fi
  local map geo active
  map=$(xwininfo -id "$WID" 2>/dev/null | awk '/Map State/{print $3}')
  geo=$(xwininfo -id "$WID" 2>/dev/null | awk '/Absolute upper-left X/{x=$4} /Absolute upper-left Y/{y=$4} /Width/{w=$2} /Height/{h=$2} END{print x","y" "w"x"h}')
  active=$(xdotool getactivewindow 2>/dev/null)
  if [ "$map" = "IsViewable" ] && [ "$geo" = "0,0 ${W}x${H}" ]; then
    echo "OK   $1: jendela tetap terbuka, terpetakan, $geo, aktif=$([ "$active" = "$WID" ] && echo ya || echo tidak)"
  else
    echo "GAGAL $1: map=$map geometri=$geo"; FAIL=1
  fi
}
if [ -z "$WID" ]; then echo "GAGAL: jendela kios tidak muncul"; cat "$TMP/kiosk.log"; exit 1; fi
echo "Perintah: ${CMD[*]}"
check "mulai (layar ${W}x${H})"
SHOT=${SHOT_DIR:-/tmp}/kiosk-wm-${W}x${H}.png
command -v import >/dev/null && import -window root "$SHOT" 2>/dev/null && echo "Tangkapan layar: $SHOT"
xdotool mousemove $((W/2)) $((H/2)) click 1   # tap somewhere: the kiosk has focus
for k in Escape alt+F4 ctrl+w ctrl+q; do
  xdotool key --clearmodifiers $k; check "tombol $k"
done
"$PY" "$HERE/x11_close_request.py" "$WID"; check "permintaan tutup WM_DELETE_WINDOW"
xdotool windowminimize "$WID"; check "diminimalkan"
if command -v xmessage >/dev/null; then
  xmessage -center "jendela lain" & XM=$!; PIDS+=($XM)
  sleep 1; xdotool search --pid $XM | head -1 | xargs -r xdotool windowactivate 2>/dev/null
  check "jendela lain mengambil fokus"
  kill $XM 2>/dev/null
fi
# the way out: long press (3 s) in the top-left corner, then the PIN on the kiosk's pad
xdotool mousemove 10 10 mousedown 1; sleep 3.5; xdotool mouseup 1; sleep 1
# where the PIN pad's buttons are at this screen size (same code, laid out off screen)
QT_QPA_PLATFORM=offscreen "$PY" - "$TMP/kios.db" "$W" "$H" >"$TMP/pad.txt" 2>/dev/null <<'PYEOF'
import sys
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
app = QApplication([])
from skm_desktop.storage.database import open_database
from skm_desktop.ui.kiosk.window import KioskWindow
w = KioskWindow(open_database(sys.argv[1])); w.resize(int(sys.argv[2]), int(sys.argv[3])); w.show()
app.processEvents(); w.open_pin(); app.processEvents()
for key in "0123456789":
    b = w.overlay().findChild(type(w.find_button("ok")), f"tombol-{key}")
    c = b.mapTo(w, b.rect().center()); print(key, c.x(), c.y())
b = w.find_button("ok"); c = b.mapTo(w, b.rect().center()); print("ok", c.x(), c.y())
PYEOF
tap_key() { local xy; xy=$(awk -v k="$1" '$1==k{print $2" "$3}' "$TMP/pad.txt"); xdotool mousemove $xy click 1; sleep 0.6; }
for d in 1 3 5 7; do tap_key $d; done; tap_key ok; check "PIN salah (1357)"
xdotool mousemove 10 10 mousedown 1; sleep 3.5; xdotool mouseup 1; sleep 1
for d in 2 4 6 8; do tap_key $d; done; tap_key ok
for i in $(seq 1 20); do kill -0 $KPID 2>/dev/null || break; sleep 0.5; done
if kill -0 $KPID 2>/dev/null; then echo "GAGAL PIN benar: kios tidak tertutup"; FAIL=1
else wait $KPID; echo "OK   PIN benar (2468): kios tertutup, kode keluar $?"; fi
if [ $FAIL -eq 0 ]; then echo "HASIL: semua jalan keluar tertutup"; else echo "HASIL: ADA YANG GAGAL"; fi
exit $FAIL
