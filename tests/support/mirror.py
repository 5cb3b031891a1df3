"""A local mirror of a news site for offline crawls: the ``newsbot mirror`` server, used in-process.

``{{BASE}}`` in served text files becomes the mirror's own base URL (other ``{{NAME}}`` placeholders
come from ``substitutions``); ``routes`` answers chosen paths by code; ``hits`` counts every request.
"""

from newsbot.ops.commands.mirror import CONTENT_TYPES, MirrorServer, Route

__all__ = ["CONTENT_TYPES", "MirrorServer", "Route"]
