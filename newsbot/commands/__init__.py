"""Subcommands of the ``newsbot`` command line, one module each.

A module defines ``NAME``, ``HELP``, ``configure(parser)`` and ``run(args, config) -> int``; list it
in ``COMMAND_MODULES`` to make it available.
"""

COMMAND_MODULES = (
    "newsbot.commands.db",
    "newsbot.commands.replay",
    "newsbot.commands.stats",
    "newsbot.commands.export",
    "newsbot.commands.stories",
    "newsbot.commands.crawl",
    "newsbot.commands.schedule",
    "newsbot.commands.mirror",
    "newsbot.commands.setup",
    "newsbot.commands.deploy",
)
