"""postimages: YAML specs in, LinkedIn-ready PNG cards out."""

__version__ = "0.1.0"
