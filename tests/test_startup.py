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


def test_a_warm_status_table_loads_no_json_yaml_pydantic_or_openssl(make_data, tmp_path) -> None:
    import os

    data = make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,hogs,20万头\n",
                      "2022-06/b.yaml": "- {date: 2022-06-20, target: reservoir, stage: 已申请验收}\n"})
    code = (
        "import sys\nfrom worktargets.cli import main\n"
        f"sys.argv = ['worktargets', 'status', '--data', {str(data)!r}, '--as-of', '2022-06-30']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)) + '\\n')\n"
    )
    env = dict(os.environ, WORKTARGETS_CACHE=str(tmp_path / "cache"))
    for _ in range(2):  # the first run fills the catalogue and YAML caches
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    loaded = set(run.stderr.splitlines()[-1].split())
    assert "生猪出栏" in run.stdout
    for heavy in ("json", "yaml", "pydantic", "_hashlib", "openpyxl"):
        assert heavy not in loaded, heavy
