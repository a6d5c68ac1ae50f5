"""`hadath ner`: train and evaluate the NER tagger, rebuild its word clusters."""
from __future__ import annotations

import json
from pathlib import Path

import click

from hadath.errors import HadathError


@click.group()
def ner():
    """The NER tagger for actors outside the knowledge base."""


@ner.command()
@click.option("--data", "data", required=True, type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Folder with anercorp/ANERCorp.txt and aqmar/*.txt (e.g. ../shared/data/ner).")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Model file to write (the shipped one is src/hadath/ner/data/ner.crfsuite).")
@click.option("--dev", is_flag=True, help="Hold out the last sixth of the train split and score on it.")
@click.option("--aqmar", type=click.Choice(["no-misc", "all", "none"]), default="no-misc", show_default=True,
              help="Which AQMAR sentences join the training data.")
@click.option("--limit", type=int, default=None, help="Train on the first N sentences only (a quick check).")
@click.option("--max-iterations", type=int, default=None, help="L-BFGS iterations (default: tuned value).")
@click.option("--passes", type=click.Choice(["1", "2"]), default="2", show_default=True,
              help="2: a second pass sees the first pass's labels of the same words nearby.")
@click.option("--priors", default=None, metavar="PATH|none",
              help="Corpus label priors file (default: the shipped data/priors.tsv; none: without).")
def train(data, out, dev, aqmar, limit, max_iterations, passes, priors):
    """Train the CRF on ANERcorp's standard train split (and AQMAR)."""
    from hadath.ner.tagger import Tagger, make_featurizer
    from hadath.ner.tagger import first_pass_path
    from hadath.ner.train import evaluate, train_crf, train_two_pass, training_data

    train_sents, held_out = training_data(data, dev=dev, aqmar=aqmar)
    if limit is not None:
        train_sents = train_sents[:limit]
    params = {"max_iterations": max_iterations} if max_iterations else None
    log = lambda m: click.echo(m, err=True)   # noqa: E731
    # The knowledge base is left out of training so the model does not lean on it.
    featurizer = make_featurizer(with_kb=False, priors=priors)
    if passes == "2":
        train_two_pass(train_sents, out, featurizer, params, log=log)
    else:
        train_crf(train_sents, out, featurizer, params, log=log)
        first_pass_path(out).unlink(missing_ok=True)   # a stale first pass would be used
    if dev:
        res = evaluate(Tagger(out, make_featurizer(with_kb=False, priors=priors)), held_out)
        click.echo(json.dumps(dict(split="dev", **res), ensure_ascii=False))


@ner.command("eval")
@click.option("--data", "data", required=True, type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Folder with anercorp/ANERCorp.txt (e.g. ../shared/data/ner).")
@click.option("--model", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="Model file (default: the shipped model).")
@click.option("--dev", is_flag=True, help="Score on the dev split carved from train instead of test.")
@click.option("--priors", default=None, metavar="PATH|none",
              help="Corpus label priors file (default: the shipped data/priors.tsv; none: without).")
def evaluate_cmd(data, model, dev, priors):
    """Entity-level micro F1 (exact span and type) on ANERcorp's standard test split."""
    from hadath.ner.tagger import Tagger, default_model_path, make_featurizer
    from hadath.ner.train import evaluate, training_data

    _, held_out = training_data(data, dev=dev, aqmar="none")
    path = model or default_model_path()
    if not Path(path).exists():
        raise HadathError(f"no NER model at {path}")
    res = evaluate(Tagger(path, make_featurizer(with_kb=False, priors=priors)), held_out)
    click.echo(json.dumps(dict(split="dev" if dev else "test", **res), ensure_ascii=False))


@ner.command()
@click.option("--corpus", required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="JSON Lines (.gz) articles with a `text` field (e.g. the ANT corpus).")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Use the first N articles only.")
def clusters(corpus, out, limit):
    """Rebuild the word-cluster table (a tagger feature) from unlabelled news text."""
    from hadath.ner.clusters import build_clusters, write_clusters
    table = build_clusters(corpus, limit=limit, log=lambda m: click.echo(m, err=True))
    write_clusters(table, out, "the ANT corpus v2.1" if corpus.name.startswith("ant_v2.1") else corpus.name)
    click.echo(f"{len(table)} words -> {out}", err=True)


@ner.command()
@click.option("--corpus", required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="JSON Lines (.gz) articles with a `text` field (e.g. the ANT corpus).")
@click.option("--model", required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="A model trained without priors (`hadath ner train --priors none`).")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Use the first N articles only.")
def priors(corpus, model, out, limit):
    """Rebuild the corpus label priors (a tagger feature): tag a corpus, count each stem's types."""
    from hadath.ner.priors import count_labels, write_priors
    from hadath.ner.tagger import Tagger, make_featurizer
    tagger = Tagger(model, make_featurizer(with_kb=False, priors="none"))
    counts = count_labels(corpus, tagger, limit, log=lambda m: click.echo(m, err=True))
    n = write_priors(counts, out, "the ANT corpus v2.1" if corpus.name.startswith("ant_v2.1") else corpus.name)
    click.echo(f"{n} stems -> {out}", err=True)


@ner.command()
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
def gazetteer(out):
    """Rebuild the gazetteer (needs the `build` extra: babel, pycountry, arabic-name-romanizer)."""
    from hadath.ner.gazetteer import build_gazetteer
    try:
        n = build_gazetteer(out)
    except ImportError as e:
        raise HadathError(f"the gazetteer build needs the build extra ({e.name} missing)") from None
    click.echo(f"{n} entries -> {out}", err=True)
