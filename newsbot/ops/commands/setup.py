"""``newsbot setup scrapyd|cron [--prefix DIR]``: write the files a fresh machine needs to run newsbot
from scrapyd or cron, with absolute paths to this checkout and its interpreter.

Everything goes under one prefix (default ``~/.local/share/newsbot``; ``--prefix /`` for ``/etc/newsbot``
style system paths is not assumed): ``newsbot.env`` (settings, chmod 600, kept if it exists), and for
scrapyd a configuration whose folders live under the prefix plus a start script that loads the env
file and starts scrapyd from the prefix (a folder without ``scrapy.cfg``), for cron a crontab naming
the env file, the checkout and the interpreter.
"""

from __future__ import annotations

import argparse
import configparser
import os
import shlex
import sys
from pathlib import Path

import newsbot
from newsbot.storage.config import MongoConfig

NAME = "setup"
HELP = "write the env file, scrapyd configuration and start script, or crontab, for this checkout"

CHECKOUT = Path(newsbot.__file__).resolve().parents[1]
DEPLOY = CHECKOUT / "deploy"


def default_prefix() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "newsbot"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", choices=["scrapyd", "cron"])
    parser.add_argument(
        "--prefix",
        type=Path,
        default=None,
        help="folder for every file written (default ~/.local/share/newsbot)",
    )
    parser.add_argument("--port", type=int, default=6800, help="scrapyd's port on 127.0.0.1 (default 6800)")


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    prefix = (args.prefix or default_prefix()).expanduser().resolve()
    if args.target == "scrapyd" and _under_project(prefix):
        print(
            f"error: {prefix} is inside a folder holding scrapy.cfg; scrapyd must start outside the "
            "project, choose another --prefix",
            file=sys.stderr,
        )
        return 2
    prefix.mkdir(parents=True, exist_ok=True)
    env_file = write_env_file(prefix)
    if args.target == "scrapyd":
        conf, script = write_scrapyd(prefix, env_file, args.port)
        print(f"wrote {conf} and {script}; settings in {env_file}")
        print(f"start scrapyd with: {script}")
    else:
        crontab = write_crontab(prefix, env_file)
        print(f"wrote {crontab}; settings in {env_file}")
        print(f"install it with: crontab {crontab}")
    return 0


def _under_project(folder: Path) -> bool:
    return any((parent / "scrapy.cfg").is_file() for parent in (folder, *folder.parents))


def write_env_file(prefix: Path) -> Path:
    """``newsbot.env`` from ``deploy/cron/newsbot.env.example``, created once (the user's edits stay)."""
    path = prefix / "newsbot.env"
    if not path.exists():
        path.write_text(
            (DEPLOY / "cron" / "newsbot.env.example").read_text(encoding="utf-8"), encoding="utf-8"
        )
    path.chmod(0o600)
    return path


def write_scrapyd(prefix: Path, env_file: Path, port: int) -> tuple[Path, Path]:
    """``scrapyd/scrapyd.conf`` (``deploy/scrapyd/scrapyd.conf`` with folders under the prefix) and
    ``bin/newsbot-scrapyd``, which loads the env file and runs this checkout's scrapyd from there."""
    home = prefix / "scrapyd"
    config = configparser.ConfigParser()
    config.read(DEPLOY / "scrapyd" / "scrapyd.conf")
    config["scrapyd"].update(
        {
            "http_port": str(port),
            "eggs_dir": str(home / "eggs"),
            "dbs_dir": str(home / "dbs"),
            "logs_dir": str(home / "logs"),
        }
    )
    for folder in ("eggs", "dbs", "logs"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    conf = home / "scrapyd.conf"
    with conf.open("w", encoding="utf-8") as handle:
        config.write(handle)
    scrapyd = Path(sys.executable).parent / "scrapyd"
    script = prefix / "bin" / "newsbot-scrapyd"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(
        "#!/bin/sh\n"
        "# Written by `newsbot setup scrapyd`: scrapyd with newsbot's settings in its environment,\n"
        "# started from a folder without scrapy.cfg (it reads ./scrapyd.conf there); jobs inherit them.\n"
        f"set -a; . {shlex.quote(str(env_file))}; set +a\n"
        f"cd {shlex.quote(str(home))} || exit 1\n"
        f'exec {shlex.quote(str(scrapyd))} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return conf, script


def write_crontab(prefix: Path, env_file: Path) -> Path:
    """``newsbot.crontab``: ``deploy/cron/newsbot.crontab`` with this checkout's absolute paths."""
    template = (DEPLOY / "cron" / "newsbot.crontab").read_text(encoding="utf-8")
    lines = [
        "# Written by `newsbot setup cron`; install with `crontab FILE`.",
        f"NEWSBOT_HOME={CHECKOUT}",
        f"NEWSBOT_PYTHON={sys.executable}",
        f"NEWSBOT_ENV_FILE={env_file}",
        f"NEWSBOT_CRON_DIR={prefix / 'cron'}",
    ]
    body = template[template.index("SHELL=") :].splitlines()  # the entries, without the template's header
    crontab = prefix / "newsbot.crontab"
    crontab.write_text(
        "\n".join(lines + body).replace("/opt/newsbot", str(CHECKOUT)) + "\n", encoding="utf-8"
    )
    return crontab
