"""nabz.trust stands alone: no Django, no database driver, even through the console script."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

FORBIDDEN = ("django", "ninja", "psycopg", "httpx", "sqlite3")


def _run(code: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    probe = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import sys
        bad = sorted(m for m in sys.modules if m.split(".")[0] in {FORBIDDEN!r})
        print("IMPORTED:" + ",".join(bad))
        """
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
    )


def test_importing_and_running_the_engine_imports_no_django() -> None:
    result = _run(
        """
        import nabz.trust
        from nabz.trust import check, all_rules
        all_rules()
        check("Meet Sara, who beat cancer. Call her on +1 415 555 0134.", network="x")
        check("قصة المريض أحمد ٠٥٠١٢٣٤٥٦٧", kind="reply", context={"incoming": "ساعدوني"})
        check("داستان بیمار ما ۰۹۱۲ ۳۴۵ ۶۷۸۹", language="fa")
        """
    )
    assert result.returncode == 0, result.stderr
    assert "IMPORTED:\n" in result.stdout or result.stdout.strip().endswith("IMPORTED:")


def test_the_check_command_runs_without_django(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Flu vaccines are free at our clinics this week.\n", encoding="utf-8")
    result = _run(
        f"""
        import io, contextlib
        from nabz.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["check", {str(draft)!r}, "--format", "sarif"])
        main(["rules", "--format", "markdown"])
        assert code in (0, 1), code
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("IMPORTED:")


def test_the_probe_can_see_a_forbidden_import() -> None:
    # Guards the two tests above against a probe that could never fail.
    result = _run("import django")
    assert "IMPORTED:django" in result.stdout
