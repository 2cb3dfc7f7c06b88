"""``kg synth``: write a deterministic synthetic corpus for benchmarks."""

from __future__ import annotations

import click

from kg.commands.common import handle_errors

__all__ = ["commands"]


@click.command("synth")
@click.option("--triples", type=click.IntRange(min=1000), default=1_000_000, show_default=True,
              help="About how many triples the corpus builds into.")
@click.option("--incidents", type=click.IntRange(min=1), default=None,
              help="Instead: cases that are mostly incidents, about this many in all (the identity benchmark).")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed always writes the same bytes.")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder to write (replaced if kg synth wrote it).")
@handle_errors
def synth(triples, incidents, seed, out):
    """Write a synthetic corpus of case folders into OUT, and the sources' documents into OUT/documents.

    Many cases, organisations and people; incidents with dates, mechanisms and
    effects, some reported twice under different names; sources whose
    accounts conflict; judgements and open questions.
    Example: kg synth --triples 100000 --seed 1 --out /tmp/corpus, then
    kg build /tmp/corpus --documents /tmp/corpus/documents --store /tmp/corpus-store
    """
    from kg.progress import TerminalProgress
    from kg.synth import DOCUMENTS_DIR, synthesize

    with TerminalProgress() as progress:
        result = synthesize(out, triples=triples, seed=seed, incidents=incidents, progress=progress)
    click.echo(f"wrote {result.cases} cases ({result.incidents} incidents, {result.documents} documents), "
               f"about {result.estimated_triples} triples, into {result.out}")
    click.echo(f"build them: kg build {result.out} --documents {result.out / DOCUMENTS_DIR}")


commands = [synth]
