"""The core's hand-written records behave as the frozen dataclasses they replaced:
immutable, equal and hashed by value, pickled whole (the catalogue cache), and built
from the same positional and keyword arguments."""

from __future__ import annotations

import copy
import inspect
import pickle
from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal

import pytest

from worktargets import model
from worktargets.errors import Problem
from worktargets.model import (
    Baseline,
    Catalogue,
    Comparator,
    Entry,
    Excuse,
    Kind,
    Plan,
    Record,
    Reporting,
    Settings,
    Target,
    Thresholds,
)
from worktargets.status import StatusReport, TargetStatus


def _records() -> list[type]:
    return [Thresholds, Reporting, Settings, Plan, Baseline, Target, Excuse, Catalogue, Entry, Problem,
            TargetStatus, StatusReport]


def _target(**kw: object) -> Target:
    args: dict[str, object] = dict(id="hogs", title="生猪出栏", section="一", source="生猪出栏52万头",
                                   kind=Kind.AMOUNT, comparator=Comparator.GE, target=Decimal(52), unit="万头",
                                   owner="区农业农村局", due=date(2022, 12, 31))
    args.update(kw)
    return Target(**args)  # type: ignore[arg-type]


def _catalogue() -> Catalogue:
    plan = Plan("标题", "巴州区", 2022, year_note="推定", source_file="r.txt")
    t = _target(baseline=Baseline(None, "万头"), schedule=((date(2022, 6, 30), Decimal(40)),), co_owners=("x",))
    return Catalogue(plan, Settings(), (t, _target(id="b", line=9)), (Excuse("十四五", "a name"),), "t.yaml", "r.txt")


@pytest.mark.parametrize("cls", _records(), ids=lambda c: c.__name__)
def test_fields_are_the_constructor_arguments_in_order(cls: type) -> None:
    # pickling rebuilds a record as cls(*fields): the slots must follow __init__'s arguments
    params = list(inspect.signature(cls.__init__).parameters)[1:]
    assert params == list(cls.__slots__)
    assert not hasattr(cls(*[None] * len(params)), "__dict__")


def test_every_model_record_is_listed() -> None:
    found = {v for v in vars(model).values() if isinstance(v, type) and issubclass(v, Record) and v is not Record}
    assert found <= set(_records())


def test_records_are_frozen() -> None:
    t = _target()
    with pytest.raises(FrozenInstanceError):
        t.title = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del t.title  # type: ignore[misc]
    with pytest.raises(AttributeError):
        t.other = 1  # type: ignore[attr-defined]
    assert t.title == "生猪出栏"


def test_equal_and_hashed_by_value() -> None:
    assert _target() == _target() and hash(_target()) == hash(_target())
    assert _target() != _target(line=3)
    assert _target() != Excuse("a", "b") and _target() != ("hogs",)
    assert {_target(), _target()} == {_target()}
    assert Settings() == Settings(thresholds=Thresholds(Decimal(10), Decimal(0), Decimal(30)), reporting=Reporting())
    assert Problem("x", "p") == Problem("x", "p", params={})
    with pytest.raises(TypeError):  # params is a dict, as with the dataclass
        hash(Problem("x", "p"))


def test_defaults_are_not_shared() -> None:
    a, b = Problem("x", "p"), Problem("y", "p")
    a.params["k"] = "v"
    assert b.params == {}


def test_pickle_and_copy_round_trip() -> None:
    cat = _catalogue()
    back = pickle.loads(pickle.dumps(cat, pickle.HIGHEST_PROTOCOL))
    assert back == cat and type(back.targets[0].baseline) is Baseline
    assert copy.deepcopy(cat) == cat and copy.copy(cat.plan) == cat.plan
    e = Entry("20220630-1", date(2022, 6, 30), "hogs", model.Basis.TOTAL, Decimal(2), by="李四", line=4)
    assert pickle.loads(pickle.dumps(e)) == e
    report = StatusReport(date(2022, 6, 30), cat, (TargetStatus(cat.targets[0], model.State.NO_DATA, None, None,
                                                                None, Decimal(50)),))
    assert pickle.loads(pickle.dumps(report)) == report


def test_repr_names_the_fields() -> None:
    assert repr(Excuse("十四五", "a name")) == "Excuse(text='十四五', reason='a name')"
    assert repr(Reporting()) == "Reporting(cycle='monthly', due_day=25)"


def test_properties() -> None:
    plan = Plan("t", "r", 2022)
    assert plan.year_start == date(2022, 1, 1) and plan.year_end == date(2022, 12, 31)
    rel = _target(kind=Kind.RELATIVE, target=None, factor=Decimal(2), baseline=Baseline(Decimal(3), "万头"))
    assert rel.effective_target() == Decimal(6) and not rel.is_milestone
    assert _catalogue().by_id()["b"].line == 9
