"""The analyses return data, never sentences for people: the words are written in kg/export (identity_words.py,
report_text.py, plain.py). An f-string that joins words around values is a sentence, and so is a plain string of
three words or more; errors (raise), a developer's repr, docstrings and progress task names are not for readers of
the report, and are left alone."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parent.parent.parent / "kg" / "analysis"

#: Names of functions that say a finding in words; they belong in kg/export.
WORDY_NAMES = {"describe", "words", "waterfall_text", "against", "supporting", "detail", "sentence", "text_of"}
#: Two words side by side in an f-string's own text ("disjoint by", "share only"): a sentence in the making.
_WORDS = re.compile(r"(?<![@\w])[A-Za-z]{2,} +[A-Za-z]{2,}|(?<![@\w])[A-Za-z]{2,} +$|^ *[;:,] *[A-Za-z]{2,}|^ +[A-Za-z]{2,}")
#: Three words or more in a plain string: a phrase for a reader ("nothing in the record says what would settle these").
_PHRASE = re.compile(r"(?<![@\w])[A-Za-z]{2,}(?: +[A-Za-z]{2,}){2,}")
#: Calls whose string arguments are progress task names, a protocol the terminal shows as it is (kg.progress).
_PROGRESS = {"stage", "counted", "ticked"}
#: f-strings that are not for the report's readers, each with why: (module, its text) → reason.
ALLOWED = {
    ("comparisons.py", "comparison"): "names the comparison in OntologyError messages about comparisons.yaml",
}


def sentences_in(source: str) -> list[str]:
    """Where ``source`` builds words for people: wordy function names, and f-strings with words around values.

    >>> sentences_in('def f(gap):\\n    return f"disjoint by {gap} days"\\n')
    ['line 2: f-string "disjoint by …"']
    >>> sentences_in('def f(a, b):\\n    return f"{a} ~ {b}"\\n')
    []
    >>> sentences_in('HEADER = f"@prefix kg: <{IRI}> ."\\n')
    []
    >>> sentences_in('def f(p):\\n    raise ValueError(f"{p} is not a node of the graph")\\n')
    []
    >>> sentences_in('class C:\\n    @property\\n    def words(self):\\n        return 1\\n')
    ['line 3: function words']
    >>> sentences_in('def f(qs):\\n    return Group("unknown", "nothing in the record says", qs)\\n')
    ['line 2: phrase "nothing in the record says"']
    >>> sentences_in('def f(p):\\n    stage(p, "weighing identity candidates")\\nSTOP = set("of for by".split())\\n')
    []
    """
    tree = ast.parse(source)
    exempt = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) or (isinstance(node, ast.FunctionDef) and node.name == "__repr__"):
            exempt |= {id(n) for n in ast.walk(node)}
        if isinstance(node, ast.JoinedStr):
            exempt |= {id(v) for v in node.values}  # an f-string's own text is judged as an f-string
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            exempt.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in _PROGRESS:
                exempt |= {id(n) for n in ast.walk(node)}
            if called == "split" and isinstance(node.func, ast.Attribute):
                exempt.add(id(node.func.value))  # a word list written as one string
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in WORDY_NAMES:
            found.append(f"line {node.lineno}: function {node.name}")
        elif isinstance(node, ast.JoinedStr) and id(node) not in exempt:
            parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            hit = next((p for p in parts if _WORDS.search(p)), None)
            if hit is not None:
                found.append(f'line {node.lineno}: f-string "{hit.strip()} …"')
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in exempt and _PHRASE.search(node.value):
            found.append(f'line {node.lineno}: phrase "{node.value}"')
    return sorted(found, key=lambda where: int(where.split()[1].rstrip(":")))


def test_no_module_in_analysis_builds_sentences():
    found = [f"kg/analysis/{path.name} {where}" for path in sorted(ANALYSIS.rglob("*.py"))
             for where in sentences_in(path.read_text(encoding="utf-8"))
             if (path.name, where.partition('"')[2].rstrip(' …"')) not in ALLOWED]
    assert found == [], "words for people belong in kg/export:\n" + "\n".join(found)


def test_the_check_sees_the_words_that_left():
    """The identity waterfall's old sentence, as it was written in kg/analysis, is caught."""
    old = ('def describe(self):\n    via = f"; via {self.via}" if self.via else ""\n'
           '    return f"{self.comparison}: {self.level}{via}"\n'
           'def dates(gap, a, b):\n    return f"disjoint by {gap} days: {a} vs {b}"\n')
    assert sentences_in(old) == ["line 1: function describe", 'line 2: f-string "; via …"', 'line 5: f-string "disjoint by …"']
