"""Start-up hygiene: what ``worktargets`` imports before a command needs it.

No timings here (they depend on the machine); these check the causes instead: the modules
a command line loads and the work Typer has to redo on every run.
"""

from __future__ import annotations

import inspect
import subprocess
import sys

from worktargets.cli import COMMAND_MODULES, app


def test_command_annotations_are_objects_not_strings() -> None:
    # Typer evaluates string annotations (``from __future__ import annotations``) twice per
    # command on every run; the command modules write them as objects instead.
    assert len(app.registered_commands) >= len(COMMAND_MODULES)
    for command in app.registered_commands:
        callback = command.callback
        assert callback is not None
        for name, param in inspect.signature(callback).parameters.items():
            assert not isinstance(param.annotation, str), (
                f"{callback.__module__}.{callback.__name__}({name}): annotation is a string; "
                "drop `from __future__ import annotations` from that command module"
            )


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_cli_loads_no_data_or_output_libraries() -> None:
    loaded = _modules_after("import worktargets.cli")
    for heavy in ("yaml", "pydantic", "rich.console", "rich.table", "openpyxl", "json", "worktargets.errors"):
        assert heavy not in loaded, heavy


def _status_modules(data, tmp_path, *args: str, **env_extra: str) -> tuple[str, set[str]]:
    """The output of ``worktargets status`` piped (warm caches) and the modules it loaded."""
    import os

    code = (
        "import sys\nfrom worktargets.cli import main\n"
        f"sys.argv = ['worktargets', 'status', '--data', {str(data)!r}, '--as-of', '2022-06-30', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)) + '\\n')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(WORKTARGETS_CACHE=str(tmp_path / "cache"), **env_extra)
    for _ in range(2):  # the first run fills the catalogue and YAML caches
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return run.stdout, set(run.stderr.splitlines()[-1].split())


STARTUP_LEDGER = {"2022-06/a.csv": "date,target,value\n2022-06-30,hogs,20万头\n",
                  "2022-06/b.yaml": "- {date: 2022-06-20, target: reservoir, stage: 已申请验收}\n"}


def test_a_warm_status_table_loads_no_json_yaml_pydantic_or_openssl(make_data, tmp_path) -> None:
    out, loaded = _status_modules(make_data(STARTUP_LEDGER), tmp_path)
    assert "生猪出栏" in out
    for heavy in ("json", "yaml", "pydantic", "_hashlib", "openpyxl"):
        assert heavy not in loaded, heavy


def test_a_piped_status_loads_no_rich_console(make_data, tmp_path) -> None:
    """Piped or in colour, the table is written by render/plain.py, the status table's
    only writer; JSON needs no console at all."""
    data = make_data(STARTUP_LEDGER)
    for args, env in [([], {}), (["--format", "json"], {}), (["--format", "csv"], {}), ([], {"FORCE_COLOR": "1"})]:
        out, loaded = _status_modules(data, tmp_path, *args, **env)
        assert "hogs" in out
        assert ("\x1b[" in out) == bool(env)
        for heavy in ("rich.console", "rich.text", "rich.style", "rich.table"):
            assert heavy not in loaded, (args, env, heavy)


def test_the_console_script_steers_the_garbage_collector_only_for_itself() -> None:
    """worktargets.console (the console script) keeps the collector off while the CLI is
    imported, freezes what start-up built, and leaves the collector on; a library import
    of worktargets changes nothing."""
    probe = "import gc, sys\n{imp}\nprint(gc.isenabled(), gc.get_freeze_count() > 0)"
    run = subprocess.run([sys.executable, "-c", probe.format(imp="import worktargets.console")],
                         capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "True"]
    run = subprocess.run([sys.executable, "-c", probe.format(imp="import worktargets.cli, worktargets.ledger")],
                         capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "False"]
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "worktargets"]
    assert script.value == "worktargets.console:main"
    run = subprocess.run([sys.executable, "-m", "worktargets", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("worktargets ")
    run = subprocess.run([sys.executable, "-m", "worktargets", "status", "--as-of", "2022-13-01"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
