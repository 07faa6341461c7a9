"""Quantities: exact parsing, conversion within a family, formatting back."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worktargets.quantity import (
    Quantity,
    QuantityError,
    format_quantity,
    parse_quantity,
    parse_unit,
    value_in,
)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("3.6万亩", "3.6", "万亩"),
        ("150亿元", "150", "亿元"),
        ("1,000户", "1000", "户"),
        ("３.６万亩", "3.6", "万亩"),
        ("10%", "10", "%"),
        ("10％", "10", "%"),
        ("230公里", "230", "公里"),
        ("5万平方米", "5", "万平方米"),
        ("52万头", "52", "万头"),
        ("1000万元", "1000", "万元"),
        (" 8.5 % ", "8.5", "%"),
        ("-3.2%", "-3.2", "%"),
    ],
)
def test_parse_as_written(text: str, value: str, unit: str) -> None:
    q = parse_quantity(text)
    assert q.value == Decimal(value)
    assert q.unit == unit


def test_magnitude_without_unit_is_absolute() -> None:
    assert parse_quantity("5千万") == Quantity(Decimal("50000000"), "")
    assert parse_quantity("３.６万") == Quantity(Decimal("36000"), "")
    # with a default unit the magnitude joins the default's base unit
    assert parse_quantity("2.1万", "亩") == Quantity(Decimal("2.1"), "万亩")


def test_conversion_is_exact() -> None:
    assert Quantity(Decimal("3.6"), "万亩").to("亩").value == Decimal("36000")
    assert Quantity(Decimal("150"), "亿元").to("万元").value == Decimal("1500000")
    assert Quantity(Decimal("1"), "公里").to("千米").value == Decimal("1")
    assert Quantity(Decimal("1"), "公里").to("米").value == Decimal("1000")
    assert Quantity(Decimal("0.1"), "亿元").to("元").value == Decimal("10000000")


def test_value_in_target_unit() -> None:
    assert value_in("3.6万亩", "万亩") == Decimal("3.6")
    assert value_in("36000", "万亩") == Decimal("3.6")  # a bare number is in the base unit
    assert value_in("３６０００", "万亩") == Decimal("3.6")
    assert value_in("2.1万", "万亩") == Decimal("2.1")
    assert value_in("1,200", "户") == Decimal("1200")
    assert value_in("2.1", "万亩", written_unit="万亩") == Decimal("2.1")
    assert value_in("1.2亿元", "万元") == Decimal("12000")


def test_other_family_is_an_error_naming_both() -> None:
    with pytest.raises(QuantityError) as exc:
        value_in("3万头", "万亩")
    assert exc.value.code == "unit-mismatch"
    assert "万头" in str(exc.value) and "万亩" in str(exc.value)


def test_unknown_unit() -> None:
    with pytest.raises(QuantityError) as exc:
        parse_quantity("3担")
    assert exc.value.code == "unknown-unit"
    with pytest.raises(QuantityError):
        parse_unit("亿担")


def test_not_a_number() -> None:
    with pytest.raises(QuantityError) as exc:
        parse_quantity("约三万亩")
    assert exc.value.code == "bad-number"


_UNITS = ["亩", "万亩", "元", "万元", "亿元", "头", "万头", "平方米", "万平方米", "公里", "个", "户", "家", "人", "座", "%"]


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from(_UNITS),
)
def test_parse_format_roundtrip(value: Decimal, unit: str) -> None:
    q = Quantity(value, unit)
    back = parse_quantity(format_quantity(q))
    assert back.value == q.value
    assert back.unit == q.unit


@given(st.decimals(min_value=Decimal(0), max_value=Decimal("1e10"), places=3, allow_nan=False, allow_infinity=False))
def test_conversion_roundtrip(value: Decimal) -> None:
    q = Quantity(value, "万亩")
    assert q.to("亩").to("万亩").value == value


def test_dates_as_clerks_write_them() -> None:
    from datetime import date

    from worktargets.dates import parse_date

    for text in ("2022-06-30", "2022/6/30", "2022年6月30日", "2022.6.30", "２０２２-０６-３０", "20220630",
                 "44742", 44742, "2022-06-30 00:00:00"):
        assert parse_date(text) == date(2022, 6, 30), text
    for text in ("2022-06-31", "June 30", "", "30/06/2022", "12345678"):
        assert parse_date(text) is None, text


_ALL_UNITS = ["吨", "万吨", "公顷", "平方公里", "立方米", "万立方米", "千瓦", "万千瓦时", "人次", "万人次", "辆", "标箱",
              "个百分点", "‰", "倍", "亿美元", "万斤", "亿斤", "m2", "万m2", "千米", "万人", "村", "件", "次", "户(企业)"]


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from(_ALL_UNITS),
)
def test_parse_format_roundtrip_new_units(value: Decimal, unit: str) -> None:
    back = parse_quantity(format_quantity(Quantity(value, unit)))
    assert (back.value, back.unit) == (value, unit)


@given(st.decimals(min_value=Decimal(0), max_value=Decimal("1e9"), places=3, allow_nan=False, allow_infinity=False),
       st.sampled_from([("公顷", "亩"), ("吨", "斤"), ("万斤", "公斤"), ("平方公里", "万平方米"), ("兆瓦", "千瓦"), ("‰", "%")]))
def test_conversion_to_a_smaller_unit_and_back_is_exact(value: Decimal, pair: tuple[str, str]) -> None:
    big, small = pair
    there = Quantity(value, big).to(small)
    assert there.to(big).value == value


@given(st.integers(min_value=0, max_value=10**9))
def test_mu_to_hectares_exact_or_refused(n: int) -> None:
    q = Quantity(Decimal(n), "亩")
    if n % 3 == 0:  # n/15 is a finite decimal exactly when 3 divides n
        assert q.to("公顷").value * 15 == n
    else:
        with pytest.raises(QuantityError) as exc:
            q.to("公顷")
        assert exc.value.code == "inexact-conversion"
