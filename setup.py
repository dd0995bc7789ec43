"""Which files the wheel holds: the game's packages, and the cities of `scenarios/` as `game/cities/`.

Everything else about the project is in pyproject.toml. This file exists for one thing a
pyproject.toml cannot say: that a folder outside the package (`scenarios/`, which authors
see first in a checkout) ships inside it. Every city folder under `scenarios/` ships, with
its YAML, its README and `default.txt`; `game.content.paths` finds them in either place.
"""

from setuptools import find_namespace_packages, setup

CITIES = "game.cities"
CITY_FILES = ["*.txt", "*.md", "*.yaml"]

city_packages = [CITIES] + [f"{CITIES}.{name}" for name in find_namespace_packages(where="scenarios", exclude=["*__pycache__*"])]

setup(
    packages=find_namespace_packages(include=["game", "game.*"], exclude=["*__pycache__*"]) + city_packages,
    package_dir={CITIES: "scenarios"},
    package_data={
        "game": ["**/*.tcss", "web/templates/*.html"],  # styles; the served page's own templates
        **{package: CITY_FILES for package in city_packages},
    },
)
