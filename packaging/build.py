"""Build the desktop bundle with PyInstaller and smoke-run it, on Linux, Windows and macOS.

    python packaging/build.py              build dist/medlemsvard/, then smoke-run it
    python packaging/build.py --no-smoke   build only
    python packaging/build.py --archive    also pack it for handing out (Linux .tar.gz with
                                           install.sh, Windows .zip, macOS .dmg)

Run it with the Python of a venv that has the app installed (``packaging/setup.sh`` on
Linux; ``py -m venv .venv && .venv\\Scripts\\pip install .`` on Windows). On Debian,
``build.sh`` first installs the system packages PyInstaller needs and then runs this.
The smoke run is the same everywhere: ``--version``, a demo association, a welcome letter
as PDF, and the window opened offscreen and closed again.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "medlemsvard"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"


def _version() -> str:
    sys.path.insert(0, str(ROOT))
    from medlemsvard_app import __version__

    return __version__


def icons() -> None:
    """The PNG icon as .ico (Windows, several sizes) and .icns (macOS) for the spec and the
    Windows installer; Pillow is there already (ReportLab needs it)."""
    from PIL import Image

    out = ROOT / "build" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    with Image.open(ROOT / "resources" / "icons" / "medlemsvard.png") as image:
        square = image.convert("RGBA")
        square.save(out / "medlemsvard.ico",
                    sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
        square.save(out / "medlemsvard.icns")


def build() -> None:
    icons()
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "pyinstaller>=6.10"], check=True)
    shutil.rmtree(BUNDLE, ignore_errors=True)
    shutil.rmtree(ROOT / "build" / "pyinstaller", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "packaging" / "medlemsvard.spec")], check=True, cwd=ROOT)
    if not WINDOWS and not MACOS:
        # the Linux installer travels inside the folder, so an unpacked archive installs itself
        for name in ("install.sh", "uninstall.sh", "medlemsvard.desktop"):
            target = BUNDLE / name
            shutil.copy2(ROOT / "packaging" / "linux" / name, target)
            target.chmod(0o644 if name.endswith(".desktop") else 0o755)
    size = sum(f.stat().st_size for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"build: {BUNDLE.relative_to(ROOT)}/ is {size / 1e6:.0f} MB")


def _command_line_exe() -> Path:
    return BUNDLE / ("medlemsvard-cli.exe" if WINDOWS else "medlemsvard")


def _run(*args: str | Path, env: dict[str, str]) -> str:
    done = subprocess.run([str(a) for a in args], env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=300)
    if done.returncode != 0:
        sys.exit(f"build: smoke run failed: {' '.join(map(str, args))} exited "
                 f"{done.returncode}\n{done.stdout}\n{done.stderr}")
    return done.stdout.strip()


def smoke() -> None:
    exe = _command_line_exe()
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        env = {**os.environ, "MEDLEMSVARD_DATA_DIR": str(work / "data"),
               "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
        print(_run(exe, "--version", env=env))
        db = work / "demo.sqlite"
        _run(exe, "demo", "--members", "60", "--db", db, "--language", "en", env=env)
        _run(exe, "members", "--db", db, "--json", env=env)
        letter = work / "welcome.pdf"
        _run(exe, "letters", "--db", db, "--template", "welcome", "--out", letter, env=env)
        if not letter.is_file() or letter.read_bytes()[:5] != b"%PDF-":
            sys.exit("build: smoke run failed: no welcome letter PDF")
        title = _run(exe, "gui", "--db", db, "--quit-after", "1500", env=env)
        if not title:
            sys.exit("build: smoke run failed: the window did not open")
        print(f"build: the window opened: {title}")
        if not WINDOWS and not MACOS:
            _smoke_linux_install(work, env)
    print("build: smoke run passed")


def _smoke_linux_install(work: Path, env: dict[str, str]) -> None:
    """install.sh into a throw-away home: the menu entry must start the installed copy."""
    home = work / "home"
    env = {**env, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    _run("sh", BUNDLE / "install.sh", env=env)
    entry = home / ".local/share/applications/medlemsvard.desktop"
    exec_line = next(line for line in entry.read_text("utf-8").splitlines()
                     if line.startswith("Exec="))
    installed = Path(exec_line.removeprefix("Exec=").split()[0].strip('"'))
    print(f"build: installed for a user: {_run(installed, '--version', env=env)}")
    _run("sh", home / ".local/opt/medlemsvard/uninstall.sh", env=env)
    if entry.exists() or installed.exists():
        sys.exit("build: smoke run failed: uninstall.sh left the app behind")


def archive() -> Path:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    stem = f"medlemsvard-{_version()}"
    if WINDOWS:
        out = shutil.make_archive(str(DIST / f"{stem}-windows-{machine}"), "zip", DIST,
                                  "medlemsvard")
        return Path(out)
    if MACOS:
        out = DIST / f"{stem}-macos-{machine}.dmg"
        out.unlink(missing_ok=True)
        subprocess.run(["hdiutil", "create", "-volname", "Medlemsvård", "-srcfolder",
                        str(DIST / "Medlemsvård.app"), "-ov", "-format", "UDZO", str(out)],
                       check=True)
        return out
    out = DIST / f"{stem}-linux-{machine}.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        tar.add(BUNDLE, arcname="medlemsvard")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-smoke", action="store_true", help="build only")
    parser.add_argument("--archive", action="store_true", help="also pack the bundle")
    args = parser.parse_args()
    build()
    if not args.no_smoke:
        smoke()
    if args.archive:
        print(f"build: {archive().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
