"""Operations fixtures (a real scrapyd, mirror sites, a project copy, impostor packages): defined in
``tests.support.scrapyd`` with their helpers, registered here for the tests of this folder."""

from tests.support.scrapyd import (  # noqa: F401  (pytest finds fixtures by name)
    deployed,
    figaro_site,
    impostors,
    project_copy,
    rfi_site,
    scrapyd,
    scrapyd_deploy,
)
