"""The layers of ARCHITECTURE.md: each module imports only from its own layer
and the layers below it (and from the leaf helpers, which import nothing of
medlint). A new module must be given a layer here."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "medlint"

#: Lowest first.
LAYERS = {
    "model": ["document", "findings", "fixes"],
    "text": [
        "tokens",
        "memo",
        "parsing.sentences",
        "similarity",
        "readability",
        "review_dates",
        "structure",
        "patterns",
        "vocabulary",
    ],
    "parsing": [
        "parsing",
        "parsing.front_matter",
        "parsing.markdown",
        "parsing.text",
        "suppressions",
    ],
    "checks": ["checks"],
    "settings": ["yaml_files", "rules", "discovery", "changes", "config"],
    "engine": ["cache", "runner", "baseline"],
    "report": ["report"],
    "cli": ["cli", "__main__"],
}
#: Helpers that import nothing of medlint: any layer may use them.
LEAVES = {"__init__", "errors", "reading", "files"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int | None:
    best, rank = None, None
    for number, (_, prefixes) in enumerate(LAYERS.items()):
        for prefix in prefixes:
            inside = module == prefix or module.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > len(best)):
                best, rank = prefix, number
    return rank


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "medlint":  # a module, or a name of the package (__version__)
                found.update(
                    a.name
                    if (SOURCE / f"{a.name}.py").exists() or (SOURCE / a.name).is_dir()
                    else "__init__"
                    for a in node.names
                )
            elif node.module.startswith("medlint."):
                found.add(node.module.removeprefix("medlint."))
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("medlint.") for a in node.names if a.name.startswith("medlint.")
            )
    return found


def test_every_module_has_a_layer():
    modules = [_module(p) for p in SOURCE.rglob("*.py")]
    assert len(modules) > 40
    missing = [m for m in modules if m not in LEAVES and _layer(m) is None]
    assert not missing, f"give these a layer in tests/test_layers.py: {missing}"


def test_modules_import_only_downward():
    upward = []
    for path in sorted(SOURCE.rglob("*.py")):
        module = _module(path)
        if module in LEAVES:
            assert not _imports(path) - LEAVES, f"{module} is a leaf: it imports no medlint layer"
            continue
        for imported in sorted(_imports(path)):
            if imported in LEAVES:
                continue
            if _layer(imported) > _layer(module):
                upward.append(f"{module} -> {imported}")
    assert not upward, "imports that reach up a layer: " + ", ".join(upward)


def test_architecture_names_every_module_in_its_layer():
    """ARCHITECTURE.md's table and this test's LAYERS say the same."""
    text = (SOURCE.parents[1] / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| ")}
    for layer, modules in LAYERS.items():
        for module in modules:
            package = module.split(".")[0]
            if package in ("checks", "report") or (package == "parsing" and layer == "parsing"):
                name = f"`{package}/`"
            else:
                name = "`" + module.replace(".", "/") + ".py`"
            assert name in rows[layer], f"{name} in the {layer} row of ARCHITECTURE.md"
