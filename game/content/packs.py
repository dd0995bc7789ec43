"""Provides rule packs: a folder of YAML (see `game.model.pack`) read, checked and laid over a scenario.

A pack is read like a scenario (the same scan, the same strict YAML reader, each file validated on
its own) and applied to the scenario's draft before the consistency checks, so a pack's mistakes —
an id that is not in the city, a rule added twice, a field misspelt, a reference to a gate the pack
removed — are problems naming the pack's file and line, exactly like a scenario's own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.content.loader import Draft, Where, _validate, display_path, read_scenario_file, scan
from game.content.paths import scenario_roots
from game.content.problems import Problem, UnusableInput
from game.content.yaml_reader import Document, YamlProblem, read_yaml
from game.model.pack import PackFile, PackMeta
from game.model.scenario import SECTION_ITEM

#: Where a scenarios folder keeps its packs: `scenarios/_packs/<id>/` (the `_` keeps it from being a city).
PACKS_FOLDER = "_packs"
#: The sections a pack may change item by item, and the single sections it may change field by field.
ITEM_SECTIONS = ("rules", "gates", "scores")
SINGLE_CHANGES = ("appeal", "records")
NOUN = {"rules": "rule", "gates": "gate", "scores": "score"}


@dataclass(frozen=True, slots=True)
class PackRead:
    """A pack's files, each validated, and its `pack:` section."""

    meta: PackMeta | None
    files: tuple[tuple[PackFile, str, Document], ...]  # (the file's contents, its shown path, its positions)
    meta_where: Where | None


def is_pack(path: Path) -> bool:
    """Whether `path` is a rule pack's folder (it has a `pack.yaml`) or a pack file (its top holds `pack:`)."""
    try:
        if path.is_dir():
            return (path / "pack.yaml").is_file() or (path / "pack.yml").is_file()
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            return read_yaml(read_scenario_file(path)).data.get("pack") is not None
    except (OSError, YamlProblem, AttributeError):
        return False
    return False


def available_packs() -> dict[str, Path]:
    """Pack ids (folder names) found under the scenarios folders' `_packs/`."""
    found: dict[str, Path] = {}
    for root in scenario_roots():
        folder = root / PACKS_FOLDER
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                if p.is_dir() and not p.name.startswith(".") and is_pack(p):
                    found.setdefault(p.name, p)
    return found


def resolve_pack(name: str) -> Path:
    """A pack folder from a path or an id; raises UnusableInput with the packs there are."""
    if not name.strip():
        raise UnusableInput("an empty --rules is not a rule pack: give a pack's folder or its id")
    path = Path(name)
    if path.exists():
        if not is_pack(path):
            raise UnusableInput(f"{display_path(path)}: not a rule pack (a pack's folder holds a pack.yaml "
                                "with a `pack:` section)")
        return path
    found = available_packs()
    if name in found:
        return found[name]
    raise UnusableInput(f"{name}: no such rule pack folder or id (known packs: {', '.join(found) or 'none found'})")


def read_pack(path: Path) -> tuple[PackRead, list[Problem]]:
    """Read every file of a pack and validate each against the pack format."""
    found = scan(path)
    problems: list[Problem] = list(found.problems)
    files = []
    meta: PackMeta | None = None
    meta_where: Where | None = None
    for file in found.files:
        shown = display_path(file)
        try:
            doc = read_yaml(read_scenario_file(file))
        except YamlProblem as exc:
            problems.append(Problem(shown, exc.line, exc.col, exc.message))
            continue
        except OSError as exc:
            problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}"))
            continue
        problems.extend(Problem(shown, line, col, message) for message, line, col in doc.problems)
        if not isinstance(doc.data, dict):
            problems.append(Problem(shown, 1, 1, "a pack file is a mapping of sections (pack:, remove:, change:, add:)"))
            continue
        # `pack:` on its own first: what the pack is stays known (and its city checkable) whatever else is wrong.
        if "pack" in doc.data:
            where = Where(shown, doc, ("pack",))
            if meta is not None:
                problems.append(where.problem("`pack` is given twice: one file of a pack says what it is", key=True))
            else:
                found_meta = _validate(PackMeta, doc.data["pack"], where, problems)
                if isinstance(found_meta, PackMeta):
                    meta, meta_where = found_meta, where
        rest = {k: v for k, v in doc.data.items() if k != "pack"}
        item = _validate(PackFile, rest, Where(shown, doc, ()), problems)
        if isinstance(item, PackFile):
            files.append((item, shown, doc))
    if meta is None and not any(p.message.startswith("`pack`") for p in problems):
        first = display_path(found.files[0]) if found.files else display_path(path)
        problems.append(Problem(first, 1, 1, "the pack has no `pack:` section (its id, title, scenario and about)"))
    return PackRead(meta, tuple(files), meta_where), problems


