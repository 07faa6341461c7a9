"""Issue 13, the CLI's conventions: format names as choices, validate --format github,
status --fail-on, Chinese --help and usage errors, the OS locale, shell completion (bash
for real), broken pipes, unencodable output, worktargets.toml, --version."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from conftest import ROOT
from worktargets.cli import app

runner = CliRunner()
DEMO = ROOT / "examples" / "demo"
AS_OF = ["--as-of", "2022-06-30"]
CJK = re.compile(r"[\u4e00-\u9fff]")
KNOWN_FORMATS = {"table", "json", "csv", "markdown", "html", "xlsx", "docx", "text", "github"}


def commands() -> dict[str, click.Command]:
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def env_without_locale(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "WORKTARGETS_LANG")}
    env.update(extra)
    return env


# ---------------------------------------------------------------- formats

def test_every_format_option_is_a_choice_of_the_shared_names() -> None:
    seen = {}
    for name, cmd in commands().items():
        for p in cmd.params:
            if "--format" in getattr(p, "opts", []):
                assert isinstance(p.type, click.Choice), name
                assert set(p.type.choices) <= KNOWN_FORMATS, (name, p.type.choices)
                assert "-f" in p.opts, name
                seen[name] = tuple(p.type.choices)
    for name in ("status", "gaps", "overdue", "forecast", "owners", "snails", "bulletin", "show", "coverage",
                 "template", "schema", "validate", "diff"):
        assert name in seen, f"{name} has no --format"
    assert seen["validate"] == ("text", "json", "github")


@pytest.mark.parametrize("name", ["status", "gaps", "validate", "show investment", "coverage", "bulletin"])
def test_an_unknown_format_is_a_usage_error(name: str) -> None:
    r = runner.invoke(app, [*name.split(), "--data", str(DEMO), "-f", "xml"])
    assert r.exit_code == 2 and "xml" in r.stderr


def test_every_report_command_has_one_output_option() -> None:
    for name in ("status", "gaps", "overdue", "forecast", "owners", "snails", "bulletin", "show", "coverage",
                 "template", "schema", "validate", "diff"):
        outs = [p for p in commands()[name].params if "--output" in getattr(p, "opts", [])]
        assert len(outs) == 1 and "-o" in outs[0].opts, name


def test_validate_github_prints_annotations(tmp_path: Path) -> None:
    data = tmp_path / "d"
    shutil.copytree(DEMO, data)
    bad = data / "progress" / "2022-06" / "区商务局.csv"
    bad.write_text(bad.read_text(encoding="utf-8") + "2022-06-30,no-such-target,3,示例数据（虚构）\n", encoding="utf-8")
    r = runner.invoke(app, ["validate", "--data", str(data), "-f", "github", "--lang", "en"])
    assert r.exit_code == 1
    lines = [line for line in r.stdout.splitlines() if line.startswith("::")]
    assert lines, r.stdout
    m = re.match(r"::error file=([^,]+),line=(\d+),title=([a-z-]+)::(.+)$", lines[0])
    assert m, lines[0]
    assert m.group(1).endswith("区商务局.csv") and int(m.group(2)) > 1 and m.group(3)
    ok = runner.invoke(app, ["validate", "--data", str(DEMO), "-f", "github"])
    assert ok.exit_code == 0 and "::error" not in ok.stdout


def test_github_annotation_escapes_newlines_and_property_separators() -> None:
    from worktargets.cli.validate_cmd import github_line
    from worktargets.errors import Problem

    line = github_line(Problem("csv-syntax", "a,b:c.csv", 3, None, {"detail": "50%\nnext"}), "en")
    assert line.startswith("::error file=a%2Cb%3Ac.csv,line=3,title=csv-syntax::")
    assert "%25" in line and line.count("\n") == 1  # the message's own line break is shown as ␊ (errors.printable)


def test_status_fail_on_exits_1_for_ci() -> None:
    base = ["status", "--data", str(DEMO), *AS_OF, "-f", "json"]
    r = runner.invoke(app, [*base, "--fail-on", "behind,far_behind"])
    assert r.exit_code == 1 and "far_behind" not in r.stdout[:0]  # the report is still printed
    assert r.stdout.startswith("{") and "--fail-on" in r.stderr and "projects-completed" in r.stderr
    assert runner.invoke(app, [*base, "--fail-on", "overdue"]).exit_code == 0
    assert runner.invoke(app, [*base, "--fail-on", "far_behind", "--owner", "水利"]).exit_code == 0
    assert runner.invoke(app, [*base, "--fail-on", "late"]).exit_code == 2


# ---------------------------------------------------------------- Chinese --help and Click's errors

def test_help_runs_in_a_real_process_in_english() -> None:
    # typer 0.17 crashed here (rich.markup not imported) while CliRunner, with rich loaded, passed
    run = subprocess.run([sys.executable, "-m", "worktargets", "status", "--help"], capture_output=True, text=True,
                         env=env_without_locale(LANG="C.UTF-8"))
    assert run.returncode == 0 and "Usage:" in run.stdout and "--fail-on" in run.stdout, run.stderr


def test_chinese_locale_gives_chinese_status_help() -> None:
    run = subprocess.run([sys.executable, "-m", "worktargets", "status", "--help"], capture_output=True, text=True,
                         env=env_without_locale(LANG="zh_CN.UTF-8"))
    assert run.returncode == 0
    assert "用法" in run.stdout and "选项" in run.stdout and "显示本帮助并退出" in run.stdout
    assert "Show this message" not in run.stdout and "Usage:" not in run.stdout
    assert "按章节显示每项目标" in run.stdout


@pytest.mark.parametrize("var", ["LC_ALL", "LC_MESSAGES", "LANG"])
def test_any_chinese_locale_variable_or_lang_zh(var: str) -> None:
    run = subprocess.run([sys.executable, "-m", "worktargets", "--help"], capture_output=True, text=True,
                         env=env_without_locale(**{var: "zh_CN.UTF-8"}))
    assert "命令" in run.stdout and "Commands" not in run.stdout
    r = runner.invoke(app, ["gaps", "--help", "--lang", "zh"])
    assert "用法" in r.stdout and "只看该单位牵头的目标" in r.stdout


@pytest.mark.parametrize("args, words", [
    (["status", "--bogus"], "没有这个选项"),
    (["show"], "缺少参数"),
    (["status", "-f", "xml"], "的值无效"),
    (["stauts"], "没有这个命令"),
    (["status", "extra"], "多余的参数"),
])
def test_click_usage_errors_are_chinese(args: list[str], words: str) -> None:
    r = runner.invoke(app, [*args, "--lang", "zh"])
    assert r.exit_code == 2
    assert words in r.stderr and "错误" in r.stderr and "查看帮助" in r.stderr
    assert "Error" not in r.stderr and "Usage" not in r.stderr and "Try " not in r.stderr


def test_english_again_after_chinese_in_one_process() -> None:
    assert "没有这个选项" in runner.invoke(app, ["status", "--bogus", "--lang", "zh"]).stderr
    r = runner.invoke(app, ["status", "--bogus", "--lang", "en"])
    assert "No such option" in r.stderr and CJK.search(r.stderr) is None
    assert "Show this message" in runner.invoke(app, ["status", "--help", "--lang", "en"]).stdout


def test_every_help_text_has_a_chinese_translation() -> None:
    from worktargets.cli.i18n import HELP_ZH

    group = typer.main.get_command(app)
    missing = []
    for cmd in [group, *commands().values()]:
        texts = [cmd.help] + [getattr(p, "help", None) for p in cmd.params]
        missing += [f"{cmd.name}: {t!r}" for t in texts if t and t not in HELP_ZH and not CJK.search(t[:8])]
    assert not missing, "help without Chinese (add it to cli/i18n.HELP_ZH):\n" + "\n".join(missing)


def test_click_words_we_translate_are_clicks_words() -> None:
    import typer as typer_pkg

    from worktargets.cli.i18n import CLICK_VARIANTS, CLICK_ZH

    source = "".join(p.read_text(encoding="utf-8") for pkg in (click, typer_pkg)
                     for p in Path(pkg.__file__).parent.glob("*.py"))
    # each word is the installed Click's, or one that only other releases have (8.2 and 8.5 differ)
    stale = [k for k in CLICK_ZH if k not in source and k not in CLICK_VARIANTS]
    assert not stale, f"not (or no longer) in Click/Typer: {stale}"
    assert "No such option: {name}" in source or "No such option {name!r}." in source
    for core in ("Usage:", "Options", "Error: {message}", "Try '{command} {option}' for help.", "Missing argument",
                 "Invalid value for {param_hint}: {message}"):
        assert core in source and core in CLICK_ZH


def test_locale_from_the_operating_system_when_no_variable_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    from worktargets import langs

    for var in ("WORKTARGETS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("zh_CN", "UTF-8"))
    assert langs.detect_lang(None) == "zh"
    monkeypatch.setattr(locale, "getlocale", lambda *a: (None, None))
    assert langs.detect_lang(None) == "en"
    monkeypatch.setenv("LANG", "C.UTF-8")  # a variable wins over the system
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("zh_CN", "UTF-8"))
    assert langs.detect_lang(None) == "en"


def test_windows_ui_language_is_read_through_ctypes(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes
    import types

    from worktargets import langs

    fake = types.SimpleNamespace(kernel32=types.SimpleNamespace(GetUserDefaultUILanguage=lambda: 0x0804))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", fake, raising=False)
    assert langs.os_language().lower().startswith("zh")
    fake.kernel32.GetUserDefaultUILanguage = lambda: 0x0409
    assert langs.os_language().lower().startswith("en")


def test_pydantic_english_does_not_leak_into_chinese_catalogue_errors(tmp_path: Path) -> None:
    data = tmp_path / "d"
    shutil.copytree(DEMO, data)
    y = data / "targets.yaml"
    y.write_text(y.read_text(encoding="utf-8").replace("year: 2022", "year: 二〇二二", 1), encoding="utf-8")
    r = runner.invoke(app, ["validate", "--data", str(data), "--lang", "zh"])
    assert r.exit_code == 1 and "targets.yaml" in r.stdout
    problem_lines = [line for line in r.stdout.splitlines() if "targets.yaml" in line]
    for line in problem_lines:
        message = line.split(": ", 2)[-1]
        assert not re.search(r"\b(Input should|valid integer|Field required|unable to parse)\b", message), line


# ---------------------------------------------------------------- completion

_SCRIPTS: dict[str, str] = {}


def _bash_complete(words: list[str], cwd: Path | None = None) -> list[str]:
    """Candidates from the completion script ``--show-completion bash`` prints, run by bash
    (the script asked of the real console script once; each completion runs it for real)."""
    bindir = str(Path(sys.executable).parent)
    if not (Path(bindir) / "worktargets").exists():
        pytest.skip("the worktargets console script is not installed beside this Python")
    env = env_without_locale(PATH=f"{bindir}:{os.environ.get('PATH', '')}", LANG="C.UTF-8")
    if "bash" not in _SCRIPTS:
        _SCRIPTS["bash"] = subprocess.run(["worktargets", "--show-completion", "bash"], capture_output=True, text=True,
                                          env=env, check=True).stdout
    script = _SCRIPTS["bash"]
    assert "_WORKTARGETS_COMPLETE=complete_bash" in script
    line = " ".join(words)
    program = (f"{script}\nCOMP_WORDS=({line})\nCOMP_CWORD={len(words) - 1}\n"
               f"_worktargets_completion worktargets\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    run = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True, env=env,
                         cwd=cwd, timeout=30)
    assert run.returncode == 0, run.stderr
    return [c for c in run.stdout.splitlines() if c]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_formats_ids_and_owners() -> None:
    assert "status" in _bash_complete(["worktargets", "sta"])
    assert set(_bash_complete(["worktargets", "status", "--format", "''"])) == {"table", "json", "csv", "markdown"}
    assert _bash_complete(["worktargets", "validate", "-f", "g"]) == ["github"]
    ids = _bash_complete(["worktargets", "show", "--data", str(DEMO), "hog"])
    assert ids == ["hogs-slaughtered"]
    owners = _bash_complete(["worktargets", "gaps", "--data", str(DEMO), "--owner", "区水"])
    assert owners == ["区水利局"]
    assert "--as-of" in _bash_complete(["worktargets", "status", "--as"])


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_ids_from_the_default_data_folder(tmp_path: Path) -> None:
    shutil.copytree(DEMO, tmp_path / "data")
    assert _bash_complete(["worktargets", "show", "investm"], cwd=tmp_path) == ["investment"]
    assert _bash_complete(["worktargets", "show", "x"], cwd=tmp_path / "data" / "progress") == []  # no data: nothing


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_each_shell(shell: str) -> None:
    r = runner.invoke(app, ["--show-completion", shell], prog_name="worktargets")
    assert r.exit_code == 0 and "_WORKTARGETS_COMPLETE" in r.stdout and "complete" in r.stdout


def test_install_completion_is_offered() -> None:
    r = runner.invoke(app, ["--help"])
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


# ---------------------------------------------------------------- pipes and encodings

REPORT_COMMANDS = ["status", "gaps", "overdue", "forecast", "owners", "snails", "bulletin", "show investment",
                   "show investment --chart", "coverage", "validate", "status -f csv", "gaps -f json",
                   "diff --from 2022-05-31 --to 2022-06-30"]


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo for the commands that only read it (outside the repository)."""
    copy = tmp_path_factory.mktemp("pipe") / "d"
    shutil.copytree(DEMO, copy)
    return copy


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="needs bash and head")
@pytest.mark.parametrize("cmd", REPORT_COMMANDS)
def test_a_closed_pipe_exits_0(cmd: str, demo_copy: Path) -> None:
    big = demo_copy
    as_of = "" if cmd.split()[0] in ("coverage", "validate", "diff") else "--as-of 2022-06-30"
    line = f"set -o pipefail; {sys.executable} -m worktargets {cmd} --data {big} {as_of} | head -1"
    run = subprocess.run(["bash", "-c", line], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 1
    assert "Traceback" not in run.stderr and "Broken pipe" not in run.stderr and "internal error" not in run.stderr


@pytest.mark.parametrize("cmd", [["show", "hogs-slaughtered", "--chart"], ["status"], ["gaps"], ["bulletin"]])
def test_output_a_gbk_terminal_cannot_show_is_replaced(cmd: list[str]) -> None:
    run = subprocess.run([sys.executable, "-m", "worktargets", *cmd, "--data", str(DEMO), *AS_OF, "--lang", "zh"],
                         capture_output=True, env={**os.environ, "PYTHONIOENCODING": "gbk"})
    assert run.returncode == 0, run.stderr.decode("gbk", "replace")
    assert b"Traceback" not in run.stderr and b"internal error" not in run.stderr
    assert "区".encode("gbk") in run.stdout  # still GBK: Chinese shows, what GBK lacks becomes '?'


# ---------------------------------------------------------------- worktargets.toml

def _project(tmp_path: Path, toml: str, name: str = "worktargets.toml") -> Path:
    shutil.copytree(DEMO, tmp_path / "repo" / "figures")
    (tmp_path / "repo" / name).write_text(toml, encoding="utf-8")
    return tmp_path / "repo"


def test_config_sets_data_lang_and_as_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _project(tmp_path, 'data = "figures"\nlang = "zh"\nas_of = "2022-06-30"\n')
    monkeypatch.chdir(repo)
    r = runner.invoke(app, ["status", "-f", "json"])
    assert r.exit_code == 0, r.output
    assert '"as_of": "2022-06-30"' in r.stdout and "达进度" not in r.stdout[:0]
    table = runner.invoke(app, ["gaps"])
    assert "滞后于序时进度的目标" in table.stdout and "2022-06-30" in table.stdout
    # options beat the file
    assert '"as_of": "2022-03-31"' in runner.invoke(app, ["status", "-f", "json", "--as-of", "2022-03-31"]).stdout
    assert "Targets behind" in runner.invoke(app, ["gaps", "--lang", "en"]).stdout
    # and the usage errors before parsing follow its language
    assert "没有这个选项" in runner.invoke(app, ["status", "--bogus"]).stderr


def test_config_beside_the_data_folder_and_toml_date(tmp_path: Path) -> None:
    repo = _project(tmp_path, "as_of = 2022-03-31\n")  # a TOML date, not a string
    r = runner.invoke(app, ["status", "--data", str(repo / "figures"), "-f", "json"])
    assert r.exit_code == 0 and '"as_of": "2022-03-31"' in r.stdout


def test_pyproject_tool_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _project(tmp_path, '[project]\nname = "x"\n\n[tool.worktargets]\ndata = "figures"\nas_of = "2022-09-30"\n',
                    name="pyproject.toml")
    monkeypatch.chdir(repo)
    r = runner.invoke(app, ["status", "-f", "json"])
    assert r.exit_code == 0 and '"as_of": "2022-09-30"' in r.stdout


@pytest.mark.parametrize("toml, code", [
    ('data = "figures"\ncolour = "red"\n', "config-unknown-key"),
    ('data = "figures"\nas_of = [1]\n', "config-bad-value"),
    ('data = "figures\n', "config-syntax"),
])
def test_a_bad_config_is_a_located_error(toml: str, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _project(tmp_path, toml)
    monkeypatch.chdir(repo)
    r = runner.invoke(app, ["status"])
    assert r.exit_code == 1, r.output
    assert f"worktargets.toml" in r.stderr and code in r.stderr and "Traceback" not in r.output


def test_a_bad_as_of_in_the_config_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _project(tmp_path, 'data = "figures"\nas_of = "someday"\n')
    monkeypatch.chdir(repo)
    r = runner.invoke(app, ["status"])
    assert r.exit_code == 2 and "worktargets.toml" in r.stderr and "someday" in r.stderr


def test_targets_yaml_at_the_root_is_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(DEMO, repo)
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["validate"]).exit_code == 0
    assert runner.invoke(app, ["coverage"]).exit_code == 0


def test_config_is_read_once_per_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import worktargets.cli.config as config_module

    repo = _project(tmp_path, 'data = "figures"\nas_of = "2022-06-30"\n')
    monkeypatch.chdir(repo)
    from worktargets.cli import common

    common._CONFIGS.clear()
    calls = []
    real = config_module.load_config
    monkeypatch.setattr(config_module, "load_config", lambda data=None: calls.append(data) or real(data))
    assert runner.invoke(app, ["status", "-f", "json"]).exit_code == 0
    assert len(calls) <= 2  # once before parsing (for the language), once for the command


# ---------------------------------------------------------------- --version

def test_version_says_which_scanner_runs() -> None:
    run = subprocess.run([sys.executable, "-m", "worktargets", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and re.fullmatch(r"worktargets \S+ \((compiled|pure)\)\n", run.stdout)
    import worktargets.progress as progress

    compiled = not progress.__file__.endswith(".py")
    assert ("(compiled)" if compiled else "(pure)") in run.stdout
