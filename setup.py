"""Packaging for pip and for scrapyd eggs (``scrapyd-deploy`` builds an egg from this file)."""

from setuptools import find_packages, setup

setup(
    name="newsbot",
    version="0.1.0",
    description="Scrapy pipeline that turns French news sites into a clean, deduplicated MongoDB collection",
    python_requires=">=3.11",
    packages=find_packages(include=["newsbot", "newsbot.*", "spiders", "pipelines"]),
    include_package_data=True,
    package_data={"newsbot": ["bench/data/*", "language/data/*"]},
    entry_points={
        "scrapy": ["settings = newsbot.settings"],
        "console_scripts": ["newsbot = newsbot.cli:main"],
    },
    zip_safe=False,
)
