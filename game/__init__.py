"""Good Standing: a tabletop-style narrative game about living in a city that scores its residents."""

__version__ = "0.1.0"
