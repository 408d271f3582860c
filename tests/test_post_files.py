"""What the post needs besides the PNGs: alt text, carousel PDF, phone preview, schema."""

import json
import shutil

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from postimages.cli import main
from postimages.carousel import Page, page_texts, pdf_bytes
from postimages.preview import grid_boxes, layout_preview

from conftest import ROOT
from pdf_structure import elements


@pytest.fixture
def post(in_tmp):
    """The shipped post copied to a fresh folder."""
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def card_names():
    return sorted(p.stem for p in (ROOT / "specs").glob("*.yaml") if p.name != "post.yaml" and not p.name.startswith("_"))


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_render_writes_alt_text_for_every_card(post):
    output = run("render")
    assert "output/alt-text.md" in output
    text = (post / "output" / "alt-text.md").read_text()
    for name in card_names():
        assert f"## {name}.png" in text
    assert "38.1%" in text and "> 60%" in text and "NO EDGE" in text


def test_alt_text_from_the_spec_wins(post):
    spec = post / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text() + "alt: A card saying the backtest found no edge.\n")
    run("render")
    assert "A card saying the backtest found no edge." in (post / "output" / "alt-text.md").read_text()


def test_generated_alt_text_is_plain_and_short(post):
    run("render")
    sections = (post / "output" / "alt-text.md").read_text().split("## ")[1:]
    assert len(sections) == len(card_names())
    for section in sections:
        body = section.splitlines()[2]
        assert body.endswith(".")
        assert 40 < len(body) <= 300, body


def test_pdf_has_one_page_per_card_in_post_order_all_one_size(post):
    output = run("render", "--pdf")
    pdf = post / "output" / "carousel.pdf"
    assert f"{pdf.relative_to(post)}  {len(card_names())} pages" in output
    assert pdf.read_bytes().startswith(b"%PDF")
    pypdf = pytest.importorskip("pypdf")
    page_sizes = [tuple(page.mediabox) for page in pypdf.PdfReader(pdf).pages]
    assert len(page_sizes) == len(card_names())
    assert len(set(page_sizes)) == 1
    assert pdf.stat().st_size < 1.5 * 1024 * 1024  # four cards, drawn at twice the pixels, lossless


def test_pdf_pages_must_share_a_size():
    with pytest.raises(ValueError):
        pdf_bytes([Page(Image.new("RGB", (100, 100))), Page(Image.new("RGB", (100, 120)))], 72)


def _spec(name):
    return yaml.safe_load((ROOT / "specs" / f"{name}.yaml").read_text())


def _number(metric):
    """A metric's value as the card shows it (the minus is U+2212)."""
    value = metric["value"]
    text = f"{value:.{metric['decimals']}f}" if "decimals" in metric else str(value)
    return text.replace("-", "\u2212")


def test_pdf_text_metadata_and_alt_text_read_back(post):
    pypdf = pytest.importorskip("pypdf")
    run("render", "--pdf")
    reader = pypdf.PdfReader(post / "output" / "carousel.pdf")
    names = card_names()
    assert len(reader.pages) == len(names)
    first = _spec(names[0])
    assert reader.metadata.title == first["title"]
    assert reader.metadata.author == yaml.safe_load((ROOT / "specs" / "post.yaml").read_text())["author"]
    assert first["title"] in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    for page, name in zip(reader.pages, names):  # post order
        spec = _spec(name)
        text = page.extract_text()
        assert " ".join(spec["title"].split()) in " ".join(text.split()), name
        for metric in spec.get("metrics", []):
            assert _number(metric) in text, (name, metric)
        for layer in spec.get("layers", []):
            assert layer["name"] in text and all(item in text for item in layer.get("items", []))
        for item in spec.get("items", []):
            assert item["title"] in text
    # Each page's image carries the card's alt text, in the tagged structure;
    # then come the card's title as a heading and its numbers as paragraphs.
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    tree = elements(reader)
    figures = [element for element in tree if element.role == "Figure"]
    alts = (post / "output" / "alt-text.md").read_text()
    assert [figure.page for figure in figures] == list(range(len(names)))
    for figure in figures:
        assert figure.alt in alts
    for number, name in enumerate(names):
        spec = _spec(name)
        on_page = [element for element in tree if element.page == number]
        assert on_page[0].role == "Figure", "the image is read first"
        assert [e.text for e in on_page if e.role == "H1"] == [" ".join(spec["title"].split())], name
        paragraphs = [e.text for e in on_page if e.role == "P"]
        for metric in spec.get("metrics", []):
            assert any(text.startswith(_number(metric)) for text in paragraphs), (name, metric)
        assert not any(e.text == f"{number + 1}/{len(names)}" for e in on_page), "the page number is an artifact"
    frame = [e for e in tree if e.text == "Your Name · @yourhandle"]
    assert [e.page for e in frame] == [0], "the author's line is read once, on the first page"


