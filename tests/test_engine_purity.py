"""The engine is pure: no UI library, no file system, no clock — proven, not promised."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PURE = ["game/engine", "game/model"]
FORBIDDEN_IMPORTS = {"os", "pathlib", "io", "time", "datetime", "shutil", "tempfile", "random", "socket",
                     "subprocess", "textual", "rich", "game.content", "game.tui", "game.cli", "game.saves"}


def test_importing_the_engine_loads_no_ui_library() -> None:
    code = (
        "import sys, json; import game.engine, game.engine.policies, game.engine.season, "
        "game.model.scenario, game.model.condition, game.model.names; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') "
        "or m.startswith(('game.tui', 'game.cli', 'game.content', 'game.saves')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert json.loads(out.stdout) == []


def test_engine_and_model_source_touch_no_file_system_or_clock() -> None:
    offenders = []
    for folder in PURE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                for name in names:
                    if name in FORBIDDEN_IMPORTS or any(name.startswith(f + ".") for f in FORBIDDEN_IMPORTS):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("open", "input", "print"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {node.func.id}()")
    assert offenders == []
