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


def pack_file_schema() -> dict[str, Any]:
    from game.model.pack import PackFile

    schema = PackFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Good Standing rule pack file"
    return schema


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--indent", type=int, default=2, help="indentation of the JSON (default 2)")
    parser.add_argument("--pack", action="store_true", help="the schema of a rule pack's file instead")


def run(args: argparse.Namespace) -> int:
    schema = pack_file_schema() if args.pack else scenario_file_schema()
    print(json.dumps(schema, indent=args.indent, ensure_ascii=False))
    return 0
