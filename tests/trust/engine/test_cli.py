"""`nabz check` and `nabz rules` as a communications team uses them, in CI too (journey 7)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from nabz.trust import catalogue
from nabz.trust.cli import main
from nabz.trust.registry import all_rules

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "tests/data/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ONLY_CONSENT = {"disabled_rules": [r.code for r in all_rules() if r.family != "CON"]}

STORY_EN = "Meet Sara, who beat breast cancer after eight months of treatment with us.\n"
STORY_AR = "تعرفوا على سلمى التي تغلبت على سرطان الثدي بعد ثمانية أشهر من العلاج معنا.\n"
STORY_FA = "با مریم آشنا شوید؛ او پس از هشت ماه درمان در بیمارستان ما سرطان را شکست داد.\n"
CLEAN = "Flu vaccines are free at all our clinics this week.\n"


class FakeStdin(io.StringIO):
    def __init__(self, data: bytes = b"", tty: bool = False) -> None:
        super().__init__()
        self.buffer = io.BytesIO(data)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run(*argv: str, stdin: bytes = b"", tty: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=FakeStdin(stdin, tty), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "story-en.md").write_text(STORY_EN, encoding="utf-8")
    (folder / "story-ar.md").write_text(STORY_AR, encoding="utf-8")
    (folder / "story-fa.md").write_text(STORY_FA, encoding="utf-8")
    (folder / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "only-consent.json").write_text(
        json.dumps({"settings": ONLY_CONSENT, "today": "2025-06-01"}), encoding="utf-8"
    )
    return folder


def config(drafts: Path) -> str:
    return str(drafts.parent / "only-consent.json")


# --- exit codes -------------------------------------------------------------------------
def test_clean_file_exits_0(drafts: Path) -> None:
    code, out, err = run("check", str(drafts / "clean.md"), "--config", config(drafts))
    assert code == 0 and err == ""
    assert "clean.md: ok, trust score 100/100" in out


def test_blocking_finding_exits_1_in_every_language(drafts: Path) -> None:
    for name in ("story-en.md", "story-ar.md", "story-fa.md"):
        code, out, _ = run("check", str(drafts / name), "--config", config(drafts))
        assert code == 1, name
        assert f"{name}:1:1: CON201 [block]" in out


def test_warnings_only_exit_0(drafts: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "soft.yaml"
    cfg.write_text(
        "settings:\n  severity_overrides:\n    CON201: warn\n  disabled_rules: "
        + json.dumps(ONLY_CONSENT["disabled_rules"])
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", str(drafts / "story-en.md"), "--config", str(cfg))
    assert code == 0
    assert "CON201 [warn]" in out


def test_quoted_glob_checks_every_draft_and_fails_the_build(drafts: Path) -> None:
    code, out, _ = run("check", str(drafts / "*.md"), "--config", config(drafts))
    assert code == 1
    assert "4 texts checked: 3 findings, 3 blocking" in out


def test_stdin_with_dash(drafts: Path) -> None:
    code, out, _ = run("check", "-", "--config", config(drafts), stdin=STORY_FA.encode())
    assert code == 1
    assert "<stdin>:1:1: CON201" in out
    assert "رضایت‌نامه" in out  # the message is in Persian, like the text


def test_stdin_is_read_when_no_file_is_given(drafts: Path) -> None:
    code, _, _ = run("check", "--config", config(drafts), stdin=CLEAN.encode())
    assert code == 0


# --- options, config and front matter -----------------------------------------------------
def test_front_matter_sets_the_network_and_offsets_stay_file_relative(drafts: Path) -> None:
    draft = drafts / "linkedin.md"
    draft.write_text(
        "---\ntitle: Sara's story\nnetwork: linkedin\nconsents:\n  - label: F-12\n"
        "    networks: [instagram]\n---\n" + STORY_EN,
        encoding="utf-8",
    )
    code, out, _ = run("check", str(draft), "--config", config(drafts), "--format", "json")
    assert code == 1
    data = json.loads(out)
    (finding,) = data["files"][0]["findings"]
    assert finding["code"] == "CON202" and finding["line"] == 8
    # A flag on the command line wins over the file.
    code, _, _ = run("check", str(draft), "--config", config(drafts), "--network", "instagram")
    assert code == 0


def test_lang_flag_controls_language_and_messages(drafts: Path) -> None:
    code, out, _ = run("check", str(drafts / "story-en.md"), "--config", config(drafts),
                       "--format", "json")  # fmt: skip
    assert json.loads(out)["files"][0]["language"] == "en"
    code, out, _ = run(
        "check", str(drafts / "story-en.md"), "--config", config(drafts), "--kind", "reply"
    )
    assert code == 0  # consent rules look at posts only


def test_json_output_has_file_name_and_report(drafts: Path) -> None:
    code, out, _ = run(
        "check", str(drafts / "story-ar.md"), str(drafts / "clean.md"),
        "--config", config(drafts), "--format", "json",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 1
    assert [f["file"] for f in data["files"]] == [
        str(drafts / "story-ar.md"),
        str(drafts / "clean.md"),
    ]
    first = data["files"][0]
    assert first["language"] == "ar" and first["blocking"] == 1 and first["score"] <= 49
    assert data["summary"] == {"files": 2, "findings": 1, "blocking": 1, "warnings": 0, "notes": 0}
    finding = first["findings"][0]
    assert STORY_AR[finding["start"] : finding["end"]] == finding["text"]


def test_sarif_validates_against_the_schema_and_has_one_run(drafts: Path) -> None:
    code, out, _ = run(
        "check", str(drafts / "*.md"), "--config", config(drafts), "--format", "sarif"
    )
    sarif = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    assert code == 1
    (run_,) = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    assert all(r["help"]["text"] and "What it does" in r["help"]["text"] for r in rules)
    assert len(run_["results"]) == 3 and len(run_["artifacts"]) == 4
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == 1 and region["startColumn"] == 1


def test_sarif_for_a_clean_file_is_valid_with_no_results(drafts: Path) -> None:
    code, out, _ = run(
        "check", str(drafts / "clean.md"), "--format", "sarif", "--config", config(drafts)
    )
    sarif = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    assert sarif["runs"][0]["results"] == [] and code == 0


def test_the_validator_would_catch_a_broken_log() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate({"version": "2.1.0", "runs": [{"results": []}]})


# --- bad input: exit 2, one line, no traceback -----------------------------------------
@pytest.mark.parametrize(
    ("setup", "argv", "expected"),
    [
        (None, ["check", "{d}/missing.md"], "no such file"),
        (None, ["check", "{d}"], "is a directory"),
        (None, ["check", "{d}/nothing-*.txt"], "no files match"),
        ("bad.md:bytes", ["check", "{d}/bad.md"], "not valid UTF-8"),
        (None, ["check", "--frobnicate", "{d}/clean.md"], "unrecognized arguments"),
        (None, ["check", "--lang", "de", "{d}/clean.md"], "invalid choice"),
        (None, ["check", "--format", "xml", "{d}/clean.md"], "invalid choice"),
        ("c.json:{", ["check", "--config", "{d}/c.json", "{d}/clean.md"], "bad JSON"),
        ("c.yaml:a: [1", ["check", "--config", "{d}/c.yaml", "{d}/clean.md"], "bad YAML"),
        ("c.yaml:consent: []", ["check", "--config", "{d}/c.yaml", "{d}/clean.md"], "unknown key"),
        ("c.yaml:- 1", ["check", "--config", "{d}/c.yaml", "{d}/clean.md"], "mapping"),
        ("c.yaml:today: soon", ["check", "--config", "{d}/c.yaml", "{d}/clean.md"], "ISO date"),
        ("c.yaml:network: myspace", ["check", "--config", "{d}/c.yaml", "{d}/clean.md"], "network"),
        ("f.md:---\nkind: tweet\n---\nhi", ["check", "{d}/f.md"], "kind must be one of"),
        (None, ["lint"], "invalid choice"),
        (None, [], "expected a command"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(
    drafts: Path, setup: str | None, argv: list[str], expected: str
) -> None:
    if setup:
        name, _, content = setup.partition(":")
        data = b"caf\xe9 \xff" if content == "bytes" else content.encode()
        (drafts / name).write_bytes(data)
    code, out, err = run(*[a.format(d=drafts) for a in argv])
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("nabz: error: ")
    assert expected in err
    assert "Traceback" not in err


def test_no_input_on_a_terminal_is_a_usage_error() -> None:
    code, _, err = run("check", tty=True)
    assert code == 2 and "no input" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    assert "--format" in capsys.readouterr().out


# --- the installed console script ---------------------------------------------------------
def _console(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    script = Path(sys.executable).parent / "nabz"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "nabz.cli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    return subprocess.run(
        [*command, *args], cwd=cwd, input=stdin, capture_output=True, env=env, timeout=60
    )


def test_console_script_in_ci_with_sarif(drafts: Path) -> None:
    result = _console(
        "check", "drafts/story-fa.md", "drafts/clean.md", "--format", "sarif",
        "--config", "only-consent.json", cwd=drafts.parent,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    uris = [a["location"]["uri"] for a in sarif["runs"][0]["artifacts"]]
    assert uris == ["drafts/story-fa.md", "drafts/clean.md"]


def test_console_script_reports_bad_input_on_one_line(drafts: Path) -> None:
    (drafts / "latin1.md").write_bytes("Caf\xe9 opening hours".encode("latin-1"))
    result = _console("check", "drafts/latin1.md", cwd=drafts.parent)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and b"Traceback" not in result.stderr
    missing = _console("check", "drafts/none.md", cwd=drafts.parent)
    assert missing.returncode == 2 and b"no such file" in missing.stderr


# --- the catalogue ------------------------------------------------------------------------
def test_rules_lists_every_rule() -> None:
    code, out, _ = run("rules")
    assert code == 0
    for r in all_rules():
        assert r.code in out and r.title in out


def test_rules_json_has_translations() -> None:
    code, out, _ = run("rules", "--format", "json")
    data: list[dict[str, Any]] = json.loads(out)
    assert code == 0 and {"en", "ar", "fa"} <= set(data[0]["message"])


def test_docs_rules_md_is_current() -> None:
    code, out, _ = run("rules", "--format", "markdown")
    assert code == 0 and out == catalogue.render_markdown()
    current = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    assert current == out, (
        "docs/rules.md is stale: run `nabz rules --format markdown > docs/rules.md`"
    )


def test_rules_markdown_documents_the_score_and_every_rule() -> None:
    text = catalogue.render_markdown()
    assert "## Trust score" in text and "caps the score at 49" in text
    for r in all_rules():
        assert f"### {r.code}: {r.title}" in text
