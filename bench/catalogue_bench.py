"""The catalogue's cold load (``catalogue.load_catalogue`` with no cache), old against new.

Times ``load_catalogue`` in fresh processes, paired (base, this tree, base, this tree…):
medians and spread of CPU time (``time.process_time``, the figure to trust on a shared
machine) and wall time, on the shipped ``data/``, a 5,000-target and a 100,000-target
catalogue written by ``bench.generate``. ``--check`` compares the results instead: a
canonical dump of the Catalogue (every record's fields) and of the problems (code, path,
line, field, params, severity) from the base and from this tree, on those catalogues, on
every ``targets.yaml`` case of tests/bad_inputs, and on mutants of the shipped catalogue
and of the generated ones (lines deleted, repeated, swapped, values replaced) that reach
the error paths, and a corpus of YAML corners (anchors, aliases, tags) and its mutants.

    python bench/catalogue_bench.py [--base REV] [--runs 5] [--sizes shipped,5000,100000]
    python bench/catalogue_bench.py --check [--base REV] [--mutants 400]

The base is ``git archive REV src`` (default: the merge base of HEAD and main).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in a child with the tree under test first on sys.path: loads each data folder of
# argv and prints one JSON line per folder (times, or the canonical dump).
WORKER = r"""
import json, sys, time
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path

mode, dirs = sys.argv[1], sys.argv[2:]
import yaml, pydantic  # imported by every CLI run before the catalogue: not the load's cost
from worktargets import catalogue, schema, yamlsafe, units_declared  # noqa: F401

def canon(x):
    if x is None or isinstance(x, (bool, int, str)):
        return x
    if isinstance(x, Enum):
        return [type(x).__name__, x.value]
    if isinstance(x, Decimal):
        return ["D", repr(x)]
    if isinstance(x, float):
        return ["f", repr(x)]
    if isinstance(x, (date, datetime)):
        return [type(x).__name__, x.isoformat()]
    if isinstance(x, (list, tuple)):
        return [type(x).__name__, [canon(v) for v in x]]
    if isinstance(x, dict):
        return ["dict", [[canon(k), canon(v)] for k, v in x.items()]]
    slots = [s for c in type(x).__mro__ for s in getattr(c, "__slots__", ())]
    if slots:
        return [type(x).__name__, {s: canon(getattr(x, s, "<unset>")) for s in slots}]
    if type(x).__name__ == "UnitRegistry":
        return ["UnitRegistry", canon(x.declared)]
    raise TypeError(type(x))

def doc(x):  # a parsed YAML document with every line it keeps
    if isinstance(x, dict):
        return ["map", getattr(x, "line", None), [[k, getattr(x, "key_lines", {}).get(k), doc(v)] for k, v in x.items()]]
    if isinstance(x, list):
        return ["seq", getattr(x, "line", None), getattr(x, "item_lines", None), [doc(v) for v in x]]
    return canon(x)

for d in dirs:
    if mode == "yaml":
        try:
            text = Path(d).read_text(encoding="utf-8", errors="surrogateescape")
            parsed, problems = yamlsafe.load_yaml(text, "x.yaml")
            out = {"doc": doc(parsed), "problems": [canon(p) for p in problems]}
        except BaseException as exc:
            out = {"exception": f"{type(exc).__name__}: {exc}"[:500]}
        print(json.dumps(out, ensure_ascii=False, sort_keys=True))
    elif mode == "time":
        c0, w0 = time.process_time(), time.perf_counter()
        result = catalogue.load_catalogue(Path(d), None)
        print(json.dumps({"cpu": time.process_time() - c0, "wall": time.perf_counter() - w0}))
    else:
        try:
            cat, problems = catalogue.load_catalogue(Path(d), None)
            out = {"catalogue": canon(cat), "problems": [canon(p) for p in problems]}
        except BaseException as exc:  # an exception is a result too: both sides must raise the same
            out = {"exception": f"{type(exc).__name__}: {exc}"[:500]}
        print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def base_tree(rev: str, into: Path) -> Path:
    """``src`` of ``rev``, unpacked under ``into``."""
    blob = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into)
    return into / "src"


