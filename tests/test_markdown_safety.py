"""Text from case files cannot forge structure in ``unresolved.md``: headings, rules, list items."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, copy_case, edit

FORGERY = "\\n# Forged heading\\n\\n---\\n- forged item\\n> forged quote\\n1. forged number\\r\\n## Forged too"


def test_multi_line_asks_resolvable_by_and_labels_stay_inside_their_items(tmp_path):
    case = copy_case(tmp_path)
    edit(case / "claims.yaml", "asks: Was the Thursday failure related to the Monday outage?", f'asks: "Was the Thursday failure related?{FORGERY}"')
    edit(case / "claims.yaml", "resolvableBy: A post-incident review covering both days.", f'resolvableBy: "A review.{FORGERY}"')
    edit(case / "entities.yaml", "    label: Globex\n", f'    label: "Globex{FORGERY}"\n')
    result = CliRunner().invoke(cli, ["build", str(case), "--documents", str(DOCUMENTS), "--store", str(tmp_path / "store"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["unresolved", "--store", str(tmp_path / "store"), "--out", str(tmp_path / "report")])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "report" / "unresolved.md").read_text(encoding="utf-8").splitlines()
    alone = [line for line in lines if "orged" in line and not any(start in line for start in ("Globex", "Thursday failure related?", "A review."))]
    assert alone == [], "a forged line stands on its own"
    assert not [line for line in lines if line.lstrip().startswith(("# Forged", "## Forged", "---", "- forged", "> forged", "1. forged"))]
    assert "---" not in lines
    question = [line for line in lines if line.startswith("### Was the Thursday failure related?")]
    assert question == ["### Was the Thursday failure related? \\# Forged heading --- - forged item \\> forged quote 1. forged number \\#\\# Forged too"]
    assert "- What would settle it: A review. \\# Forged heading --- - forged item \\> forged quote 1. forged number \\#\\# Forged too" in lines
