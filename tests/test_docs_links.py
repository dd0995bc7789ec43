"""The project's documents name only what the project holds.

- Every relative link in a Markdown file resolves: to a file or folder of the repository,
  and, when it names an anchor in a Markdown file, to a heading there.
- No file of the project names a document in capitals (`NAME.md`) that the repository does
  not hold, and no `../` path in a data file (a scenario's schema line, a comment) leaves the
  repository or points at nothing. (Markdown's own `../` links are the first check's.)
- docs/sources.md lists each documented, pilot and reported rule of the default city under
  its basis, and no rule that is not one (so the page cannot drift from the rulebook).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from game.content.loader import load_scenario
from game.model.scenario import Basis

ROOT = Path(__file__).resolve().parents[1]

SKIP_DIRS = {".git", ".venv", "venv", "build", "dist", "node_modules", ".hypothesis", ".pytest_cache",
             "__pycache__", "saves", ".mypy_cache", ".ruff_cache"}
TEXT_SUFFIXES = {".md", ".py", ".yaml", ".yml", ".toml", ".txt", ".json", ".cfg", ".tcss", ".ini"}

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)")
CAPITAL_DOC = re.compile(r"(?<![\w.-])([A-Z][A-Z0-9_-]*\.md)\b")
UP_PATH = re.compile(r"(?<![\w.])((?:\.\./)+[\w.-]+(?:/[\w.-]+)*)")


def _files() -> list[Path]:
    found: list[Path] = []
    stack = [ROOT]
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name not in SKIP_DIRS and not entry.name.endswith(".egg-info"):
                    stack.append(entry)
            elif entry.is_file():
                found.append(entry)
    return sorted(found)


FILES = _files()
MARKDOWN = [f for f in FILES if f.suffix == ".md"]
TEXT = [f for f in FILES if f.suffix in TEXT_SUFFIXES or f.relative_to(ROOT).as_posix() == ".ci/run"]


def _outside_fences(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    text = INLINE_CODE.sub(lambda m: m.group(0)[1:-1], heading).strip().lower()
    text = re.sub(r"[*_]{1,2}([^*_]+)[*_]{1,2}", r"\1", text)
    kept = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    found: set[str] = set()
    for _, line in _outside_fences(path.read_text(encoding="utf-8")):
        match = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if match:
            base = slug(match.group(2))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def _where(path: Path, number: int) -> str:
    return f"{path.relative_to(ROOT)}:{number}"


def test_the_scan_sees_the_documents() -> None:
    names = {f.relative_to(ROOT).as_posix() for f in MARKDOWN}
    assert {"README.md", "docs/sources.md", "docs/authoring.md", "scenarios/lanshui/README.md"} <= names


@pytest.mark.parametrize("doc", MARKDOWN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(doc: Path) -> None:
    broken: list[str] = []
    for number, line in _outside_fences(doc.read_text(encoding="utf-8")):
        plain = INLINE_CODE.sub("", line)
        targets = LINK.findall(plain) + REFERENCE.findall(plain)
        for target in targets:
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
                continue
            file_part, _, anchor = target.partition("#")
            path = (doc.parent / file_part).resolve() if file_part else doc
            if not path.exists() or not path.is_relative_to(ROOT):
                broken.append(f"{_where(doc, number)}: {target}: no such file in the repository")
            elif anchor and path.suffix == ".md" and anchor not in anchors(path):
                broken.append(f"{_where(doc, number)}: {target}: no heading #{anchor} in {path.relative_to(ROOT)}")
    assert not broken, "\n".join(broken)


def test_no_file_names_a_document_the_repository_does_not_hold() -> None:
    names = {f.name for f in FILES}
    missing: list[str] = []
    for path in TEXT:
        if path == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for name in CAPITAL_DOC.findall(line):
                if name not in names:
                    missing.append(f"{_where(path, number)}: names {name}, which is not in the repository")
            for up in UP_PATH.findall(line) if path.suffix not in (".py", ".md") else []:
                target = (path.parent / up).resolve()
                if not target.is_relative_to(ROOT) or not target.exists():
                    missing.append(f"{_where(path, number)}: {up} is not a file of the repository")
    assert not missing, "\n".join(missing)


def _sources_rules() -> dict[str, str]:
    """Rule id → basis, from the 'Rules in Lanshui:' paragraphs of docs/sources.md."""
    text = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    listed: dict[str, str] = {}
    basis = ""
    for paragraph in re.split(r"\n\s*\n", text):
        heading = re.match(r"^## (\w+)\s*$", paragraph.strip())
        if heading:
            basis = heading.group(1)
        if "Rules in Lanshui:" in paragraph:
            for rule_id in re.findall(r"`([a-z0-9_]+)`", paragraph.split("Rules in Lanshui:", 1)[1]):
                assert listed.get(rule_id, basis) == basis, f"{rule_id} is listed under two bases"
                listed[rule_id] = basis
    return listed


def test_sources_page_lists_every_sourced_rule_of_the_default_city_under_its_basis() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "lanshui")
    rules = {r.id: r.basis.value for r in scenario.rules if r.basis is not Basis.invented}
    listed = _sources_rules()
    assert set(listed.values()) <= {b.value for b in Basis}
    wrong = sorted(f"{rid}: sources.md says {listed.get(rid)}, the rulebook says {rules.get(rid, 'invented')}"
                   for rid in set(rules) | set(listed) if listed.get(rid) != rules.get(rid))
    assert not wrong, "docs/sources.md and scenarios/lanshui/rules.yaml disagree:\n" + "\n".join(wrong)
