"""The faster YAML scanner reads every document exactly as PyYAML's own
pure-Python loader does (the same nodes, values and marks, the same errors
with the same positions), and reads a megabyte line in a fraction of a second."""

import random
import time

import pytest
import yaml

from conftest import ROOT
from postimages.yamlscan import FastSafeLoader

CORPUS = sorted(p for p in ROOT.rglob("*.yaml") if ".git" not in p.parts and "out" not in p.parts)
EDGES = [
    "a: b c  # x\n", 'a: "b \\\n  c"\n', "a: 'it''s  a\t b'\n", "a: {b: c d, e: [f g, h:i, j: k]}\n",
    "a: b:c d: e\n", "a: b #c\n", "a:  b  \n  c\n", '- a b\n- "c\\x41 d"\n', 'a: "x\\u263A y"\n',
    "a: [x ?y, z]\n", "a: b\t c\n", 'key: "a  \n   b"\n', "a: b\ufeffc d\n", "a: x\u2028y z\n", "a: {b: }\n",
    "a: c#d e #f\n", "a: 'x  '\n", 'a: "x \\q"\n', 'a: "unterminated\n', "a: [b, c: d, {e: f}]\n",
    "  a: b\n c: d\n", "- - a b\n  - c\n", "a: >\n  folded  text\n  here\n", "? a b\n: c d\n", "a: b\r\nc: d e\r\n",
]


def composed(text: str, loader) -> object:
    """Every node's kind, tag, value, style and start and end marks; or the error as PyYAML words it."""
    def tree(node):
        marks = (node.start_mark.line, node.start_mark.column, node.start_mark.index,
                 node.end_mark.line, node.end_mark.column, node.end_mark.index)
        if isinstance(node, yaml.ScalarNode):
            return ("scalar", node.tag, node.value, node.style, marks)
        if isinstance(node, yaml.SequenceNode):
            return ("seq", node.tag, marks, [tree(item) for item in node.value])
        return ("map", node.tag, marks, [(tree(k), tree(v)) for k, v in node.value])

    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        return ("error", str(exc))
    return tree(node) if node is not None else None


def mutated(texts: list[str], count: int, seed: int) -> list[str]:
    """Texts with a few characters YAML cares about inserted, deleted or copied elsewhere."""
    pieces = list(":-[]{}#&*!|>'\"%@`,? \t\n\\") + ["\u2028", "\x85", "\ufeff", "é", "😀", "\r", "\\x4", ": ", " #", "''"]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 4)):
            at, op = rng.randrange(len(text) + 1), rng.random()
            if op < 0.5:
                text = text[:at] + rng.choice(pieces) + text[at:]
            elif op < 0.75:
                text = text[:at] + text[at + 1:]
            else:
                start = rng.randrange(len(text) + 1)
                text = text[:at] + text[start:start + rng.randint(1, 20)] + text[at:]
        out.append(text)
    return out


def test_the_corpus_and_the_edge_cases_read_the_same():
    texts = [p.read_text(encoding="utf-8") for p in CORPUS] + EDGES
    assert len(texts) > 100
    for text in texts:
        assert composed(text, FastSafeLoader) == composed(text, yaml.SafeLoader), text[:200]


@pytest.mark.parametrize("seed", range(2))
def test_mutated_documents_read_the_same_or_fail_the_same(seed):
    texts = [p.read_text(encoding="utf-8") for p in CORPUS] + EDGES
    results = {"ok": 0, "error": 0}
    for text in mutated(texts, 250, seed):
        fast = composed(text, FastSafeLoader)
        assert fast == composed(text, yaml.SafeLoader), repr(text)[:300]
        results["error" if isinstance(fast, tuple) and fast[0] == "error" else "ok"] += 1
    assert results["ok"] > 50 and results["error"] > 50  # both paths were exercised


@pytest.mark.parametrize("line", ["word " * 199_800, '"' + "word " * 199_800 + '"', "'" + "a" * 999_000 + "'",
                                  "a" * 999_000])
def test_a_megabyte_title_is_read_in_a_fraction_of_a_second(line):
    text = "kind: cover\ntitle: " + line + "\n"
    started = time.perf_counter()
    node = yaml.compose(text, Loader=FastSafeLoader)
    elapsed = time.perf_counter() - started
    assert len(node.value[1][1].value) >= 998_999 and node.value[1][1].start_mark.column == 7
    assert elapsed < 1.0, f"{elapsed:.2f} s (PyYAML's own loop takes 1-3 s)"
