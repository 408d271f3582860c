"""A tagged PDF read back as a screen reader walks it: the structure tree's
elements in order, each with its page, alt text and the text it marks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

ARTIFACT = "artifact"


@dataclass
class Element:
    role: str  # "H1", "P", "Figure"...
    page: int | None  # 0-based
    mcids: list[int]
    alt: str
    text: str


def marked_text(page) -> dict:
    """The text of each marked-content sequence of a page: by MCID, ARTIFACT for
    artifacts, None for text outside any sequence."""
    current = [None]
    found: dict = defaultdict(str)

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            current[0] = int(operands[1]["/MCID"]) if "/MCID" in operands[1] else operands[0]
        elif operator == b"BMC":
            current[0] = ARTIFACT if operands[0] == "/Artifact" else operands[0]
        elif operator == b"EMC":
            current[0] = None

    def text(value, cm, tm, font, size):
        if value.strip():
            found[current[0]] += value

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def elements(reader) -> list[Element]:
    """Every element of the structure tree, depth first (the reading order)."""
    numbers = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    texts = [marked_text(page) for page in reader.pages]
    found: list[Element] = []

    def walk(node):
        kids = node.get_object().get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object()
            if not hasattr(kid, "get"):
                continue
            page = numbers[kid.raw_get("/Pg").idnum] if "/Pg" in kid else None
            k = kid.get("/K", [])
            mcids = [m for m in (k if isinstance(k, list) else [k]) if isinstance(m, int)]
            text = " ".join(" ".join(texts[page][m].split()) for m in mcids) if page is not None else ""
            found.append(Element(str(kid["/S"])[1:], page, mcids, str(kid.get("/Alt", "")), text))
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
