"""``newsbot deploy [TARGET]``: ``scrapyd-deploy`` with ``SCRAPYD_URL`` defaulted as the settings say.

``scrapy.cfg``'s ``[deploy:env]`` target reads ``${SCRAPYD_URL}``; scrapyd-client cannot give a
variable a default, so unset it would post to a relative URL. This command sets the default first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from newsbot.env import project_root
from newsbot.ops.commands.schedule import DEFAULT_URL
from newsbot.storage.config import MongoConfig

NAME = "deploy"
HELP = (
    "build the egg and upload it to scrapyd (scrapyd-deploy; SCRAPYD_URL defaults to http://127.0.0.1:6800)"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", nargs="?", default="env", help="scrapy.cfg deploy target (default: env)")
    parser.add_argument("extra", nargs=argparse.REMAINDER, help="more scrapyd-deploy options")


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    program = Path(sys.executable).parent / "scrapyd-deploy"
    if not program.is_file():
        print("error: scrapyd-deploy is not installed (pip install -r requirements-dev.txt)", file=sys.stderr)
        return 1
    url = (os.environ.get("SCRAPYD_URL") or DEFAULT_URL).rstrip("/")
    env = {**os.environ, "SCRAPYD_URL": url}
    return subprocess.call([str(program), args.target, *args.extra], env=env, cwd=project_root())
