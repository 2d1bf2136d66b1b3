# Zhucun (zhu cun tai zhang) - build the Windows one-folder app and its installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Python C:\Python311\python.exe]
#                                       [-SkipSmoke] [-SkipInstaller]
#
# Needs: 64-bit Windows 10/11, Python >= 3.11 (64-bit, from python.org), Inno Setup 6.3 or newer
# (ISCC.exe on PATH or in its default folder), and a network connection to PyPI for the first run.
# Steps: .venv (created if missing) -> pip install -e .[package] -> pyinstaller packaging\zhucun.spec
# -> a short smoke run of dist\zhucun\zhucun.exe -> iscc packaging\windows\zhucun.iss.
# Result: dist\zhucun\ (the app, runs from any folder or USB stick) and
#         dist\installer\zhucun-<version>-setup.exe (the installer to carry to the village laptop).
# This file is ASCII on purpose: Windows PowerShell 5.1 reads a script without a BOM as ANSI.
param(
    [string]$Python = "",
    [switch]$SkipSmoke,
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Step($text) { Write-Host "[build] $text" -ForegroundColor Cyan }
function Check($what) { if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE)" } }

$Repo = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Repo
$Venv = Join-Path $Repo ".venv"
$Py = Join-Path $Venv "Scripts\python.exe"

# --- 1. virtual environment ------------------------------------------------------------------------
if (-not (Test-Path $Py)) {
    if ($Python -eq "") {
        if (Get-Command py -ErrorAction SilentlyContinue) { $base = @("py", "-3") } else { $base = @("python") }
    } else {
        $base = @($Python)
    }
    $exe = $base[0]
    $rest = @($base | Select-Object -Skip 1)
    & $exe @rest -c "import sys, struct; sys.exit(0 if sys.version_info >= (3, 11) and struct.calcsize('P') == 8 else 1)"
    if ($LASTEXITCODE -ne 0) { throw "a 64-bit Python >= 3.11 is required (pass -Python C:\path\to\python.exe)" }
    Step "creating .venv with $($base -join ' ')"
    & $exe @rest -m venv $Venv; Check "python -m venv"
    & $Py -m pip install --disable-pip-version-check -q --upgrade pip; Check "pip upgrade"
}

# --- 2. the project and PyInstaller (the `package` extra of pyproject.toml) -------------------------
Step "pip install -e .[package]"
& $Py -m pip install --disable-pip-version-check -q -e ".[package]"; Check "pip install -e .[package]"
# (no 2>$null here: Windows PowerShell 5.1 turns redirected stderr into a terminating error)
& $Py -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('PyInstaller') else 1)"
if ($LASTEXITCODE -ne 0) {
    # a pyproject.toml without the `package` extra yet
    Step "PyInstaller missing from the package extra: installing pyinstaller>=6.22,<7"
    & $Py -m pip install --disable-pip-version-check -q "pyinstaller>=6.22,<7"; Check "pip install pyinstaller"
}
$Version = (& $Py -c "import desktop; print(desktop.__version__)").Trim(); Check "reading the version"

# --- 3. PyInstaller -------------------------------------------------------------------------------
Step "pyinstaller packaging\zhucun.spec (Zhucun $Version)"
$started = Get-Date
& $Py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\zhucun.spec
Check "PyInstaller"
$App = Join-Path $Repo "dist\zhucun"
$Exe = Join-Path $App "zhucun.exe"
$bytes = (Get-ChildItem $App -Recurse -File | Measure-Object -Property Length -Sum).Sum
Step ("built {0} in {1:N0} s: {2:N0} MiB" -f $App, ((Get-Date) - $started).TotalSeconds, ($bytes / 1MB))

# --- 4. smoke run: the frozen exe, headless, in a throwaway data folder -----------------------------
if (-not $SkipSmoke) {
    $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("zhucun-smoke-" + [guid]::NewGuid().ToString("N"))
    New-Item -ItemType Directory -Path $tmp | Out-Null
    $env:ZHUCUN_HOME = Join-Path $tmp "must-stay-unused"
    try {
        Step "smoke run in $tmp"
        & $Exe --version; Check "zhucun --version"
        & $Exe doctor; Check "zhucun doctor (font, translations, PDFium, SQLCipher)"
        & $Exe --home "$tmp\demo" demo | Out-Null; Check "zhucun demo"
        & $Exe --home "$tmp\demo" check | Out-Null; Check "zhucun check"
        & $Exe --home "$tmp\demo" ledger roster --out "$tmp\roster.pdf" | Out-Null; Check "zhucun ledger roster"
        if (-not (Test-Path "$tmp\roster.pdf")) { throw "no roster PDF written" }
        & $Exe --home "$tmp\demo" xlsx export roster "$tmp\roster.xlsx" | Out-Null; Check "zhucun xlsx export"
        $env:QT_QPA_PLATFORM = "offscreen"; $env:ZHUCUN_QUIT_AFTER_MS = "1500"
        & $Exe --home "$tmp\demo" | Out-Null; Check "the GUI (offscreen, quits after 1.5 s)"
        Step "smoke run passed"
    } finally {
        Remove-Item Env:QT_QPA_PLATFORM, Env:ZHUCUN_QUIT_AFTER_MS, Env:ZHUCUN_HOME -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $tmp -ErrorAction SilentlyContinue
    }
}

# --- 5. installer ---------------------------------------------------------------------------------
if (-not $SkipInstaller) {
    $iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
    if ($iscc) { $iscc = $iscc.Source } else {
        $iscc = @(
            "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
            "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
            "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
        ) | Where-Object { Test-Path $_ } | Select-Object -First 1
    }
    if (-not $iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org, or pass -SkipInstaller" }
    Step "iscc packaging\windows\zhucun.iss"
    & $iscc /Q "/DAppVersion=$Version" "/DSourceDir=$App" "/O$(Join-Path $Repo 'dist\installer')" packaging\windows\zhucun.iss
    Check "iscc"
    Step "installer: dist\installer\zhucun-$Version-setup.exe"
}
