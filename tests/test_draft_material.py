"""The drafter against real material and the hand-written golden lists (tests/material/).

Per material: the share of numeric commitments found with the right value, unit and
comparator; of milestones found; of the numbers that are not commitments excused by the
drafter itself (with a reason, not "待核实"). Printed with ``-s``; the issue's bar is asserted.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from worktargets.coverage import find_numbers
from worktargets.draft.source import normalise_text
from worktargets.draft.text import INDEX_UNIT, read_report
from worktargets.draft import Draft
from worktargets.quantity import parse_number

MATERIAL = Path(__file__).parent / "material"
TABLES = {"dazhu-2016-minsheng": "dazhu-2016-minsheng.csv",  # material read as a 分解表
          "huoshan-2025-kaifaqu": "huoshan-2025-kaifaqu.csv"}
NAMES = sorted(p.stem for p in MATERIAL.glob("*.txt") if p.stem not in TABLES)
SHIPPED = Path(__file__).parent.parent / "data"


def _body(name: str) -> str:
    raw = (MATERIAL / f"{name}.txt").read_text(encoding="utf-8")
    assert raw.startswith("# source: http"), f"{name}.txt must open with its source line"
    return normalise_text(raw.split("\n", 1)[1])


def _spans(text: str, words: str) -> list[tuple[int, int]]:
    out, i = [], text.find(words)
    while i != -1 and words:
        out.append((i, i + len(words)))
        i = text.find(words, i + 1)
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x < y2 and x2 < y for x, y in a for x2, y2 in b)


def _figure(written: str | None) -> tuple[Decimal, str] | None:
    """Value and unit of a drafted target; the drafter's unit for a figure written without
    one (an index: 103.5以内 → 103.5点, marked 待核实) counts as no unit."""
    if written is None:
        return None
    value, unit = parse_number(written)
    unit = unit.split("(")[0]
    return value, "" if unit == INDEX_UNIT else unit


def score(text: str, golden: dict, year: int = 2023, draft: "Draft | None" = None) -> dict[str, tuple[int, int]]:
    """(found, of) for numeric commitments, milestones and excused numbers; ``unseen``: the
    numbers that are no commitment and that ``coverage`` does not take for numbers (三保障),
    which no one has to excuse."""
    from worktargets.cli.draft_cmd import checked_files

    draft = draft or read_report(text, year)
    _files, failed = checked_files(draft, text, "report/material.txt", "test")  # what `draft` writes:
    assert failed is None or not draft.targets, failed  # entries failing validate/coverage are left out
    targets = [(t, _spans(text, t.source)) for t in draft.targets]
    numeric = golden.get("numeric") or []
    found = 0
    for g in numeric:
        places = [s for w in g["texts"] for s in _spans(text, w)]
        assert places, f"golden text not in the material: {g['texts']}"
        want = (Decimal(g["value"]), g["unit"] or "")
        if any(_overlap(places, spans) and _figure(t.target) == want and t.comparator == g["comparator"]
               for t, spans in targets):
            found += 1
    milestones = golden.get("milestones") or []
    ms_found = sum(1 for g in milestones
                   if any(t.kind == "milestone" and _overlap([s for w in g["texts"] for s in _spans(text, w)], spans)
                          for t, spans in targets))
    by_kind = {}
    # a relation is found as a relation, or, when the other figure is a benchmark outside the text
    # (高于全市平均水平), as a target whose figure that benchmark supplies later (set_by)
    for sec, ok in (("relations", lambda t: t.kind == "relation" or bool(t.set_by)),
                    ("set_elsewhere", lambda t: bool(t.set_by))):
        want = golden.get(sec) or []
        by_kind[sec] = (sum(1 for g in want if any(ok(t) and _overlap([s for w in g["texts"] for s in _spans(text, w)], spans)
                                                   for t, spans in targets)), len(want))
    excuse_spans = [s for e in draft.excuses if not e.unsure for s in _spans(text, e.text)]
    not_commitments = golden.get("not_commitments") or []
    excused = unseen = 0
    numbers = find_numbers(text)
    for g in not_commitments:
        at = text.find(g["text"]) + g["text"].find(str(g["number"]))
        span = (at, at + len(str(g["number"])))
        in_excuse = any(a <= span[0] and span[1] <= b for a, b in excuse_spans)
        in_other = any(any(a <= span[0] and span[1] <= b for a, b in spans) and not (
            t.target or "").startswith(str(g["number"])) for t, spans in targets)
        excused += in_excuse or in_other
        unseen += not (in_excuse or in_other) and not any(a < span[1] and span[0] < b for a, b, _ in numbers)
    # owners: per golden item naming them, whether an entry found for it has its leader, lead and
    # co-responsible units (names compared without spaces)
    def _names(names: "list[str] | str | None") -> list[str]:
        return ["".join(n.split()) for n in ([names] if isinstance(names, str) else names or [])]

    named = [g for g in numeric + milestones if any(k in g for k in ("leader", "owner", "co_owners"))]
    owners_right = sum(1 for g in named if any(
        _overlap([s for w in g["texts"] for s in _spans(text, w)], spans)
        and (_names(t.leader), _names(t.owner), _names(t.co_owners))
        == (_names(g.get("leader")), _names(g.get("owner")), _names(g.get("co_owners"))) for t, spans in targets))
    read = [s for sec in ("numeric", "milestones", "relations", "set_elsewhere")
            for g in golden.get(sec) or [] for w in g["texts"] for s in _spans(text, w)]
    extra = sum(1 for t, spans in targets if not _overlap(spans, read))
    return {"numeric": (found, len(numeric)), "milestones": (ms_found, len(milestones)),
            "excused": (excused, len(not_commitments)), "unseen": (unseen, len(not_commitments)),
            "extra": (extra, len(targets)), "owners": (owners_right, len(named)), **by_kind}


def _pct(found: int, of: int) -> str:
    return f"{found}/{of} ({100 * found / of:.0f}%)" if of else "—"


RESULTS: dict[str, dict[str, tuple[int, int]]] = {}


KNOWN_SHORT: dict[str, str] = {  # material below the bar, with the reason
    "beijing-2025-zhongdian": "its one figure, 千亿级投资强度 (1000亿元 or more, 元 implied by 投资), is written in Chinese "
                              "numerals with 级; coverage looks for the Arabic value in the source",
    "jiujiang-2025-shishi": "a progress table one cell a line whose header cells are cut over two lines (开工\\n时间): not "
                            "read as a table, its cells of sizes (全长190米), 总投资 and 序号 are drafted as figures",
}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_SHORT[n]))
                                  if n in KNOWN_SHORT else n for n in NAMES])
def test_material_against_golden(name: str) -> None:
    golden = yaml.safe_load((MATERIAL / f"{name}.golden.yaml").read_text(encoding="utf-8"))
    result = score(_body(name), golden)
    RESULTS[name] = result
    print(f"\n[draft vs golden] {name}: numeric {_pct(*result['numeric'])}, milestones {_pct(*result['milestones'])},"
          f" excused {_pct(*result['excused'])} (+{result['unseen'][0]} not numbers to coverage),"
          f" entries not in the golden list {result['extra'][0]} of {result['extra'][1]},"
          f" relations {_pct(*result['relations'])}, set elsewhere {_pct(*result['set_elsewhere'])},"
          f" owners right {_pct(*result['owners'])}")
    found, of = result["numeric"]
    assert of == 0 or found / of >= 0.9, f"{name}: numeric {found}/{of}"
    found, of = result["excused"]
    assert of < 3 or (found + result["unseen"][0]) / of >= 0.8, f"{name}: excused {found}/{of}"


def _table_score(name: str) -> dict[str, tuple[int, int]]:
    from worktargets.draft.source import read_input

    golden = yaml.safe_load((MATERIAL / f"{name}.golden.yaml").read_text(encoding="utf-8"))
    draft, text, problems = read_input(MATERIAL / TABLES[name], TABLES[name], 2023)
    assert draft is not None and not problems
    assert all(t in text for g in golden["numeric"] + golden["milestones"] for t in g["texts"])
    return score(text, golden, draft=draft)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_material_against_golden(name: str) -> None:
    result = _table_score(name)
    print(f"\n[draft vs golden] {TABLES[name]}: numeric {_pct(*result['numeric'])},"
          f" milestones {_pct(*result['milestones'])}, excused {_pct(*result['excused'])},"
          f" entries not in the golden list {result['extra'][0]} of {result['extra'][1]}")
    for key, bar in (("numeric", 0.9), ("milestones", 0.7), ("excused", 0.8)):
        found, of = result[key]
        assert of == 0 or found / of >= bar, (key, found, of)


def test_material_totals() -> None:
    """The bar over all the material: ≥ 90 % numeric, ≥ 70 % milestones, ≥ 80 % excused."""
    totals = {k: [0, 0] for k in ("numeric", "milestones", "excused", "unseen", "extra", "relations", "set_elsewhere",
                                   "owners")}
    for name in NAMES:
        golden = yaml.safe_load((MATERIAL / f"{name}.golden.yaml").read_text(encoding="utf-8"))
        for k, (f, o) in score(_body(name), golden).items():
            totals[k][0] += f
            totals[k][1] += o
    for name in TABLES:
        for k, (f, o) in _table_score(name).items():
            totals[k][0] += f
            totals[k][1] += o
    print("\n[draft vs golden] all material: " + ", ".join(f"{k} {_pct(*v)}" for k, v in totals.items()))
    assert totals["numeric"][0] / totals["numeric"][1] >= 0.9
    assert totals["milestones"][0] / totals["milestones"][1] >= 0.7
    assert (totals["excused"][0] + totals["unseen"][0]) / totals["excused"][1] >= 0.8
    assert totals["excused"][0] / totals["excused"][1] >= 0.8  # even counting the unseen as misses


def _shipped() -> tuple[str, dict]:
    catalogue = yaml.safe_load((SHIPPED / "targets.yaml").read_text(encoding="utf-8"))
    text = (SHIPPED / catalogue["plan"]["source_file"]).read_text(encoding="utf-8")
    return text, catalogue


def test_shipped_report_reproduces_the_catalogue() -> None:
    """The draft of the shipped report has ≥ 95 % of the hand-written numeric targets
    (value, unit, comparator, stretch), and ≥ 70 % of its milestones."""
    text, catalogue = _shipped()
    draft = read_report(normalise_text(text), 2022)
    drafted = [(t, _spans(text, t.source)) for t in draft.targets]
    numeric = [t for t in catalogue["targets"] if t["kind"] != "milestone"]
    found, missed = 0, []
    for g in numeric:
        places = _spans(text, g["source"])
        if g["kind"] == "relative":
            ok = any(_overlap(places, s) and t.kind == "relative" and Decimal(t.factor or 0) == Decimal(g["factor"])
                     for t, s in drafted)
        else:
            want = _figure(str(g["target"]))
            ok = any(_overlap(places, s) and _figure(t.target) == want and t.comparator == g.get("comparator", "ge")
                     and t.stretch == bool(g.get("stretch")) for t, s in drafted)
        found += ok
        if not ok:
            missed.append(g["id"])
    milestones = [t for t in catalogue["targets"] if t["kind"] == "milestone"]
    ms = sum(1 for g in milestones if any(t.kind == "milestone" and _overlap(_spans(text, g["source"]), s)
                                          for t, s in drafted))
    excuses = catalogue.get("not_commitments") or []
    print(f"\n[draft vs shipped catalogue] numeric {_pct(found, len(numeric))} (missed: {', '.join(missed) or 'none'}),"
          f" milestones {_pct(ms, len(milestones))}, drafted {len(draft.targets)} entries, {len(draft.excuses)} excuses"
          f" (the catalogue has {len(excuses)})")
    assert found / len(numeric) >= 0.95, missed
    assert ms / len(milestones) >= 0.7
