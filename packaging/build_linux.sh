#!/usr/bin/env bash
# Build the one-folder Linux bundle of Zhucun with PyInstaller (packaging/zhucun.spec).
#
#   bash packaging/build_linux.sh [--untrimmed]
#
# Result: dist/zhucun/zhucun (the executable) beside dist/zhucun/_internal/. Prints the build time and
# the folder's size; packaging/smoke_frozen.sh dist/zhucun then smoke-runs it.
#
# Needs the project's .venv (bash packaging/bootstrap.sh test|app makes it). Installs into it, when
# missing, the `package` optional dependencies of pyproject.toml (PyInstaller), and, as root on
# Debian/Ubuntu, binutils (objdump and strip, which PyInstaller uses on Linux).
#
#   --untrimmed              build with ZHUCUN_TRIM=0 (all Qt plugins, translations and modules the
#                            analysis finds) into dist/untrimmed/, to measure what trimming saves
# Environment:
#   ZHUCUN_VENV              the virtual environment to build with (default: .venv in the repository)
#   ZHUCUN_DIST_DIR          where the bundle goes (default: dist/ in the repository, gitignored)
#   ZHUCUN_BUILD_DIR         PyInstaller's work folder (default: build/pyinstaller, gitignored)
set -euo pipefail

log() { printf '[build] %s\n' "$*"; }
short() { LC_ALL=C.UTF-8 sed -E "s/^(.{$1}).+/\\1…/"; }  # first N characters (cut -c counts bytes)
die() { printf '[build] %s\n' "$*" >&2; exit 1; }

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${ZHUCUN_VENV:-$REPO/.venv}
PY=$VENV/bin/python
TRIM=1
SUFFIX=""  # --untrimmed: dist/untrimmed and build/pyinstaller-untrimmed (both gitignored)
for arg in "$@"; do
    case "$arg" in
        --untrimmed) TRIM=0; SUFFIX="untrimmed" ;;
        -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "未知参数 / unknown argument: $arg" ;;
    esac
done
DIST=${ZHUCUN_DIST_DIR:-$REPO/dist${SUFFIX:+/$SUFFIX}}
WORK=${ZHUCUN_BUILD_DIR:-$REPO/build/pyinstaller${SUFFIX:+-$SUFFIX}}

[[ -x $PY ]] || die "找不到虚拟环境 $VENV：请先运行 bash packaging/bootstrap.sh test / no venv: run bootstrap.sh first"

# --- binutils (PyInstaller calls objdump to read library dependencies and strip to shrink them) -------
if ! command -v objdump >/dev/null 2>&1 || ! command -v strip >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "安装 / installing binutils"
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends binutils; } >/dev/null ||
            die "apt-get install binutils 失败 / failed"
    else
        die "缺少 binutils（objdump、strip），请运行：sudo apt-get install binutils"
    fi
fi

# --- the Python shared library (PyInstaller bundles it; Debian's python3 ships it separately) ----------
LIBPYTHON=$("$PY" -c 'import sysconfig; print(sysconfig.get_config_var("INSTSONAME") or "")')
LIBDIR=$("$PY" -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")')
if [[ -n $LIBPYTHON && ! -e $LIBDIR/$LIBPYTHON ]] && ! ldconfig -p 2>/dev/null | grep -q "$LIBPYTHON"; then
    PKG=libpython$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "安装 / installing $PKG ($LIBPYTHON)"
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$PKG"; } >/dev/null ||
            die "apt-get install $PKG 失败 / failed"
    else
        die "缺少 $LIBPYTHON，请运行：sudo apt-get install $PKG"
    fi
fi

# --- PyInstaller, as pinned by pyproject's `package` extra -----------------------------------------
# Read from pyproject.toml so the pin lives in one place; the fallback is for a pyproject without it.
mapfile -t REQS < <("$PY" - "$REPO/pyproject.toml" <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    extras = tomllib.load(f)["project"].get("optional-dependencies", {})
print("\n".join(extras.get("package", ["pyinstaller>=6.22,<7"])))
EOF
)
if ! "$PY" - "${REQS[@]}" <<'EOF'
import sys
from importlib.metadata import PackageNotFoundError, version
from packaging.requirements import Requirement
for text in sys.argv[1:]:
    req = Requirement(text)
    try:
        if not req.specifier.contains(version(req.name), prereleases=True):
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
EOF
then
    log "安装 / installing ${REQS[*]}"
    "$PY" -m pip install -q --disable-pip-version-check "${REQS[@]}" || die "pip install ${REQS[*]} 失败 / failed"
fi
log "$("$PY" -m PyInstaller --version | sed 's/^/PyInstaller /'), $("$PY" --version)"

# --- Build ----------------------------------------------------------------------------------------
mkdir -p "$WORK"
BUILD_LOG=$WORK/build.log
log "构建 / building $DIST/zhucun (trim=$TRIM; log: $BUILD_LOG)"
start=$(date +%s)
if ! ZHUCUN_TRIM=$TRIM "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$DIST" --workpath "$WORK" "$REPO/packaging/zhucun.spec" >"$BUILD_LOG" 2>&1; then
    tail -n 40 "$BUILD_LOG" >&2
    die "PyInstaller 失败 / failed (full log: $BUILD_LOG)"
fi
seconds=$(( $(date +%s) - start ))
# the spec's own lines (what was trimmed) and PyInstaller's warnings, short
grep -E '^zhucun\.spec:' "$BUILD_LOG" | short 300 || true
grep -E 'WARNING|ERROR' "$BUILD_LOG" | sed 's/^[0-9]* //' | sort -u | short 200 || true

APP=$DIST/zhucun
[[ -x $APP/zhucun ]] || die "构建结果缺少可执行文件 / $APP/zhucun is missing"
size_mib=$(du -sm "$APP" | cut -f1)
files=$(find "$APP" -type f | wc -l)
log "完成 / built in ${seconds}s: $APP — ${size_mib} MiB, $files files (trim=$TRIM)"
log "最大的部分 / largest parts:"
# (awk, not head: head closing the pipe early would fail the script under pipefail)
du -sm "$APP"/_internal/* "$APP"/_internal/PySide6/Qt/* 2>/dev/null | sort -rn | awk 'NR <= 8 { print "[build]   " $0 }'
