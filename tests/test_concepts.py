"""The ontology is the only list of stances and judgements (4/7).

A stance added to kg.ttl reaches the loader, the page and the synthetic
corpus with no Python change; tests/export/test_html.py then fails naming the
style to add to kg/export/html_assets/styles.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from kg.ontology import judgement_edge_kind, judgements, stances
from tests.helpers import ROOT

STYLES = ROOT / "kg" / "export" / "html_assets" / "styles.json"

NEW_STANCE = """
kg:Suggests a kg:Stance ; skos:inScheme kg:StanceScheme ; skos:notation "suggests" ; kg:polarity 1 ;
    skos:prefLabel "suggests"@en ; rdfs:label "suggests"@en ;
    rdfs:comment "Says the proposition is likely."@en .
"""

PROBE = """
import json
from kg.export import html
from kg.ontology import case_schema
from kg.synth import _stance_sides
print(json.dumps({"html": list(html.STANCES), "schema": sorted(case_schema().stances), "synth": _stance_sides()}))
"""


def test_every_stance_and_judgement_has_a_style():
    styles = json.loads(STYLES.read_text(encoding="utf-8"))["edges"]
    for stance in stances():
        assert f"stance:{stance.notation}" in styles, f"add stance:{stance.notation} to {STYLES}"
    for judgement in judgements():
        assert judgement_edge_kind(judgement.notation) in styles, (
            f"add {judgement_edge_kind(judgement.notation)} to {STYLES}"
        )


def test_a_stance_added_to_the_ontology_needs_no_python_change(tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    with (ontology / "kg.ttl").open("a", encoding="utf-8") as handle:
        handle.write(NEW_STANCE)
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "KG_ONTOLOGY_DIR": str(ontology)},
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert "suggests" in seen["html"] and "suggests" in seen["schema"]
    assert "suggests" in seen["synth"][0]
