"""kind: image — the spec fields and the alt text."""

from __future__ import annotations

from pathlib import Path

from postimages.schema import Field, Str

FRAMES = ("browser", "window", "phone", "none")
FITS = ("contain", "cover")

FIELDS = {
    "image": Field(Str(max_length=500, allow_empty=False, doc="the screenshot (PNG, JPEG or WebP), relative to this spec"),
                   required=True),
    "frame": Field(Str(choices=FRAMES, doc="browser (default) | window | phone | none")),
    "url": Field(Str(max_length=120, doc="shown in the browser frame's address bar")),
    "fit": Field(Str(choices=FITS, doc="contain (default: the whole image, never cropped) | cover (fill, cropping the edges)")),
    "caption": Field(Str(max_length=200, markup=True, doc="a line or two under the image")),
}


def image_path(card) -> Path:
    return card.path.parent / card.fields["image"]


def frame_of(card) -> str:
    return card.fields["frame"] or "browser"


def alt_text(card) -> str:
    """What the screenshot shows, from the card's own words: its title, url and caption."""
    f = card.fields
    where = {"browser": "a browser", "window": "a window", "phone": "a phone"}.get(frame_of(card))
    sentence = "Screenshot" + (f" in {where}" if where else "")
    if f["url"] and frame_of(card) == "browser":
        sentence += f" at {f['url']}"
    about = [part.rstrip(".") for part in (f.get("title"), f["caption"]) if part]
    sentence += (": " + ". ".join(about) if about else "") + "."
    return sentence if len(sentence) <= 250 else sentence[:248].rstrip() + "…"
