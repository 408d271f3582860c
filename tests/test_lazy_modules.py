"""A render loads only the code its cards use."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules_after_render(spec: Path) -> set[str]:
    probe = ("import sys, postimages\n"
             f"postimages.render_card({str(spec)!r})\n"
             "print(' '.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return set(done.stdout.split())


def test_a_card_without_images_does_not_load_the_image_module():
    assert "postimages.images" not in _modules_after_render(ROOT / "specs" / "01-validation.yaml")


def test_a_card_with_an_image_loads_it():
    # The branded post gives every card an avatar and a logo (its post.yaml).
    assert "postimages.images" in _modules_after_render(ROOT / "examples" / "branded" / "specs" / "01-validation.yaml")
