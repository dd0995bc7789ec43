"""Provides a scenario's content hash: what a save records to notice that its city has changed since.

The hash covers exactly the files the loader reads (`scenario_files`): each
file's path relative to the scenario folder and its bytes, in sorted path
order, so renaming, adding or editing any YAML file changes it, and moving
the folder elsewhere does not.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.content.loader import read_scenario_file, scenario_files
from game.content.yaml_reader import YamlProblem

PREFIX = "sha256:"


def content_hash(path: Path | str) -> str:
    """`sha256:<hex>` over the scenario's files; raises UnusableInput when there is no scenario there."""
    path = Path(path)
    files = scenario_files(path)
    base = path if path.is_dir() else path.parent
    digest = hashlib.sha256()
    for rel, file in sorted((f.relative_to(base).as_posix(), f) for f in files):
        try:
            data = read_scenario_file(file)
        except (OSError, YamlProblem) as exc:
            # Loading the city will name the problem; the hash only has to differ from any readable file.
            data = f"\0unreadable: {exc}".encode(errors="replace")
        # Name and length before the bytes, so no two different folders can give the same stream.
        digest.update(f"{rel}\n{len(data)}\n".encode())
        digest.update(data)
    return PREFIX + digest.hexdigest()


__all__ = ["PREFIX", "content_hash"]
