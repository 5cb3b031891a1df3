"""The ``newsbot`` command (also ``python -m newsbot``): operate crawls, the database and the stored data."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from scrapy.utils.project import get_project_settings

from newsbot.ops.commands import COMMAND_MODULES
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoUnavailable


def load_commands() -> dict[str, ModuleType]:
    modules = [importlib.import_module(name) for name in COMMAND_MODULES]
    return {module.NAME: module for module in modules}


def build_parser(commands: dict[str, ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in commands.items():
        module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    commands = load_commands()
    args = build_parser(commands).parse_args(argv)
    try:
        config = MongoConfig.from_settings(get_project_settings())
    except ValueError as exc:  # a malformed setting (MONGO_URI, MONGO_BATCH_SIZE…): a usage error
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return commands[args.command].run(args, config)
    except MongoUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
