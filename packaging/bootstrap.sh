#!/usr/bin/env bash
# Zhucun 驻村台账 — one-command set-up for Debian 12 / Ubuntu (and a best effort elsewhere).
#
#   bash packaging/bootstrap.sh app  [ARGS...]   set up, then start the app (ARGS go to the app)
#   bash packaging/bootstrap.sh test [ARGS...]   set up, then ruff + mypy + the whole test suite (ARGS go to pytest)
#
# What it does, in order:
#   1. finds a Python >= 3.11;
#   2. installs the Debian/Ubuntu system packages Qt (and, for `test`, the test suite) needs,
#      when running as root; otherwise prints the one apt-get command to run;
#   3. creates .venv in the repository root if missing, and pip-installs the project into it
#      (skipped when .venv/.zhucun-installed is newer than pyproject.toml);
#   4. starts the app, or runs ruff, mypy and pytest.
#
# Environment variables honoured:
#   ZHUCUN_PYTHON            interpreter used to create .venv (default: python3, then python3.13/3.12/3.11)
#   ZHUCUN_SKIP_APT=1        do not check or install system packages at all
#   ZHUCUN_FORCE_INSTALL=1   run pip install even when the stamp file says it is up to date
#   CI=true                  (test mode) sets ZHUCUN_REQUIRE_POSTGRES=1 unless already set, so the
#                            PostgreSQL tests fail instead of being skipped
#   ZHUCUN_REQUIRE_POSTGRES  passed through to the tests as is
#   PIP_* (PIP_INDEX_URL, ...) are read by pip itself.
set -euo pipefail

log()  { printf '[zhucun] %s\n' "$*"; }
warn() { printf '[zhucun] %s\n' "$*" >&2; }
die()  { warn "$*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
用法 / usage:
  bash packaging/bootstrap.sh app  [参数 / args for the app...]
  bash packaging/bootstrap.sh test [参数 / args for pytest...]
EOF
    exit 2
}

[[ $# -ge 1 ]] || usage
MODE=$1
shift
case "$MODE" in
    app|test) ;;
    -h|--help|help) usage ;;
    *) warn "未知模式 / unknown mode: $MODE"; usage ;;
esac

# Work from the repository root, wherever the script is called from.
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"

VENV=$REPO_ROOT/.venv
STAMP=$VENV/.zhucun-installed
IS_ROOT=0
[[ $(id -u) -eq 0 ]] && IS_ROOT=1

# ---------------------------------------------------------------------------
# 1. Python >= 3.11
# ---------------------------------------------------------------------------
python_ok() {  # python_ok CMD -> true when CMD is a Python >= 3.11
    command -v "$1" >/dev/null 2>&1 &&
        "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

PYTHON=""
if [[ -n ${ZHUCUN_PYTHON:-} ]] && ! python_ok "$ZHUCUN_PYTHON"; then
    warn "ZHUCUN_PYTHON=$ZHUCUN_PYTHON 不是 Python >= 3.11 / is not a Python >= 3.11, looking further"
fi
for candidate in ${ZHUCUN_PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if python_ok "$candidate"; then
        PYTHON=$candidate
        break
    fi
done
if [[ -z $PYTHON ]]; then
    die "需要 Python 3.11 或更新版本 / Python >= 3.11 is required (Debian 12: sudo apt-get install python3 python3-venv)"
fi
PYVER=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')

# ---------------------------------------------------------------------------
# 2. System packages (Debian/Ubuntu only)
# ---------------------------------------------------------------------------
# Qt needs these even with QT_QPA_PLATFORM=offscreen.
QT_BASE_PKGS=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 libdbus-1-3)
# A real window (xcb platform plugin); also used by the screenshot tests under Xvfb.
QT_WINDOW_PKGS=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
                libxcb-image0 libxcb-render-util0 libxcb-randr0)
# Test suite only: PDF checks, PostgreSQL server binaries, virtual X server for screenshots.
TEST_PKGS=(poppler-utils postgresql xvfb xauth binutils)
# No system CJK font is installed on purpose: the app ships and registers its own
# (resources/fonts), and a system copy would hide a registration bug.

APT_UPDATED=0
apt_install() {  # apt_install PKG... (root only); quiet, but shows apt's output when it fails
    export DEBIAN_FRONTEND=noninteractive
    local out status=0
    out=$(mktemp)
    if [[ $APT_UPDATED -eq 0 ]]; then
        apt-get update -qq >"$out" 2>&1 || status=$?
        [[ $status -eq 0 ]] && APT_UPDATED=1
    fi
    if [[ $status -eq 0 ]]; then
        apt-get install -y -qq --no-install-recommends "$@" >"$out" 2>&1 || status=$?
    fi
    [[ $status -ne 0 ]] && tail -n 20 "$out" >&2
    rm -f "$out"
    return "$status"
}

pkg_installed() {  # pkg_installed NAME -> true if NAME (or Ubuntu 24.04's NAMEt64 rename) is installed
    local name status
    for name in "$1" "${1}t64"; do
        status=$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true)
        [[ $status == *"ok installed" ]] && return 0
    done
    return 1
}

