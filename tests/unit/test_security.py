"""Static security checks of newsbot's own code: nothing runs a shell or evaluates text, and the
polite, safe defaults are the ones shipped."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    path for folder in ("newsbot", "pipelines", "spiders") for path in (REPO / folder).rglob("*.py")
)
DANGEROUS_CALLS = {
    "eval", "exec", "compile", "__import__",
    "os.system", "os.popen", "os.execv", "os.execl", "os.spawnl", "os.spawnv",
    "pickle.load", "pickle.loads", "marshal.load", "marshal.loads", "shelve.open",
    "yaml.load", "yaml.unsafe_load", "subprocess.getoutput", "subprocess.getstatusoutput",
}  # fmt: skip
SUBPROCESS_CALLS = {"subprocess.run", "subprocess.Popen", "subprocess.call", "subprocess.check_call",
                    "subprocess.check_output"}  # fmt: skip


def dotted_name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted_name(node.value)}.{node.attr}"
    return ""


def dangerous_calls(source: str) -> list[tuple[int, str]]:
    """(line, reason) of every call that could run text as code or through a shell."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = dotted_name(node.func)
        if name in DANGEROUS_CALLS:
            found.append((node.lineno, name))
        if name in SUBPROCESS_CALLS or name.startswith("asyncio.create_subprocess_shell"):
            shell = next((kw.value for kw in node.keywords if kw.arg == "shell"), None)
            if name.startswith("asyncio") or (shell is not None and not _is_false(shell)):
                found.append((node.lineno, f"{name} with a shell"))
            if node.args and isinstance(node.args[0], ast.Constant | ast.JoinedStr | ast.BinOp):
                found.append((node.lineno, f"{name} with a command string"))
    return found


def _is_false(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


def test_the_checker_finds_what_it_looks_for() -> None:
    source = (
        "import os, subprocess, pickle\n"
        "eval(page)\nexec(code)\nos.system('ls ' + page)\npickle.loads(body)\n"
        "subprocess.run(command, shell=True)\nsubprocess.run('ls ' + page)\nsubprocess.run(['ls', page])\n"
    )
    assert [reason for _, reason in dangerous_calls(source)] == [
        "eval", "exec", "os.system", "pickle.loads", "subprocess.run with a shell",
        "subprocess.run with a command string",
    ]  # fmt: skip


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(REPO)))
def test_no_shell_and_no_eval_in_newsbot(path: Path) -> None:
    assert dangerous_calls(path.read_text(encoding="utf-8")) == []


def test_feed_parser_never_resolves_entities_nor_fetches() -> None:
    from newsbot.crawl.feeds import parse_feed

    billion_laughs = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><link>https://a.fr/&c;&ext;</link><title>&ext;</title></item></channel></rss>"
    )
    document = parse_feed(billion_laughs, "https://a.fr/")
    for entry in document.entries:
        assert "aaaaaaaaaa" not in entry.url and "root:" not in entry.url
        assert "root:" not in (entry.title or "")


def test_polite_and_safe_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    for name in ("ROBOTSTXT_OBEY", "DOWNLOAD_MAXSIZE", "AUTOTHROTTLE_ENABLED"):
        monkeypatch.delenv(name, raising=False)
    import newsbot.settings as settings

    settings = importlib.reload(settings)
    assert settings.ROBOTSTXT_OBEY is True
    assert settings.AUTOTHROTTLE_ENABLED is True
    assert 0 < settings.DOWNLOAD_MAXSIZE <= 10 * 1024 * 1024
    assert settings.COOKIES_ENABLED is False
