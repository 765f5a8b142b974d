"""The public surface: ``eventwire.__all__``, CLI help and docs, module docstrings.

In the style of httpx's ``__all__`` test and sqlite-utils' ``test_docs.py``.
"""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import re
from pathlib import Path
from types import ModuleType

import click
import pytest

import eventwire
from eventwire.cli import cli

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "eventwire"
README = (REPO / "README.md").read_text(encoding="utf-8")
MODULES = sorted(PACKAGE.rglob("*.py"))
COMMANDS = sorted(cli.commands.items())
OPTIONS = [
    pytest.param(command, param, id=f"{name}-{param.name}")
    for name, command in COMMANDS
    for param in command.params
    if isinstance(param, click.Option)
]

PUBLIC_NAMES = [
    "Actor",
    "Article",
    "CleanArticle",
    "CodedArticle",
    "DataFileError",
    "Event",
    "EventwireError",
    "Failure",
    "InputError",
    "ModelError",
    "OffsetMap",
    "ParsedArticle",
    "Place",
    "PloverCode",
    "StoreError",
    "TextSpan",
    "__version__",
]


def test_api_all_is_pinned_and_sorted() -> None:
    assert eventwire.__all__ == PUBLIC_NAMES
    assert eventwire.__all__ == sorted(eventwire.__all__)


def test_api_all_lists_every_public_name() -> None:
    public = [
        name
        for name, value in vars(eventwire).items()
        if (not name.startswith("_") and not isinstance(value, ModuleType))
        or name == "__version__"
    ]

    assert eventwire.__all__ == sorted(public)


def test_api_star_import_gives_all() -> None:
    namespace: dict[str, object] = {}
    exec("from eventwire import *", namespace)

    assert sorted(set(namespace) - {"__builtins__"}) == sorted(eventwire.__all__)


def test_api_version_matches_package_metadata() -> None:
    assert eventwire.__version__ == importlib.metadata.version("eventwire")


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_api_cli_command_has_help_and_example(
    name: str, command: click.Command
) -> None:
    assert command.help
    assert command.get_short_help_str()
    *_, example = inspect.cleandoc(command.help).split("\n\n")
    example_lines = example.splitlines()
    assert example_lines[:2] == ["\b", "Example:"]
    assert all("eventwire " in line for line in example_lines[2:])
    assert any(f"eventwire {name}" in line for line in example_lines[2:])


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_api_cli_command_is_in_readme(name: str, command: click.Command) -> None:
    assert f"| `eventwire {name}" in README  # the command table
    assert f"\neventwire {name} " in README  # the usage examples


@pytest.mark.parametrize(("command", "option"), OPTIONS)
def test_api_cli_option_has_help(command: click.Command, option: click.Option) -> None:
    assert option.help, f"{command.name} {option.opts[0]}"


@pytest.mark.parametrize(
    "path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES]
)
def test_api_module_has_docstring(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))

    assert docstring
    assert docstring.strip()


@pytest.mark.model
def test_api_readme_library_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    assert blocks, "README has no python example"
    monkeypatch.chdir(REPO)
    exec(compile(blocks[0], "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 20
    source, cameo, *_rest = lines[0].split()
    assert any(line.startswith("Thursday 2015-11-") for line in lines) or any(
        line.split()[-1:] == ["RUS"] for line in lines
    )
    assert source[:3].isupper() and cameo.isdigit()
