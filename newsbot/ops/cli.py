"""The ``newsbot`` command (also ``python -m newsbot``): operate crawls, the database and the stored data."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from scrapy.utils.conf import closest_scrapy_cfg
from scrapy.utils.project import get_project_settings

from newsbot.ops.commands import COMMAND_MODULES
from newsbot.storage.config import MongoConfig


def load_commands(only: str | None = None) -> dict[str, ModuleType]:
    """Every command module, or only the one named ``only`` when there is one: ``newsbot db stop``
    then skips importing pymongo, analytics and the crawler (about half of its start-up time)."""
    names = [name for name in COMMAND_MODULES if name.rpartition(".")[2] == only] or COMMAND_MODULES
    modules = [importlib.import_module(name) for name in names]
    return {module.NAME: module for module in modules}


def build_parser(commands: dict[str, ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in commands.items():
        module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    arguments = list(sys.argv[1:] if argv is None else argv)
    commands = load_commands(arguments[0] if arguments and not arguments[0].startswith("-") else None)
    args = build_parser(commands).parse_args(arguments)
    if "SCRAPY_SETTINGS_MODULE" not in os.environ and closest_scrapy_cfg() == "":
        # Outside a checkout (cron, $NEWSBOT_HOME): still newsbot's settings, not Scrapy's defaults.
        os.environ["SCRAPY_SETTINGS_MODULE"] = "newsbot.settings"
    try:
        config = MongoConfig.from_settings(get_project_settings())
    except ValueError as exc:  # a malformed setting (MONGO_URI, MONGO_BATCH_SIZE…): a usage error
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return commands[args.command].run(args, config)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        connection = sys.modules.get("newsbot.storage.connection")  # imported by the commands that connect
        if connection is not None and isinstance(exc, connection.MongoUnavailable):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise
