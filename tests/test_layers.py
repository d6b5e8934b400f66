"""The layers of the code: the project package's core imports no app, and each app imports
only the layers below it (reports → measures → assessments → itatrack core). The cross-app
read models (itatrack.insight) and the tooling (itatrack.devtools) sit on top of every app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("assessments", "measures", "reports")
ON_TOP = ("itatrack.insight", "itatrack.devtools")
# What each layer may not import (the layers above it).
ABOVE = {
    "itatrack": (*APPS, *ON_TOP),
    "assessments": ("measures", "reports", *ON_TOP),
    "measures": ("reports", *ON_TOP),
    "reports": ON_TOP,
}


def imports_of(source: str, module: str) -> set[str]:
    """Every module a source imports, at the top or inside a function, relative ones resolved."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.rsplit(".", node.level)[0]
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def layer_of(module: str) -> str:
    if any(within(module, top) for top in ON_TOP):
        return "top"
    return module.split(".")[0]


def violations() -> list[str]:
    found = []
    for package in ABOVE:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            layer = layer_of(module)
            if layer == "top":
                continue
            for name in sorted(imports_of(path.read_text(encoding="utf-8"), module)):
                if any(within(name, above) for above in ABOVE[layer]):
                    found.append(f"{module} imports {name}")
    return found


def test_no_module_imports_a_layer_above_its_own():
    assert violations() == []


def test_the_core_is_checked_at_all():
    core = list((ROOT / "itatrack").rglob("*.py"))
    assert len([p for p in core if "insight" not in p.parts and "devtools" not in p.parts]) > 30


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from measures.models import Plan", "itatrack.figures", "measures.models"),
        ("def f():\n    import reports.models\n", "itatrack.mail", "reports.models"),
        ("from .insight import todo", "itatrack.urls", "itatrack.insight"),
        ("from ..devtools import bench", "itatrack.views.home", "itatrack.devtools"),
    ],
)
def test_it_sees_imports_at_the_top_inside_functions_and_relative(source, module, expected):
    assert any(within(name, expected) for name in imports_of(source, module))
