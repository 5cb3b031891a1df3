"""Reliability fixtures (SecantusDB servers killed at will, a slow news site): defined in
``tests.support.reliability`` with their helpers, registered here for the tests of this folder."""

from tests.support.reliability import servers, site_factory  # noqa: F401  (pytest finds fixtures by name)
