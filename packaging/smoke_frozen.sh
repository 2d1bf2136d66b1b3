#!/usr/bin/env bash
# Smoke-run a frozen Zhucun build (packaging/build_linux.sh) headless, in throwaway data folders.
#
#   bash packaging/smoke_frozen.sh DIST_DIR      # DIST_DIR: dist/zhucun (or dist/, which holds it)
#
# Runs the executable as a user would, never the source tree: --version; init of an encrypted village
# (SQLCipher, Argon2id: the passphrase from ZHUCUN_PASSPHRASE; no name readable in its files); households,
# members, a visit and photos (Pillow: EXIF-rotated JPEG, PNG); check; the demo village in another
# folder; PDFs (roster, 一户一档 with a photo) with the CJK font embedded (pdffonts); Excel out and in
# (openpyxl); a backup; a signed, encrypted bundle from the village to a township and back (both set up
# with init, identity export and trust --fingerprint); the GUI offscreen on the demo village and on the
# township. Any unexpected exit code, a Python traceback or a crash file in a data folder fails it,
# loudly, with the command and its output. Needs pdffonts (poppler-utils).
set -euo pipefail

die() {
    printf '[smoke] 失败 / FAILED: %s\n' "$*" >&2
    echo "smoke: ${STEPS:-0} passed, 1 failed"
    exit 1
}
short() { LC_ALL=C.UTF-8 sed -E "s/^(.{$1}).+/\\1…/"; }  # first N characters (cut -c counts bytes)
[[ $# -eq 1 ]] || die "usage: bash packaging/smoke_frozen.sh DIST_DIR"

DIST=$(cd "$1" 2>/dev/null && pwd) || die "no such folder: $1"
[[ -x $DIST/zhucun && -f $DIST/zhucun ]] || { [[ -x $DIST/zhucun/zhucun ]] && DIST=$DIST/zhucun; }
BIN=$DIST/zhucun
[[ -x $BIN && -f $BIN ]] || die "no executable zhucun in $DIST"
command -v pdffonts >/dev/null 2>&1 || die "pdffonts is missing: apt-get install poppler-utils"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/zhucun-smoke.XXXXXX")
KEEP=${ZHUCUN_SMOKE_KEEP:-0}  # 1: leave the data folders behind for a look
cleanup() { if [[ $KEEP == 1 ]]; then echo "[smoke] kept $TMP"; else rm -rf "$TMP"; fi; }
trap cleanup EXIT

# A clean, headless environment: no source tree on any path, no real home or data folder.
cd "$TMP"
mkdir -p home runtime stick
chmod 700 runtime
export HOME=$TMP/home XDG_RUNTIME_DIR=$TMP/runtime XDG_DATA_HOME=$TMP/home/.local/share
export ZHUCUN_HOME=$TMP/default-home-must-stay-empty
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 LC_ALL=C.UTF-8
unset PYTHONPATH PYTHONHOME DISPLAY WAYLAND_DISPLAY ZHUCUN_QUIT_AFTER_MS ZHUCUN_DEMO_IF_EMPTY
V=$TMP/village T=$TMP/township D=$TMP/demo
STEPS=0
START=$(date +%s)

# run EXPECTED_CODE ARGS... : run the frozen binary; stdout in $OUT, stderr in $ERR
run() {
    local expected=$1 code=0 t0
    shift
    t0=$(date +%s%N)
    timeout 300 "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" || code=$?
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
    local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    if [[ $code -ne $expected ]] || grep -qE 'Traceback|ModuleNotFoundError|ImportError|Could not load the Qt platform plugin' "$TMP/err"; then
        {
            echo "[smoke] \$ zhucun $*"
            echo "[smoke] exit code $code, expected $expected"
            echo "--- stdout"; tail -n 40 "$TMP/out"
            echo "--- stderr"; tail -n 60 "$TMP/err"
            for crash in "$TMP"/*/logs/crash-*.txt; do
                if [[ -f $crash ]]; then echo "--- $crash"; tail -n 60 "$crash"; fi
            done
        } >&2
        die "zhucun $*"
    fi
    STEPS=$((STEPS + 1))
    printf '[smoke] ok %5d ms  zhucun %s\n' "$ms" "$*" | short 160
}
expect() {  # expect TEXT: the last command's stdout+stderr contains TEXT
    grep -qF -- "$1" <<<"$OUT$ERR" || die "expected “$1” in the output of the last command; got: $OUT $ERR"
}

# --- the program itself ---------------------------------------------------------------------------
run 0 --version; expect "zhucun "
run 0 --help; expect "驻村台账"
# every part the frozen build must carry: the font, both translations, PDFium for the preview, SQLCipher
run 0 doctor; expect "各个组件都正常"; expect "PDFium"; expect "Households"; expect "取消"

# --- a village, encrypted by default (SQLCipher, Argon2id; migrations from files, keys, the write path)
export ZHUCUN_PASSPHRASE=雪山下的格桑花2026   # every command on the village reads it (the others are plain)
run 0 --home "$V" init --village-code 513301 --village-name 亚弄村 --user 扎西 --province 四川省 --groups 一组,二组
expect "恢复码"
RECOVERY=$(sed -n 's/^ *\([0-9A-Z]\{5\}\(-[0-9A-Z]\{5\}\)\{7\}\)$/\1/p' <<<"$OUT")
[[ -n $RECOVERY ]] || die "init printed no recovery code: $OUT"
run 0 --home "$V" security status; expect "已加密"
# the printed code opens the keyring (the same passphrase set again; a new code is printed)
ZHUCUN_RECOVERY_CODE=$RECOVERY ZHUCUN_NEW_PASSPHRASE=$ZHUCUN_PASSPHRASE run 0 --home "$V" security recover
expect "原恢复码已作废"
ZHUCUN_PASSPHRASE=不是这个口令啊 run 2 --home "$V" household list; expect "口令不对"
run 0 --home "$V" household add --number 001 --head name=卓嘎 --head id_number=513301198001011230 --set 贫困户属性=脱贫户
run 0 --home "$V" member add 001 --set name=格桑 --set id_number=513301201003150028 --set relation=之女
run 0 --home "$V" household edit 001 --set 联系电话=13800000000
run 0 --home "$V" visit add 001 --content 了解务工情况 --follow-up 核实医保@2026-12-01
run 0 --home "$V" household list --search zg; expect "卓嘎"
! grep -rqaF -e 卓嘎 -e 513301198001011230 "$V" || die "a name or ID number is readable in the encrypted village"

# photos through Pillow: a JPEG with EXIF orientation 6 and a PNG (base64, made with Pillow)
base64 -d >"$TMP/厨房.jpg" <<'EOF'
/9j/4AAQSkZJRgABAQAAAQABAAD/4QAiRXhpZgAATU0AKgAAAAgAAQESAAMAAAABAAYAAAAAAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAgADADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDH+5/u/wAqdRTfuf7v8q8n+J6/n/wfz9d/tP4f+H8v+B+Xps6iiisjYb9z/d/lTqKb9z/d/lWv8T1/P/g/n674/wAP/D+X/A/L02dRRRWRsN+5/u/yp1FN+5/u/wAq1/iev5/8H8/XfH+H/h/L/gfl6bOooorI2P/Z
EOF
base64 -d >"$TMP/院子.png" <<'EOF'
iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAGUlEQVR4nGOUW2DDQApgIkn1qIZRDUNKAwAvywEaq1XOeQAAAABJRU5ErkJggg==
EOF
printf 'not a picture' >"$TMP/坏.jpg"
run 0 --home "$V" photo add 001 "$TMP/厨房.jpg" "$TMP/院子.png" --dimension 住房安全 --caption 危房改造后
run 2 --home "$V" photo add 001 "$TMP/坏.jpg"   # a bad file: one Chinese line, exit 2
run 0 --home "$V" photo list 001; expect "危房改造后"
run 0 --home "$V" check
run 0 --home "$V" log 001

# --- printed ledgers (reportlab, the shipped font) ----------------------------------------------
check_pdf() {  # check_pdf FILE: a PDF whose CJK font is embedded
    local pdf=$1 fonts
    [[ -s $pdf ]] || die "no PDF written: $pdf"
    fonts=$(pdffonts "$pdf") || die "pdffonts cannot read $pdf"
    # columns: name type encoding emb sub uni object ID
    awk 'NR > 2 && /WenQuanYi/ && $(NF-4) == "yes" { found = 1 } END { exit !found }' <<<"$fonts" ||
        die "the CJK font is not embedded in $pdf:
$fonts"
    echo "[smoke]    $(basename "$pdf"): $(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2 " pages, "}')$(sed -n 3p <<<"$fonts" | awk '{print $1 " embedded"}')"
}
run 0 --home "$V" ledger household 001 --out "$TMP/001.pdf"; check_pdf "$TMP/001.pdf"
run 0 --home "$V" ledger roster --out "$TMP/village-roster.pdf"; check_pdf "$TMP/village-roster.pdf"

# --- Excel out and back in (openpyxl): a second import of the same sheet changes nothing ---------
run 0 --home "$V" xlsx export roster "$TMP/花名册.xlsx"
[[ -s $TMP/花名册.xlsx ]] || die "no xlsx written"
run 0 --home "$V" xlsx import "$TMP/花名册.xlsx" --dry-run
run 0 --home "$V" xlsx export gaps "$TMP/gaps.xlsx"

run 0 --home "$V" backup --to "$TMP/backups"
ls "$TMP"/backups/* >/dev/null 2>&1 || die "backup wrote nothing"

# --- the demo village in another folder ---------------------------------------------------------
run 0 --home "$D" demo
run 0 --home "$D" household list; expect "共 "
run 0 --home "$D" check
run 0 --home "$D" ledger roster --out "$TMP/roster.pdf"; check_pdf "$TMP/roster.pdf"
run 0 --home "$D" ledger card --out "$TMP/cards.pdf"; check_pdf "$TMP/cards.pdf"

# --- sync: village -> township -> village, over the "USB stick" ----------------------------------
fingerprint() { run 0 --home "$1" identity show; FP=$(sed -n 's/^指纹：//p' <<<"$OUT"); }
run 0 --home "$T" init --role township --township-code 513301100 --township-name 姑咱镇 --user 洛桑 --no-encryption
expect "不加密"
run 0 --home "$V" identity export --out "$TMP/stick/village.zcid"
run 0 --home "$T" identity export --out "$TMP/stick/township.zcid"
fingerprint "$V"; FP_V=$FP
fingerprint "$T"; FP_T=$FP
[[ $FP_V =~ ^[0-9]{4}( [0-9]{4}){5}$ && $FP_T =~ ^[0-9]{4}( [0-9]{4}){5}$ ]] || die "no fingerprint: '$FP_V' '$FP_T'"
run 2 --home "$V" trust "$TMP/stick/township.zcid" --fingerprint "0000 0000 0000 0000 0000 0000"
run 0 --home "$V" trust "$TMP/stick/township.zcid" --fingerprint "$FP_T"
run 0 --home "$T" trust "$TMP/stick/village.zcid" --fingerprint "$FP_V"
run 0 --home "$V" bundle export --to "$TMP/stick/township.zcid" --out "$TMP/stick"
BUNDLE=$(find "$TMP/stick" -name '*.zcb' | head -n 1)
[[ -n $BUNDLE ]] || die "bundle export wrote no .zcb"
run 0 --home "$T" bundle inspect "$BUNDLE"
run 0 --home "$T" bundle import --dry-run "$BUNDLE"
run 0 --home "$T" bundle import "$BUNDLE"
run 10 --home "$T" bundle import "$BUNDLE"   # again: nothing new
run 0 --home "$T" household list --village 513301; expect "卓嘎"
run 0 --home "$T" photo list 001 --json; expect "危房改造后"
run 0 --home "$T" ledger roster --all-villages --out "$TMP/township-roster.pdf"; check_pdf "$TMP/township-roster.pdf"
run 0 --home "$T" bundle export --to "$FP_V" --out "$TMP/back.zcb"
run_back=0
"$BIN" --home "$V" bundle import "$TMP/back.zcb" >"$TMP/out" 2>"$TMP/err" || run_back=$?
[[ $run_back -eq 0 || $run_back -eq 10 ]] || { cat "$TMP/out" "$TMP/err" >&2; die "village import of the township's bundle: exit $run_back"; }
STEPS=$((STEPS + 1)); echo "[smoke] ok            zhucun bundle import back.zcb (exit $run_back)"
run 0 --home "$T" sync status; expect "亚弄村"
run 0 --home "$V" dump --village 513301; DUMP_V=$OUT
run 0 --home "$T" dump --village 513301; DUMP_T=$OUT
[[ $DUMP_V == "$DUMP_T" ]] || die "the village's records differ between the village and the township:
$(diff <(echo "$DUMP_V") <(echo "$DUMP_T") | head -n 20)"

# --- the GUI, offscreen: start for real, open the main window, quit after 1.5 s -----------------
export ZHUCUN_QUIT_AFTER_MS=1500
run 0 --home "$D"                 # the demo village
run 0 --home "$T" gui             # a township (各村 page first)
run 0 --home "$TMP/gui-first"     # an empty folder: opens with the demo village when quitting early
unset ZHUCUN_QUIT_AFTER_MS

# nothing crashed, nothing touched the default data folder
crashes=$(find "$TMP" -path '*/logs/crash-*.txt' | head -n 5)
[[ -z $crashes ]] || die "crash files: $crashes"
[[ ! -e $ZHUCUN_HOME ]] || die "the default data folder was used: $ZHUCUN_HOME"

echo "[smoke] 全部通过 / all steps passed in $(( $(date +%s) - START ))s ($BIN)"
echo "smoke: $STEPS passed, 0 failed"