def test_pdf_code_keeps_its_lines_and_indentation(post):
    from postimages.plan import Options, folder_jobs, load_job
    from postimages.render import layout_card

    job = next(j for j in folder_jobs(post / "specs", None, []) if j.spec.stem == "03-code")
    lines = [t.text for t in page_texts(layout_card(load_job(job, Options()), 2.0))]
    assert "async def run_agent(agent: Agent, filing: Filing," in lines
    assert "            async with asyncio.timeout(AGENT_TIMEOUT):" in lines
    assert lines.index("127 agents, one orchestrator") < lines.index("3/4"), "the frame's bottom line comes last"


def test_pdf_text_sits_where_the_card_draws_it(post):
    from postimages.plan import Options, folder_jobs, load_job
    from postimages.render import layout_card

    for job in folder_jobs(post / "specs", None, []):
        scene = layout_card(load_job(job, Options()), 2.0)
        boxes = [t.box for t in scene.texts()]
        for line in page_texts(scene):
            indent = len(line.text) - len(line.text.lstrip())  # code: the row starts at the code's left edge
            x = line.x + indent * line.width / len(line.text)
            assert any(b.x - 1 <= x <= b.right + 1 and b.y <= line.baseline <= b.bottom for b in boxes), line


def test_no_pdf_when_a_card_failed(post):
    spec = post / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text().replace("value: 42", "value: abc"))
    result = CliRunner().invoke(main, ["render", "--pdf"])
    assert result.exit_code == 1
    assert "carousel.pdf: not written" in result.output
    assert not (post / "output" / "carousel.pdf").exists()


def test_preview_shows_every_card(post):
    output = run("preview")
    preview = post / "output" / "preview.png"
    assert "phone preview" in output
    with Image.open(preview) as image:
        width, height = image.size
    # A phone column beside one column of 400 px cards, two when there are several.
    columns = 2 if len(card_names()) > 1 else 1
    assert 500 + columns * 400 <= width <= 600 + columns * 450
    assert height >= 400


def test_a_preview_of_unchanged_cards_is_not_drawn_again(post):
    run("preview")
    preview = post / "output" / "preview.png"
    data, mtime = preview.read_bytes(), preview.stat().st_mtime_ns
    assert run("preview").rstrip().endswith(f"phone preview of {len(card_names())} cards  unchanged")
    assert preview.stat().st_mtime_ns == mtime
    spec = post / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text().replace("value: 42", "value: 41"))
    assert "unchanged" not in run("preview").splitlines()[-1]
    assert preview.read_bytes() != data
    edited = preview.read_bytes()
    preview.write_bytes(edited[:-10])  # changed since: drawn again
    assert "unchanged" not in run("preview").splitlines()[-1] and preview.read_bytes() == edited


@pytest.mark.parametrize("count, tiles", [(1, 1), (2, 2), (3, 3), (4, 4), (6, 4)])
def test_feed_grid_follows_linkedins_layout(count, tiles):
    layout = layout_preview([f"{i}.png" for i in range(count)], [(1200, 1200)] * count, "A", "@a", "post")
    assert len(layout.grid) == tiles
    assert (layout.more_badge is not None) == (count > 4)
    for box in layout.grid:
        assert layout.screen.contains(box)


def test_grid_has_one_large_image_over_three():
    from postimages.geometry import Box

    top, *below = grid_boxes(Box(0, 0, 430, 0), 4, 4)
    assert top.w == 430 and len(below) == 3
    assert all(b.y > top.bottom - 1 for b in below)