def run(src: Path, mode: str, dirs: list[Path], cwd: Path) -> list[dict]:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="1")
    env.pop("WORKTARGETS_CACHE", None)
    out = subprocess.run([sys.executable, "-c", WORKER, mode, *map(str, dirs)], cwd=cwd, env=env,
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def catalogue_of(size: str, tmp: Path) -> Path:
    """A data folder with targets.yaml and its report: the shipped one, or one generated."""
    if size == "shipped":
        return ROOT / "data"
    sys.path.insert(0, str(ROOT / "bench"))
    import bench  # noqa: E402  (bench/bench.py)

    where = tmp / f"gen{size}"
    bench.generate(where, int(size), 10, shape="mixed")
    data = tmp / f"c{size}"
    data.mkdir()
    for name in ("targets.yaml", "report.txt"):
        shutil.copyfile(where / "data" / name, data / name)
    shutil.rmtree(where)
    return data


def timing(args: argparse.Namespace, base: Path, tmp: Path) -> None:
    print(f"{'catalogue':>10} {'':>5} {'base cpu':>9} {'new cpu':>9} {'ratio':>6}   {'base wall':>9} {'new wall':>9}"
          f"   spread (cpu, base / new)")
    for size in args.sizes.split(","):
        data = catalogue_of(size, tmp)
        runs = args.runs if size != "100000" else max(args.runs, 5)
        old: list[dict] = []
        new: list[dict] = []
        for _ in range(runs):  # paired: A B A B, in fresh processes
            old += run(base, "time", [data], tmp)
            new += run(ROOT / "src", "time", [data], tmp)
        oc, nc = [r["cpu"] for r in old], [r["cpu"] for r in new]
        ow, nw = [r["wall"] for r in old], [r["wall"] for r in new]
        print(f"{size:>10} {runs:>4}x {statistics.median(oc):9.3f} {statistics.median(nc):9.3f} "
              f"{statistics.median(oc) / statistics.median(nc):5.1f}x   {statistics.median(ow):9.3f} "
              f"{statistics.median(nw):9.3f}   {min(oc):.3f}-{max(oc):.3f} / {min(nc):.3f}-{max(nc):.3f}", flush=True)


_VALUES = ["", "x", "-1", "0", "3.6万亩", "1e999", "null", "~", "yes", "no", "2022-13-01", "2023-01-01", "[1, 2]",
           "{a: 1}", "&a x", "*a", "!!python/object:os.system x", "!!binary aGk=", "'a\x07b'", "亿", "%", "5%",
           "milestone", "relation", "about", "t00001", "[开工, 完工]", "{to: farmland}", "{value: 3, note: n}"]


# YAML with the language's corners: anchors and aliases (defined, undefined, repeated,
# under a refused tag or a null key, inside each other), tags, duplicate keys, several
# documents, flow and block collections, keys that are not text
_YAML = [
    "a: 1\nb: [x, y, {c: 2022-01-01}]\n", "a: &x 1\nb: *x\nc: *x\n", "~: &a [1]\nx: *a\ny: *a\n",
    "a: !!python/tuple &a [1]\nb: *a\n", "a: *x\n", "a: 1\n---\nb: 2\n", "", "# only\n", "--- \n...\n",
    "a: 1\na: 2\n", "&a [*a]\n", "a: &a [&b 1]\nb: *b\nc: *a\nd: *b\n", "a: &x 1\nb: &x 2\n",
    "- &a {k: v}\n- *a\n- [*a, *a]\n", "? [1, 2]\n: v\n{a: 1}: 2\n", "a: !!str {b: 1}\nc: !!int [1]\n",
    "a: !!map x\nb: !!seq y\n", "a: !!timestamp 2022-13-01\nb: 2022-02-30\n", "a: !!binary aGk=\n",
    "a: !local x\nb: ! 12\n", "<<: {a: 1}\nb: 2\n", "x: &a\n  - 1\n  - *a\n", "null: 1\n~: 2\n'': 3\n",
    "a: [1, 2\n", "a: 'x\n", "\t- x\n", "a: b: c\n", "no: 1\nyes: 2\non: 3\n", "1: a\n1.5: b\n",
    "a:\n  - &x 1\n  - !!python/object:os.system *x\n", "a: &x [1]\nb: !!python/tuple *x\n",
    "%YAML 1.1\n---\na: 1\n", "a: *x\nb: [\n", "- *a\n- &a 1\n", "a: .inf\nb: -.nan\nc: 0x1F\nd: 0o17\n",
]


def mutants(text: str, n: int, seed: int) -> list[str]:
    """Texts near ``text``: a line deleted, repeated or swapped, a value replaced, an indent changed."""
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    out = []
    for _ in range(n):
        ls = list(lines)
        for _ in range(rng.choice((1, 1, 2, 3))):
            i = rng.randrange(len(ls))
            op = rng.randrange(5)
            if op == 0:
                del ls[i]
            elif op == 1:
                ls.insert(i, ls[i])
            elif op == 2:
                j = rng.randrange(len(ls))
                ls[i], ls[j] = ls[j], ls[i]
            elif op == 3 and ":" in ls[i]:
                key, _, _ = ls[i].partition(":")
                ls[i] = f"{key}: {rng.choice(_VALUES)}\n"
            else:
                ls[i] = " " * rng.choice((0, 1, 2, 4)) + ls[i].lstrip(" ")
        out.append("".join(ls))
    return out


def check(args: argparse.Namespace, base: Path, tmp: Path) -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import MINI_CATALOGUE, REPORT  # the suite's mini catalogue and its report
    from test_bad_inputs import CASES, manifest, materialise  # the corpus's own expansion of its marks

    dirs: list[tuple[str, Path]] = [(s, catalogue_of(s, tmp)) for s in args.sizes.split(",")]
    shipped = ROOT / "data"

    def folder(name: str, raw: bytes) -> Path:
        d = tmp / "cases" / name
        d.mkdir(parents=True)
        (d / "targets.yaml").write_bytes(raw)
        (d / "report.txt").write_text(REPORT, encoding="utf-8")
        (d / "report").symlink_to(shipped / "report")
        return d

    for c in manifest():
        if c["command"].startswith("catalogue"):
            dirs.append((c["file"], folder(c["file"], materialise((CASES / c["file"]).read_bytes()))))
    sources = {"shipped": (shipped / "targets.yaml").read_text(encoding="utf-8"), "mini": MINI_CATALOGUE}
    for label, text in sources.items():
        for i, t in enumerate(mutants(text, args.mutants // len(sources), 20221231)):
            dirs.append((f"{label} mutant {i}", folder(f"{label}-m{i:04d}", t.encode("utf-8"))))
    for size, data in dirs[:len(args.sizes.split(","))]:  # a few of the big ones, with their report
        if size != "shipped":
            text = (data / "targets.yaml").read_text(encoding="utf-8")
            for i, t in enumerate(mutants(text, args.big_mutants, 1)):
                d = folder(f"{size}-m{i:04d}", t.encode("utf-8"))
                (d / "report.txt").write_bytes((data / "report.txt").read_bytes())
                dirs.append((f"{size} mutant {i}", d))
    old = run(base, "check", [d for _, d in dirs], tmp)
    new = run(ROOT / "src", "check", [d for _, d in dirs], tmp)
    texts = [(f"yaml {i}: {t[:60]!r}", t) for i, t in enumerate(_YAML)]
    texts += [(f"yaml mutant {i}", t) for i, t in enumerate(mutants("\n".join(_YAML), args.mutants, 7))]
    for i, (_, t) in enumerate(texts):
        (tmp / "yaml").mkdir(exist_ok=True)
        (tmp / "yaml" / f"{i:04d}.yaml").write_text(t, encoding="utf-8")
    files = [tmp / "yaml" / f"{i:04d}.yaml" for i in range(len(texts))]
    old += run(base, "yaml", files, tmp)
    new += run(ROOT / "src", "yaml", files, tmp)
    dirs += [(name, f) for (name, _), f in zip(texts, files)]
    bad = 0
    kinds: dict[str, int] = {}
    for (name, _), a, b in zip(dirs, old, new):
        for p in a.get("problems", []):
            kinds[p[1]["code"]] = kinds.get(p[1]["code"], 0) + 1
        if a != b:
            bad += 1
            print(f"DIFFERENT: {name}\n  base: {json.dumps(a, ensure_ascii=False)[:2000]}\n"
                  f"  new:  {json.dumps(b, ensure_ascii=False)[:2000]}")
    n_ok = sum(1 for a in old if a.get("catalogue"))
    print(f"{len(dirs)} catalogues compared ({n_ok} loaded, {len(dirs) - n_ok} refused), {bad} different; "
          f"{sum(kinds.values())} problems of {len(kinds)} codes: " + ", ".join(sorted(kinds)))
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default=None, help="the revision to compare with (default: merge base of HEAD, main)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="shipped,5000,100000")
    ap.add_argument("--check", action="store_true", help="compare results instead of timing")
    ap.add_argument("--mutants", type=int, default=400, help="mutants of the shipped and mini catalogues")
    ap.add_argument("--big-mutants", type=int, default=6, help="mutants of each generated catalogue")
    args = ap.parse_args()
    rev = args.base or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, check=True,
                                      capture_output=True, text=True).stdout.strip()
    print(f"base {rev[:12]} against the working tree {ROOT}", flush=True)
    with tempfile.TemporaryDirectory(prefix="catalogue-bench-") as name:
        tmp = Path(name)
        base = base_tree(rev, tmp / "base")
        if args.check:
            return check(args, base, tmp)
        timing(args, base, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
