"""`pip install nabz` gets everything the engine and the app read at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "nabz"
DATA_SUFFIXES = {
    ".yaml",
    ".yml",
    ".toml",
    ".tsv",
    ".txt",
    ".json",
    ".html",
    ".css",
    ".js",
    ".svg",
    ".png",
    ".po",
    ".mo",
}


def test_wheel_ships_every_data_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("nabz-*.whl"))
    shipped = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "nabz/" + str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts
    }
    assert expected, "no data files found: the test would prove nothing"
    missing = sorted(expected - shipped)
    assert not missing, f"not in the wheel: {missing[:10]}"
