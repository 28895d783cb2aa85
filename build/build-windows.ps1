# Builds SKM Desktop for Windows: the program folder (PyInstaller) and the
# installer (Inno Setup 6). Run in PowerShell from any folder:
#   powershell -ExecutionPolicy Bypass -File build\build-windows.ps1
# Options: -Python "C:\Python311\python.exe"  -NoInstaller
# Needs: Python 3.10-3.12 (64-bit) from python.org, Inno Setup 6 (https://jrsoftware.org),
# both installed beforehand; the build itself downloads nothing else than the
# Python packages of pyproject.toml into .venv.
param(
    [string]$Python = "py",
    [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Check($what) {
    if ($LASTEXITCODE -ne 0) { throw "$what gagal (kode $LASTEXITCODE)" }
}

# 1. an isolated Python environment with the program and PyInstaller
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    if ($Python -eq "py") { & py -3 -m venv .venv } else { & $Python -m venv .venv }
    Check "membuat .venv"
}
$py = Join-Path $Root ".venv\Scripts\python.exe"
& $py -m pip install --upgrade pip | Out-Null
& $py -m pip install -c build\requirements.lock -e ".[build]"
Check "pip install"

# 2. the version shown by the installer (the .exe version resource is written by the spec)
$version = (& $py -c "import skm_desktop; print(skm_desktop.__version__)").Trim()
Check "membaca versi"

# 3. the one-folder program: build\dist\skm-desktop\SKM Desktop.exe (+ skm-desktop.exe for the CLI)
$sw = [Diagnostics.Stopwatch]::StartNew()
& $py -m PyInstaller --noconfirm --clean --log-level WARN --distpath build\dist --workpath build\work skm_desktop.spec
Check "PyInstaller"
$sw.Stop()
$bytes = (Get-ChildItem build\dist\skm-desktop -Recurse -File | Measure-Object -Property Length -Sum).Sum
"Build selesai dalam {0:N0} detik; ukuran bundel {1:N0} MB." -f $sw.Elapsed.TotalSeconds, ($bytes / 1MB)

# 4. a quick check of the frozen program (console twin), without the venv on PATH
$exe = Join-Path $Root "build\dist\skm-desktop\skm-desktop.exe"
$tmp = Join-Path $env:TEMP ("skm-uji-" + [guid]::NewGuid())
New-Item -ItemType Directory $tmp | Out-Null
$env:QT_QPA_PLATFORM = "offscreen"
& $exe --version; Check "--version"
& $exe demo --db "$tmp\demo.db"; Check "demo"
& $exe summary --db "$tmp\demo.db"; Check "summary"
& $exe report --db "$tmp\demo.db" --kind laporan --out "$tmp\laporan.pdf"; Check "report"
Remove-Item Env:\QT_QPA_PLATFORM
Remove-Item -Recurse -Force $tmp

# 5. the installer: build\dist\SKM-Desktop-<versi>-setup.exe
if (-not $NoInstaller) {
    $iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
              "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $iscc) { throw "Inno Setup 6 (ISCC.exe) tidak ditemukan; pasang dari https://jrsoftware.org/isdl.php" }
    & $iscc "/DAppVersion=$version" build\installer.iss
    Check "Inno Setup"
    Get-Item "build\dist\SKM-Desktop-$version-setup.exe" | ForEach-Object { "Installer: {0} ({1:N0} MB)" -f $_.FullName, ($_.Length / 1MB) }
}
