"""No import loops among kg's modules, counting imports made inside functions (4/7)."""

from __future__ import annotations

import ast

import networkx as nx

from tests.helpers import ROOT

PACKAGE = ROOT / "kg"


def _module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, object]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _resolve(name: str, modules) -> str | None:
    """The kg module ``name`` refers to: itself, or the nearest package or module above it."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> nx.DiGraph:
    """kg module → the kg modules it imports, anywhere in its body (TYPE_CHECKING blocks aside)."""
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(n)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for child in node.body
            for n in ast.walk(child)
        }
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name if is_package else name.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        base = base.rpartition(".")[0]
                    source = f"{base}.{node.module}" if node.module else base
                else:
                    source = node.module or ""
                # `from kg.export import turtle` imports the module kg.export.turtle
                targets = [f"{source}.{alias.name}" for alias in node.names]
            for target in targets:
                if not target.startswith("kg"):
                    continue
                resolved = _resolve(target, modules)
                if resolved and resolved != name:
                    graph.add_edge(name, resolved)
    return graph


def test_the_import_graph_is_read():
    graph = import_graph()
    assert graph.has_edge("kg.build", "kg.case") and graph.has_edge("kg.commands.build", "kg.commands.common")
    assert graph.number_of_nodes() > 50


def test_no_import_loops():
    loops = sorted(
        sorted(component)
        for component in nx.strongly_connected_components(import_graph())
        if len(component) > 1
    )
    assert loops == [], "import loops among kg modules: " + "; ".join(" <-> ".join(loop) for loop in loops)
