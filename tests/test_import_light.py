"""`kg --help` and `import kg` stay light: they load no RDF library, YAML parser or store.

Speed itself is measured with farm-bench (see docs/development.md), not timed here; what is held
here is the cause of a slow start: a heavy module imported at the top of the command line's path.
"""

import subprocess
import sys

HEAVY = ["rdflib", "yaml", "pyoxigraph", "networkx", "ruamel", "spacy", "numpy"]


def _loaded_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_the_command_lines_help_loads_no_heavy_module():
    code = "from click.testing import CliRunner\nfrom kg.cli import cli\nassert CliRunner().invoke(cli, ['--help']).exit_code == 0"
    assert _loaded_after(code) == []


def test_importing_kg_and_naming_build_loads_no_heavy_module():
    assert _loaded_after("import kg\nassert callable(kg.build)") == []


def test_build_is_the_function_even_after_its_module_is_imported():
    code = "import kg.build\nfrom kg.build import load_cases\nimport kg\nassert callable(kg.build), kg.build"
    assert _loaded_after(code) == []
