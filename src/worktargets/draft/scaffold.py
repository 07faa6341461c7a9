"""The files of a new data folder (``worktargets init``, and around a ``draft``).

Everything here is text; the caller decides where to write it and never overwrites.
"""

from __future__ import annotations

from .write import SETTINGS_BLOCK, scalar

__all__ = ["skeleton", "SCHEMA_PATH", "catalogue_text"]

SCHEMA_PATH = "schema/targets.schema.json"

_PROGRESS_README = """\
# 进度台账（progress/）

各牵头单位每月报送的进度，按“一个单位一个月一个文件、只追加不改写”的方式存放在这里。
worktargets 读取本目录下全部 `.csv`、`.yaml`、`.yml` 文件，对照 `targets.yaml` 中的目标，
算出累计完成、完成率、序时进度和状态。新建的数据目录里台账是空的。

```
progress/
  2024-06/
    区农业农村局.csv        ← 2024年6月（1—6月）区农业农村局报送的进度
```

- 子目录 `YYYY-MM` 是报送所属月份，文件名是牵头单位名称；已报送的行不改、不删，报错了
  另起一行更正（`replaces` 列写被更正记录的编号）。
- CSV 可用 UTF-8（带或不带 BOM）或 GBK 保存（Excel/WPS 的两种“CSV”都行）。
- 列：`date`（统计截至日期）、`target`（targets.yaml 中的 id）、`value`（累计完成数，可带
  单位，如 `2.1万亩`）或 `stage`（里程碑的阶段）必填；`id`、`unit`、`basis`（total 累计 /
  add 增量）、`by`、`note`、`source`、`replaces` 可选，也可用中文列名（日期、指标编号、数值…）。
- 用 `worktargets template --owner 单位 --period 2024-06` 生成各单位的填报表，
  用 `worktargets import 填报表.xlsx` 收回，用 `worktargets add-progress` 记一条。

例（`2024-06/区农业农村局.csv`）：

```csv
date,target,value,basis,by,note
2024-06-30,farmland-new,2.1万亩,total,李四,已完工验收2.1万亩
```
"""

_REPORT_README = """\
# 报告原文（report/）

把政府工作报告（或目标任务分解方案）的文字存为 UTF-8 的 `.txt` 放在这里，并在
`targets.yaml` 的 `plan.source_file` 写上它的路径（如 `report/2024政府工作报告.txt`）。
每个目标的 `source` 必须逐字摘自这份原文；`worktargets coverage` 检查原文中每个数字
是否都已编目或说明了不是目标的理由。

`worktargets draft 报告.docx -o .` 可以从报告直接起草 `targets.yaml`（草稿须逐条核对）。
"""

_GITIGNORE = """\
# worktargets: 缓存与临时文件
.cache/
*.tmp
*.rejects.csv
# Excel / WPS 打开文件时留下的锁文件
~$*
.~*
# 系统文件
.DS_Store
Thumbs.db
__pycache__/
"""

_PRE_COMMIT = """\
# pre-commit（https://pre-commit.com）：提交前检查目录和台账。
# 安装：pip install pre-commit && pre-commit install
repos:
  - repo: local
    hooks:
      - id: worktargets-validate
        name: worktargets validate（目录和台账）
        entry: worktargets validate --data .
        language: system
        pass_filenames: false
        files: ^(targets\\.yaml|progress/|report/)
      - id: worktargets-coverage
        name: worktargets coverage（报告中的每个数字都已编目）
        # 放入报告原文并填写 plan.source_file 之后才有意义
        entry: worktargets coverage --data .
        language: system
        pass_filenames: false
        files: ^(targets\\.yaml|report/)
"""

_WORKFLOW = """\
# 每次推送和合并请求时检查目录、台账和报告覆盖情况。
name: worktargets
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      # 按本单位安装 worktargets 的方式改写这一行（如 pip install worktargets==0.1.0）
      - run: pip install worktargets
      - run: worktargets validate --data .
      - name: coverage（填写了 plan.source_file 时）
        run: |
          if grep -Eq '^  source_file: *[^ "]' targets.yaml; then worktargets coverage --data .; fi
"""


def catalogue_text(title: str, region: str, year: int) -> str:
    """An empty ``targets.yaml`` that validates: the plan header and settings with comments."""
    return "\n".join([
        f"# yaml-language-server: $schema={SCHEMA_PATH}",
        "#",
        f"# {title}",
        "#",
        "# 编目规则（详见 README）：",
        "#   - source 逐字摘自报告原文（report/ 下），只取写明该项承诺的最短分句，但包含它的全部数字；",
        "#   - 以上、不低于、裸数字 → ge；突破、超过 → gt；以内、不超过、控制在 → le；左右、约 → about；",
        "#   - 力争、争取 → stretch: true；“其中”的子目标用 parent 指向上级目标；",
        "#   - 报告中每一个数字要么在某个目标的 source 里，要么列入 not_commitments 并说明原因。",
        "#   - `worktargets draft 报告.docx -o .` 可从报告起草本文件（草稿须逐条核对）。",
        "",
        "plan:",
        f"  title: {scalar(title)}",
        f"  region: {scalar(region)}",
        f"  year: {year}",
        "  # 报告原文文件，相对于本目录，如 report/政府工作报告.txt（放入后填写）",
        '  source_file: ""',
        f"  owners_note: {scalar('牵头单位、责任单位以督查室印发的目标任务分解表为准')}",
        "",
        SETTINGS_BLOCK.rstrip("\n"),
        "",
        "# 报告中出现、但不是目标任务的数字：text 是原文子串并包住那个数字，reason 写明原因。",
        "not_commitments: []",
        "",
        "targets: []",
        "",
    ])


def skeleton(title: str, region: str, year: int, schema_json: str) -> dict[str, str]:
    """Relative path → text of every file of a new data folder."""
    return {
        "targets.yaml": catalogue_text(title, region, year),
        "progress/README.md": _PROGRESS_README,
        "report/README.md": _REPORT_README,
        SCHEMA_PATH: schema_json,
        ".gitignore": _GITIGNORE,
        ".pre-commit-config.yaml": _PRE_COMMIT,
        ".github/workflows/worktargets.yml": _WORKFLOW,
    }