def _merged(item: BaseModel, patch: dict[str, Any]) -> dict[str, Any]:
    base: dict[str, Any] = item.model_dump(by_alias=True, exclude_unset=True, mode="json")
    return {**base, **patch}


def apply_pack(draft: Draft, pack: PackRead, scenario_id: str | None) -> list[Problem]:
    """Lay `pack` over `draft` (in place): removals, then changes, then additions, file by file.

    A debrief question raised by a rule or gate the pack removed is no longer raised by it (and a
    question nothing raises any more is dropped): removing a rule takes its question with it.
    """
    problems: list[Problem] = []
    removed: set[str] = set()
    if pack.meta is not None and pack.meta_where is not None and scenario_id is not None \
            and pack.meta.scenario != scenario_id:
        problems.append(pack.meta_where.problem(
            f"this pack is for scenario `{pack.meta.scenario}`, not `{scenario_id}`", "scenario"))
    for item, shown, doc in pack.files:
        if item.remove is not None:
            for section in ("rules", "gates"):
                for i, rid in enumerate(getattr(item.remove, section)):
                    where = Where(shown, doc, ("remove", section, i))
                    kept = [(m, w) for m, w in draft.lists[section] if getattr(m, "id", None) != rid]
                    if len(kept) == len(draft.lists[section]):
                        problems.append(where.problem(f"there is no {NOUN[section]} `{rid}` in the scenario to remove"))
                    draft.lists[section] = kept
                    removed.add(rid)
        if item.change is not None:
            for section in ITEM_SECTIONS:
                model = SECTION_ITEM[section]
                for i, patch in enumerate(getattr(item.change, section)):
                    where = Where(shown, doc, ("change", section, i))
                    rid = patch.get("id")
                    at = next((n for n, (m, _) in enumerate(draft.lists[section]) if getattr(m, "id", None) == rid), None)
                    if not isinstance(rid, str):
                        problems.append(where.problem(f"a change names the {NOUN[section]} it changes with `id:`"))
                        continue
                    if at is None:
                        problems.append(where.problem(f"there is no {NOUN[section]} `{rid}` in the scenario to change",
                                                      "id"))
                        continue
                    new = _validate(model, _merged(draft.lists[section][at][0], patch), where, problems)
                    if new is not None:
                        draft.lists[section][at] = (new, where)
            for section in SINGLE_CHANGES:
                patch = getattr(item.change, section)
                if patch is None:
                    continue
                where = Where(shown, doc, ("change", section))
                model = SECTION_ITEM[section]
                current = draft.singles.get(section)
                base = current[0] if current is not None else model.model_validate({})
                new = _validate(model, _merged(base, patch), where, problems)
                if new is not None:
                    draft.singles[section] = (new, where)
        if item.add is not None:
            for section in ("rules", "gates"):
                for i, new in enumerate(getattr(item.add, section)):
                    where = Where(shown, doc, ("add", section, i))
                    if any(getattr(m, "id", None) == new.id for m, _ in draft.lists[section]):
                        problems.append(where.problem(f"the scenario already has a {NOUN[section]} `{new.id}`: "
                                                      "to change it, put it under `change:`", "id"))
                        continue
                    draft.lists[section].append((new, where))
                    removed.discard(new.id)
    prompts = []
    for prompt, where in draft.lists["prompts"]:
        left = [r for r in prompt.raised_by if r not in removed]  # type: ignore[attr-defined]
        if left:
            prompts.append((prompt.model_copy(update={"raised_by": left}), where))
    draft.lists["prompts"] = prompts
    return problems


def combined_hash(city: str, pack: str) -> str:
    """One hash for a city played under a pack: a save notices a change to either."""
    return "sha256:" + hashlib.sha256(f"{city}\n{pack}".encode()).hexdigest()


__all__ = ["PACKS_FOLDER", "PackRead", "apply_pack", "available_packs", "combined_hash", "is_pack",
           "read_pack", "resolve_pack"]
