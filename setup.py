"""Packaging for pip and for scrapyd eggs (``scrapyd-deploy`` builds an egg from this file).

The egg holds ``newsbot``, ``spiders`` and ``pipelines`` (never ``tests`` nor ``benchmarks``) and the data
files newsbot reads at run time: every ``data`` folder inside ``newsbot`` (``tests/ops/test_packaging.py``
checks both).
"""

from setuptools import find_packages, setup

setup(
    name="newsbot",
    version="0.1.0",
    description="Scrapy pipeline that turns French news sites into a clean, deduplicated MongoDB collection",
    python_requires=">=3.11",
    packages=find_packages(include=["newsbot", "newsbot.*", "spiders", "pipelines"]),
    package_data={"newsbot": ["*/data/*", "*/*/data/*"]},
    entry_points={
        "scrapy": ["settings = newsbot.settings"],
        "console_scripts": ["newsbot = newsbot.ops.cli:main"],
    },
    zip_safe=False,
)
