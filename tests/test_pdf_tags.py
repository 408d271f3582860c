"""The carousel PDF's tags and language: what a screen reader is given."""

import io
import shutil

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

from postimages.carousel import ARTIFACT, PARAGRAPH, TITLE, Document, Page, PageText, pdf_bytes
from postimages.cli import main
from postimages.langtag import LanguageProblem, parse_language

from conftest import ROOT
from pdf_structure import ARTIFACT as ARTIFACT_TEXT, elements, marked_text

pypdf = pytest.importorskip("pypdf")


def _card(width=240, height=160):
    """Flat colours and text, as a card is: stored losslessly."""
    image = Image.new("RGB", (width, height), (14, 20, 39))
    draw = ImageDraw.Draw(image)
    for line in range(12):
        draw.text((6, 4 + line * 13), f"line {line}: the quick brown fox {line * 37}", fill=(230, 235, 245))
    draw.ellipse((150, 20, 230, 100), fill=(90, 140, 255))
    return image


def _page(number: int) -> Page:
    return Page(_card(), [
        PageText("A title on", 2, 10, 40, 8, role=TITLE, block=0),
        PageText("two lines", 2, 20, 36, 8, role=TITLE, block=0),
        PageText(f"Body {number}", 2, 30, 24, 8, role=PARAGRAPH, block=1),
        PageText(f"{number}/2", 40, 44, 12, 6, role=ARTIFACT, block=2),
    ], alt=f"Card {number}")


def test_fpdf2_internals_still_work():
    """carousel.py tags text through fpdf2's internals (`_tagged`); this fails
    if fpdf2 changes them."""
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes([_page(1), _page(2)], 72)))
    assert [(e.role, e.page, e.alt, e.text) for e in elements(reader)] == [
        ("Document", None, "", ""),
        ("Figure", 0, "Card 1", ""), ("H1", 0, "", "A title on two lines"), ("P", 0, "", "Body 1"),
        ("Figure", 1, "Card 2", ""), ("H1", 1, "", "A title on two lines"), ("P", 1, "", "Body 2"),
    ]
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    parents = root["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    for number, page in enumerate(reader.pages, 1):
        # The parent tree takes each marked sequence of the page back to its element.
        mcids = parents[parents.index(page["/StructParents"]) + 1]
        assert [element.get_object()["/K"] for element in mcids] == [[0], [1], [2]]
        assert all(element.get_object().raw_get("/Pg").idnum == page.indirect_reference.idnum for element in mcids)
        assert marked_text(page)[ARTIFACT_TEXT].strip() == f"{number}/2"
        assert None not in marked_text(page), "every text is tagged or an artifact"


def test_a_page_without_alt_text_is_an_artifact_image_and_the_language_is_the_documents():
    page = _page(1)
    page.alt = ""
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes([page], 72, Document(title="T", language="pt-BR"))))
    assert [e.role for e in elements(reader)] == ["Document", "H1", "P"]
    assert reader.trailer["/Root"]["/Lang"] == "pt-BR"


# --- language: in post.yaml -------------------------------------------------


@pytest.fixture
def post(in_tmp):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def _set_language(post, value: str) -> int:
    """Writes `language: value` into the post's post.yaml; returns its line number."""
    path = post / "specs" / "post.yaml"
    lines = path.read_text().splitlines() + [f"language: {value}"]
    path.write_text("\n".join(lines) + "\n")
    return len(lines)


def test_the_pdf_has_the_language_of_post_yaml(post):
    _set_language(post, "pt-br")
    result = CliRunner().invoke(main, ["render", "--pdf", "specs/03-code.yaml"])
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(post / "output" / "carousel.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "pt-BR"


@pytest.mark.parametrize("value, message, hint", [
    ("english", "'english' is not a BCP 47 language tag", "write `language: en`"),
    ("en_GB", "'en_GB' is a locale name, not a BCP 47 language tag", "write `language: en-GB`"),
    ("eng", "'eng' is not a BCP 47 language tag", "write `language: en`"),
    ("gb", "unknown language code 'gb'", "then a region if you want one: en-GB"),
    ("en-UK", "UK is not a region code", "write `language: en-GB`"),
    ("no", "expected a language tag, got false", 'write `language: "no"` in quotes'),
    ("en--us", "'en--us' is not a BCP 47 language tag", "en, hi, pt-BR"),
    ("12", "expected a language tag, got 12", "en, hi, pt-BR"),
    ("python", "'python' is not a BCP 47 language tag", "a code card's own `language:` names the language of its code"),
])
def test_a_bad_language_is_located_with_the_tag_to_write(post, value, message, hint):
    line = _set_language(post, value)
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"specs/post.yaml:{line}:11: language: {message}"), first
    assert hint in first and "Traceback" not in result.output


@pytest.mark.parametrize("value, tag", [
    ("en", "en"), ("HI", "hi"), ("pt-br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("es-419", "es-419"),
    ("sr-Latn-RS", "sr-Latn-RS"), ("de-CH-1901", "de-CH-1901"), ("yue", "yue"), ("fil", "fil"),
    ("en-US-x-Twain", "en-US-x-twain"), ("x-klingon", "x-klingon"), (" nb ", "nb"),
])
def test_a_language_tag_is_kept_in_its_usual_case(value, tag):
    assert parse_language(value) == tag


@pytest.mark.parametrize("value", ["", "e", "english1", "en-", "-en", "zz", "en-US-", "a" * 36, "en US", None, 1.5])
def test_what_is_not_a_language_tag(value):
    with pytest.raises(LanguageProblem) as problem:
        parse_language(value)
    assert problem.value.hint


# --- roles from the scene ---------------------------------------------------


def _roles(folder, stem):
    from postimages.carousel import page_texts
    from postimages.plan import Options, folder_jobs, load_job
    from postimages.render import layout_card

    job = next(j for j in folder_jobs(folder, None, []) if j.spec.stem == stem)
    return [(line.role, line.text.strip()) for line in page_texts(layout_card(load_job(job, Options())))]


def test_what_only_numbers_or_decorates_a_card_is_an_artifact():
    code = _roles(ROOT / "specs", "03-code")
    assert (TITLE, "Fan out, then gather") in code
    assert (ARTIFACT, "10") in code and (ARTIFACT, "3/4") in code  # a line number, the page number
    assert (PARAGRAPH, "async def run_agent(agent: Agent, filing: Filing,") in code
    quote = _roles(ROOT / "examples" / "failed-trading-system", "03-hypothesis")
    assert (ARTIFACT, "\u201c") in quote, "the quote's drawn opening mark"
    assert not any(role == TITLE for role, _ in quote), "a quote card has no title"
