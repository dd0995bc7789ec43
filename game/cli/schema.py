"""Provides `schema`: the JSON Schema of one scenario file, for editors."""

from __future__ import annotations

import argparse
import json
from typing import Any


def scenario_file_schema() -> dict[str, Any]:
    from game.model.scenario import ScenarioFile

    schema = ScenarioFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Good Standing scenario file"
    return schema


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--indent", type=int, default=2, help="indentation of the JSON (default 2)")


def run(args: argparse.Namespace) -> int:
    print(json.dumps(scenario_file_schema(), indent=args.indent, ensure_ascii=False))
    return 0
