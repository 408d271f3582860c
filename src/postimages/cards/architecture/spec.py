"""kind: architecture — the spec fields (layers, each with a name, a tag and items) and the alt text."""

from __future__ import annotations

from postimages.schema import Field, ListOf, Obj, Str

MAX_LAYERS = 8
MAX_ITEMS = 8

LAYER = Obj(
    {
        "name": Field(Str(max_length=120, allow_empty=False, doc="the layer's name"), required=True),
        "tag": Field(Str(max_length=24, doc='a short badge beside the name, e.g. "127 agents" or "<100 ms"')),
        "items": Field(ListOf(Str(max_length=200, allow_empty=False), max_items=MAX_ITEMS,
                              doc="the layer's parts, shown as chips"), default=None),
    }
)

FIELDS = {
    "layers": Field(ListOf(LAYER, min_items=2, max_items=MAX_LAYERS, doc="drawn in order, an arrow between each"),
                    required=True),
}


def layers_of(card) -> list[dict]:
    return [{"name": l["name"], "tag": l["tag"], "items": l["items"] or []} for l in card.fields["layers"]]


def alt_text(card) -> str:
    layers = layers_of(card)
    title = card.fields.get("title")
    lead = f"{title}: an architecture diagram" if title else "An architecture diagram"

    def sentence(with_tags: bool) -> str:
        names = [f"{l['name']} ({l['tag']})" if with_tags and l["tag"] else l["name"] for l in layers]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        return f"{lead} of {len(layers)} layers, each feeding the next: {listed}."

    full = sentence(with_tags=True)
    return full if len(full) <= 250 else sentence(with_tags=False)
