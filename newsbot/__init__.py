"""newsbot: a Scrapy pipeline that turns French news sites into a clean MongoDB collection."""

from newsbot.ops import project_packages

__version__ = "0.1.0"

# Our top-level ``spiders``/``pipelines`` win over same-named packages of other distributions.
project_packages.install()
