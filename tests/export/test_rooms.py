"""The presentation wing takes data from the analyses, never their words: no climb from kg/export into kg/analysis for text."""

from __future__ import annotations

import ast
from pathlib import Path

EXPORT = Path(__file__).resolve().parent.parent.parent / "kg" / "export"

#: What kg/export may take from kg/analysis: the projection, its class names and edge keys, and the
#: analyses' findings and the functions that find them. Words for people are written in kg/export
#: (plain.py, report_text.py, notebook.py) or kg/names.py; a new name here must be data too.
DATA = {
    "kg.analysis.nxgraph": {"project", "CLS", "local_name"},
    "kg.analysis.evidence": {"P", "AssertionRef", "NodeRef", "SourceRef", "assertion_ref", "assertions_about", "assertions_on",
                             "edge_evidence"},
    "kg.analysis.contested": {"ContestedProposition", "DeniedClaim", "SingleSourceClaim"},
    "kg.analysis.identity": {"IdentityCandidate"},
    "kg.analysis.questions": {"OpenQuestion"},
    "kg.analysis.voices": {"linked_to", "voice_of"},
    "kg.analysis.record": {"case_titles"},
    "kg.analysis.report": {"UnresolvedReport", "unresolved", "unresolved_from_projection"},
}


def taken_from_analysis(source: str) -> set[tuple[str, str]]:
    """(module, name) of each import from kg.analysis in ``source``, at any depth (a module imported whole is '*').

    >>> sorted(taken_from_analysis("from kg.analysis.record import short_names\\ndef f():\\n    import kg.analysis.identity\\n"))
    [('kg.analysis.identity', '*'), ('kg.analysis.record', 'short_names')]
    """
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg.analysis"):
            found |= {(node.module, alias.name) for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {(alias.name, "*") for alias in node.names if alias.name.startswith("kg.analysis")}
    return found


def test_export_takes_only_data_from_the_analyses():
    climbs = []
    for path in sorted(EXPORT.rglob("*.py")):
        for module, name in sorted(taken_from_analysis(path.read_text(encoding="utf-8"))):
            if name not in DATA.get(module, set()):
                climbs.append(f"kg/export/{path.relative_to(EXPORT)} imports {name} from {module}")
    assert climbs == [], "\n".join(climbs)


def test_the_scan_sees_a_climb_inside_a_function():
    source = "def words(report):\n    from kg.analysis.identity import waterfall_text\n    return waterfall_text(report)\n"
    assert taken_from_analysis(source) == {("kg.analysis.identity", "waterfall_text")}
