"""Subcommands of the ``newsbot`` command line, one module each.

A module defines ``NAME``, ``HELP``, ``configure(parser)`` and ``run(args, config) -> int``; list it
in ``COMMAND_MODULES`` to make it available.
"""

COMMAND_MODULES = (
    "newsbot.ops.commands.db",
    "newsbot.ops.commands.replay",
    "newsbot.ops.commands.stats",
    "newsbot.ops.commands.export",
    "newsbot.ops.commands.stories",
    "newsbot.ops.commands.crawl",
    "newsbot.ops.commands.schedule",
)