def test_schema_validates_the_shipped_specs(post):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run("schema"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for name in card_names():
        spec = yaml.safe_load((ROOT / "specs" / f"{name}.yaml").read_text())
        assert not list(validator.iter_errors(spec)), name
    bad = {"kind": "stats", "metrics": [{"label": "Win rate", "value": "38.1%"}], "colour": "red"}
    assert len(list(validator.iter_errors(bad))) >= 2
    post_schema = json.loads(run("schema", "--post"))
    assert not list(jsonschema.Draft202012Validator(post_schema).iter_errors(
        yaml.safe_load((ROOT / "specs" / "post.yaml").read_text())))


def test_an_unwritable_alt_text_file_is_a_message_not_a_crash(post):
    (post / "output" / "alt-text.md").mkdir(parents=True)
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 1
    assert "alt-text.md: cannot write the file" in result.output
    assert "Traceback" not in result.output
    assert (post / "output" / "01-validation.png").exists()


def test_a_block_scalar_label_is_one_line(post):
    spec = post / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text().replace("  - label: Sample\n", "  - label: |\n      Sample\n"))
    assert CliRunner().invoke(main, ["render"]).exit_code == 0


def test_a_failing_card_keeps_the_alt_text_of_its_previous_png(post):
    run("render")
    spec = post / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text().replace("value: 42", "value: abc"))
    assert CliRunner().invoke(main, ["render"]).exit_code == 1
    text = (post / "output" / "alt-text.md").read_text()
    assert "## 01-validation.png" in text and "42 alerts" in text
    assert text.index("## 01-validation.png") < text.index("## 02-architecture.png")


def test_rendering_one_card_keeps_the_whole_posts_alt_text(post):
    run("render")
    before = (post / "output" / "alt-text.md").read_text()
    spec = post / "specs" / "03-code.yaml"
    spec.write_text(spec.read_text() + "alt: The orchestrator's code, fanning out to agents.\n")
    run("render", "specs/03-code.yaml")
    text = (post / "output" / "alt-text.md").read_text()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [line for line in before.splitlines() if line.startswith("## ")]
    assert len(headings) == 4
    assert "The orchestrator's code, fanning out to agents." in text


def test_pdf_pages_are_the_cards_pixel_for_pixel(post):
    """Lossless where that is smaller (it is for the shipped cards): the page's image is the card."""
    pypdf = pytest.importorskip("pypdf")
    from PIL import ImageChops

    from postimages.plan import Options, folder_jobs, load_job
    from postimages.render import render_card

    run("render", "--pdf")
    page = pypdf.PdfReader(post / "output" / "carousel.pdf").pages[0]
    job = folder_jobs(post / "specs", None, [])[0]
    card = render_card(load_job(job, Options()), 2.0).convert("RGB")
    assert ImageChops.difference(page.images[0].image.convert("RGB"), card).getbbox() is None


def test_pdf_stores_a_jpeg_where_it_is_smaller():
    import random

    from postimages.carousel import _image_source

    noise = Image.frombytes("RGB", (256, 256), random.Random(1).randbytes(256 * 256 * 3))
    assert _image_source(noise).getvalue()[:2] == b"\xff\xd8"  # a JPEG
    assert isinstance(_image_source(Image.new("RGB", (256, 256), (20, 30, 60))), Image.Image)


def test_pdf_text_has_what_the_text_font_lacks_but_not_colour_emoji(post):
    pypdf = pytest.importorskip("pypdf")
    spec = post / "specs" / "01-validation.yaml"
    data = yaml.safe_load(spec.read_text())
    data["kicker"] = "Price ₹ 5 · Ω 👩‍💻 done"  # ₹: not in the invisible text's font (JetBrains Mono)
    spec.write_text(yaml.safe_dump(data, allow_unicode=True))
    run("render", "--pdf")
    text = pypdf.PdfReader(post / "output" / "carousel.pdf").pages[0].extract_text()
    assert "PRICE ₹ 5 · Ω" in text and "DONE" in text
    assert "👩" not in text
