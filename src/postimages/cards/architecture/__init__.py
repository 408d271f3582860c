"""kind: architecture (moved into a package; still drawn by its own module)."""

from postimages.cards.architecture.panel import *  # noqa: F401,F403