ensure_system_packages() {
    if [[ ${ZHUCUN_SKIP_APT:-} == 1 ]]; then
        log "跳过系统软件包检查 / skipping system package check (ZHUCUN_SKIP_APT=1)"
        return 0
    fi
    if ! command -v dpkg-query >/dev/null 2>&1; then
        log "非 Debian/Ubuntu 系统，跳过系统软件包检查 / not Debian/Ubuntu: skipping system packages (Qt needs libGL, libEGL, fontconfig, xkbcommon, xcb-cursor)"
        return 0
    fi

    local wanted=("${QT_BASE_PKGS[@]}" "${QT_WINDOW_PKGS[@]}") missing=() pkg
    [[ $MODE == test ]] && wanted+=("${TEST_PKGS[@]}")
    for pkg in "${wanted[@]}"; do
        pkg_installed "$pkg" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0

    if [[ $IS_ROOT -eq 1 ]] && command -v apt-get >/dev/null 2>&1; then
        log "安装系统软件包 / installing system packages: ${missing[*]}"
        if apt_install "${missing[@]}"; then
            return 0
        fi
        warn "系统软件包安装失败 / apt-get install failed: ${missing[*]}"
    else
        warn "缺少系统软件包：${missing[*]} 请运行：sudo apt-get install ${missing[*]}"
    fi
    if [[ $MODE == test ]]; then
        die "测试需要以上软件包；设置 ZHUCUN_SKIP_APT=1 可跳过检查 / the tests need them; set ZHUCUN_SKIP_APT=1 to try anyway"
    fi
    log "仍尝试启动 / trying to continue anyway"
}

ensure_system_packages

# ---------------------------------------------------------------------------
# 3. Virtual environment and Python packages
# ---------------------------------------------------------------------------
VENV_ERROR=""
make_venv() {  # quiet on success; keeps the error text for the message on failure
    rm -rf "$VENV"
    VENV_ERROR=$("$PYTHON" -m venv "$VENV" 2>&1) && return 0
    rm -rf "$VENV"  # venv leaves a half-made directory behind when ensurepip is missing
    return 1
}

# A .venv whose interpreter no longer runs (repository moved, Python removed) is rebuilt.
if [[ -d $VENV ]] && ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
    log "虚拟环境已损坏，重新创建 / .venv is broken, recreating it"
    rm -rf "$VENV"
fi

if [[ ! -x $VENV/bin/python ]]; then
    log "创建虚拟环境 / creating .venv with $PYTHON (Python $PYVER)"
    if ! make_venv; then
        if [[ $VENV_ERROR != *ensurepip* ]]; then
            warn "$VENV_ERROR"
            die "无法创建虚拟环境 / '$PYTHON -m venv .venv' failed"
        fi
        # Debian/Ubuntu ship ensurepip (which venv needs) in a separate package.
        if [[ $IS_ROOT -eq 1 ]] && command -v apt-get >/dev/null 2>&1; then
            log "安装 / installing python${PYVER}-venv"
            apt_install "python${PYVER}-venv" || apt_install python3-venv ||
                die "无法安装 python3-venv / could not install python3-venv"
            make_venv || { warn "$VENV_ERROR"; die "无法创建虚拟环境 / '$PYTHON -m venv .venv' failed"; }
        else
            die "缺少 venv/ensurepip，请运行：sudo apt-get install python${PYVER}-venv / missing ensurepip: install python${PYVER}-venv"
        fi
    fi
    log "升级 pip / upgrading pip"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip ||
        warn "pip 升级失败，继续 / pip upgrade failed, continuing with the bundled pip"
fi

# The stamp records what was installed: "test" covers "app" as well.
if [[ $MODE == test ]]; then
    SPEC='.[test,package]'
else
    SPEC='.'
fi
stamp_ok() {
    [[ ${ZHUCUN_FORCE_INSTALL:-} != 1 && -f $STAMP && $STAMP -nt pyproject.toml ]] || return 1
    local have
    have=$(cat "$STAMP")
    [[ $have == test || $have == "$MODE" ]]
}

if stamp_ok; then
    log "依赖已是最新 / dependencies up to date"
else
    log "安装依赖 / installing dependencies (pip install -e '$SPEC')"
    if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$SPEC"; then
        rm -f "$STAMP"
        die "依赖安装失败 / pip install failed (see the errors above)"
    fi
    echo "$MODE" > "$STAMP"
fi

# ---------------------------------------------------------------------------
# 4. Run
# ---------------------------------------------------------------------------
if [[ $MODE == app ]]; then
    log "启动 / starting Zhucun"
    # No QT_QPA_PLATFORM here: the app itself reports a missing display. On a first start the demo
    # village opens at once (an installed app asks with its first-start wizard instead).
    export ZHUCUN_DEMO_IF_EMPTY="${ZHUCUN_DEMO_IF_EMPTY:-1}"
    exec "$VENV/bin/python" -m desktop "$@"
fi

# test mode
export QT_QPA_PLATFORM=offscreen
if [[ ${CI:-} == true ]]; then
    export ZHUCUN_REQUIRE_POSTGRES=${ZHUCUN_REQUIRE_POSTGRES:-1}
fi

lint_dirs=()
for dir in desktop tests bench; do
    [[ -d $dir ]] && lint_dirs+=("$dir")
done
log "代码检查 / ruff check ${lint_dirs[*]}"
ruff_status=0
"$VENV/bin/ruff" check "${lint_dirs[@]}" || ruff_status=$?
log "类型检查 / mypy (pyproject.toml [tool.mypy])"
mypy_status=0
"$VENV/bin/mypy" || mypy_status=$?

log "运行测试 / running pytest"
pytest_status=0
"$VENV/bin/python" -m pytest "$@" || pytest_status=$?

# pytest's own code wins (5 = no tests collected counts as a failure, as any non-zero);
# a clean pytest run still fails when ruff found problems.
if [[ $pytest_status -ne 0 ]]; then
    exit "$pytest_status"
fi
if [[ $ruff_status -ne 0 ]]; then
    warn "ruff 发现问题 / ruff reported problems (exit $ruff_status)"
    exit 1
fi
if [[ $mypy_status -ne 0 ]]; then
    warn "mypy 发现问题 / mypy reported problems (exit $mypy_status)"
    exit 1
fi
exit 0
