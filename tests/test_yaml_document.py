"""yamlsafe's document: every mapping and item with its line, and the corners of YAML a
data file must not use (anchors and aliases, custom tags, duplicate keys, several
documents) as located problems. Each case states the language's rule it checks."""

from __future__ import annotations

import pytest

from worktargets.yamlsafe import YList, YMap, load_yaml


def parse(text: str) -> tuple[object, list[tuple[str, int | None, dict[str, str]]]]:
    doc, problems = load_yaml(text, "t.yaml")
    return doc, [(p.code, p.line, p.params) for p in problems]


def test_keys_and_items_keep_their_lines_in_block_and_flow_style() -> None:
    doc, problems = parse("a: 1\nb:\n  - x\n  - {c: 2022-01-01,\n     d: [1,\n         2]}\n")
    assert problems == []
    assert isinstance(doc, YMap) and doc.line == 1 and doc.key_lines == {"a": 1, "b": 2}
    items = doc["b"]
    assert isinstance(items, YList) and items.item_lines == [3, 4]
    inner = items[1]
    assert inner.key_lines == {"c": 4, "d": 5} and inner["d"].item_lines == [5, 6]
    assert str(inner["c"]) == "2022-01-01"


def test_the_same_text_is_the_same_value_only_under_the_same_resolution() -> None:
    # a quoted scalar is text, a plain one is resolved (YAML 1.1: 1 is an int, no is false)
    doc, _ = parse("- 1\n- '1'\n- 1\n- no\n- 'no'\n")
    assert doc == [1, "1", 1, False, "no"]


def test_a_scalar_that_cannot_be_constructed_is_a_problem_each_time_it_is_written() -> None:
    # 2022-13-01 has the form of a timestamp and no such month
    doc, problems = parse("a: 2022-13-01\nb: 2022-13-01\n")
    assert doc == {"a": None, "b": None}
    assert [(code, line) for code, line, _ in problems] == [("yaml-syntax", 1), ("yaml-syntax", 2)]


def test_each_alias_of_a_node_is_refused_once_at_its_first_use_with_its_name() -> None:
    doc, problems = parse("a: &x 1\nb: *x\nc: *x\n")
    assert doc == {"a": 1, "b": None, "c": None}
    assert problems == [("yaml-alias", 2, {"alias": "x"})]


def test_an_anchor_inside_an_aliased_node_is_met_again_through_it() -> None:
    doc, problems = parse("a: &a [&b 1]\nb: *b\nc: *a\nd: *b\n")
    assert doc == {"a": [1], "b": None, "c": None, "d": None}
    assert problems == [("yaml-alias", 2, {"alias": "b"}), ("yaml-alias", 3, {"alias": "a"})]


def test_a_node_first_reached_through_its_alias_is_read_there() -> None:
    # the value of a null key is never read as data; its anchor still names the node
    doc, problems = parse("~: &a [1]\nx: *a\ny: *a\n")
    assert doc == {"x": [1], "y": None}
    assert problems == [("yaml-alias", 2, {"alias": "a"})]


def test_a_refused_tag_is_refused_wherever_an_alias_brings_it() -> None:
    doc, problems = parse("a: !!python/tuple &a [1]\nb: *a\n")
    assert doc == {"a": None, "b": None}
    assert problems == [("yaml-tag", 1, {"tag": "!!python/tuple"})] * 2


def test_a_node_that_contains_its_own_alias_is_refused() -> None:
    doc, problems = parse("&a [*a]\n")
    assert doc == [None] and problems == [("yaml-alias", 1, {"alias": "a"})]


@pytest.mark.parametrize("text, line, detail", [
    ("a: *x\n", 1, "found undefined alias"),  # an alias names an anchor defined before it
    ("a: &x 1\nb: &x 2\n", 2, "found duplicate anchor; first occurrence second occurrence"),
    ("a: 1\n---\nb: 2\n", 2, "expected a single document in the stream but found another document"),
    ("- *a\n- &a 1\n", 1, "found undefined alias"),
])
def test_the_composers_rules_are_syntax_problems_at_their_place(text: str, line: int, detail: str) -> None:
    doc, problems = parse(text)
    assert doc is None and problems == [("yaml-syntax", line, {"detail": detail})]


def test_a_composer_error_before_a_parser_error_is_the_one_reported() -> None:
    # the document is read in order: the undefined alias on line 1 comes before the unclosed [ on line 2
    assert parse("a: *x\nb: [\n")[1] == [("yaml-syntax", 1, {"detail": "found undefined alias"})]


def test_a_second_key_is_a_problem_at_its_line_and_the_first_value_stays() -> None:
    doc, problems = parse("a: 1\nb: 2\na: 3\n")
    assert doc == {"a": 1, "b": 2} and problems == [("yaml-duplicate-key", 3, {"key": "a"})]


def test_an_empty_stream_is_an_empty_file_and_a_null_document_is_none() -> None:
    assert parse("# only a comment\n") == (None, [("file-empty", None, {})])
    assert parse("--- \n...\n") == (None, [])


@pytest.mark.parametrize("flow", [True, False])
def test_nesting_up_to_the_parsers_limit_is_read_and_beyond_it_is_a_located_problem(flow: bool) -> None:
    # libyaml refuses more than 1,000 levels of nesting; below that the document is read whole
    def nested(n: int) -> str:
        if flow:
            return "[" * n + "]" * n + "\n"
        return "".join("  " * i + "-\n" for i in range(n)) + "  " * n + "1\n"

    doc, problems = parse(nested(990))
    assert problems == []
    depth = 0
    while isinstance(doc, list) and doc:
        doc, depth = doc[0], depth + 1
    assert depth == (989 if flow else 990)
    _, problems = parse(nested(1500))
    assert [code for code, _, params in problems] == ["yaml-syntax"]
    assert "maximum nesting depth" in problems[0][2]["detail"]
