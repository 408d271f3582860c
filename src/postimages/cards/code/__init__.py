"""kind: code — a code screenshot: a window with traffic lights, highlighted code, a caption.

Window title and headline: `title` stays the card's headline, drawn by the
shared frame as on every other card, so the four cards of a post read as a
set. The window's title bar shows `window_title`, which defaults to the
source file's name (inline `code:` has no file name: the bar then shows only
the three dots).

The code sits on a monospace grid: every character takes one column (two
for emoji and wide characters) of JetBrains Mono's advance, so diagrams stay
aligned even when a character comes from a fallback font. The font size is
the largest at which the code fits the window, down to 24 px at 1200 px
wide; past that, long lines wrap with a ↪ mark, and code that still does not
fit is an error that says how many lines would.
"""

from __future__ import annotations

from postimages.cards.code import spec
from postimages.cards.kind import CardKind, register


@register
class Code(CardKind):
    name = "code"
    fields = spec.FIELDS
    draw_cost = 150
    side_header = True
    mirrors = False  # code reads left to right whatever language the title is in
    verbatim = ("code", "source")  # code keeps its braces; a file's path is not data
    summary = "a code screenshot: highlighted source in a window, and a caption"

    def check(self, values, path, problems) -> None:
        spec.check(values, path, problems)

    def small_text_hint(self, field):
        # The rows are one field: fewer of them is what makes them larger.
        if field in ("source", "code"):
            return "show fewer lines (`lines:`), or use a taller size such as portrait"
        return super().small_text_hint(field)

    def inputs(self, card):
        return spec.inputs(card)
