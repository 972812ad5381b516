"""The canary for a typer upgrade: what ikscli.cli.language relies on in typer.

pyproject.toml pins typer to the range these tests run. To widen it, install the new
typer and run this file first: each test names the one thing that changed.
"""

from __future__ import annotations

import inspect

import pytest
import typer
from typer import rich_utils
from typer.core import TyperCommand, TyperGroup

from ikscli.cli import language, usage_errors


def test_the_installed_typer_is_in_the_pinned_range():
    major, minor = (int(part) for part in typer.__version__.split(".")[:2])
    assert (major, minor) == (0, 29), typer.__version__


@pytest.mark.parametrize(
    "name",
    [
        "OPTIONS_PANEL_TITLE",
        "ARGUMENTS_PANEL_TITLE",
        "COMMANDS_PANEL_TITLE",
        "DEFAULT_STRING",
        "ENVVAR_STRING",
        "REQUIRED_LONG_STRING",
    ],
)
def test_the_help_words_translated_are_still_typers_globals(name):
    """_localise_help overwrites these rich_utils globals with the translated words."""
    assert name in inspect.getsource(language._localise_help)
    assert isinstance(getattr(rich_utils, name), str)


@pytest.mark.parametrize(
    "module, name",
    [
        ("typer._click.exceptions", "NoSuchOption"),
        ("typer._click.exceptions", "MissingParameter"),
        ("typer._click.exceptions", "BadParameter"),
        ("typer._click.exceptions", "NoArgsIsHelpError"),
        ("typer._click.exceptions", "UsageError"),
        ("typer.exceptions", "Abort"),
    ],
)
def test_the_errors_recognised_by_class_name_still_exist(module, name):
    """language.py recognises typer's errors by their class names (the vendored click is
    private): each name it compares with must still be a class typer raises."""
    import importlib

    found = getattr(importlib.import_module(module), name, None)
    assert inspect.isclass(found) and issubclass(found, Exception), (module, name)
    sources = inspect.getsource(language) + inspect.getsource(usage_errors)
    assert f'"{name}"' in sources or name == "UsageError"


def test_the_methods_overridden_are_still_typers():
    for method in ("get_usage", "get_help_option", "format_help"):
        assert callable(getattr(TyperCommand, method)) and callable(getattr(TyperGroup, method))


def test_options_still_carry_help_panels_and_help_text():
    """rich_help_panel groups a query command's options; param.help is translated in place."""
    parameters = inspect.signature(typer.Option).parameters
    assert "rich_help_panel" in parameters and "help" in parameters
