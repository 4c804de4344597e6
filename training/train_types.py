"""Train the sentence classifier shipped in the package (tacitus.events.classify).

    python training/train_types.py                # train on training/data, write the model
    python training/train_types.py --cv 5         # also report 5-fold cross-validation
    python training/train_types.py --holdout 0.3 --out /tmp/half
                                                  # train on 70 %, keep 30 % as gold

Needs scikit-learn (``pip install -e ".[train]"``). Every file in ``training/data``
is read; a document's labels are the types of its gold events (none for a sentence that
reports no event). The parse comes from the same spaCy pipeline tacitus codes with, so
training and coding see the same features. Everything is deterministic: the same data,
spaCy model and scikit-learn version give the same weights (the card records all three
and a digest of the weights).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from tacitus.evaluate import load_gold
from tacitus.events.classify import FEATURE_VERSION, MODEL_DIR, MODEL_NAME, features, from_arrays
from tacitus.nlp import load_nlp, resolve_model_name
from tacitus.ontology import load_ontology

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PACKAGE_MODEL = HERE.parent / "src" / "tacitus" / "data" / MODEL_DIR / MODEL_NAME
MIN_COUNT = 2  # a feature seen in fewer training documents is dropped
C = 1.0  # inverse regularisation strength of every per-type regression


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of gold JSONL files")
    parser.add_argument("--out", default=str(PACKAGE_MODEL), help="model path stem")
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation report")
    parser.add_argument("--holdout", type=float, default=0.0, help="share kept out as gold")
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation")
    args = parser.parse_args(argv)

    labels = tuple(load_ontology().types)
    paths = sorted(args.data.glob("*.jsonl"))
    documents = [doc for path in paths for doc in load_gold(path)]
    if args.holdout:
        train_docs = [d for d in documents if _bucket(d.id) >= args.holdout]
        held = [d for d in documents if _bucket(d.id) < args.holdout]
        gold_path = Path(args.out + ".gold.jsonl")
        _write_gold(held, paths, gold_path)
        print(f"held out {len(held)} documents as {gold_path}")
        documents = train_docs

    nlp = load_nlp(selective_ner=False)
    texts = [d.text for d in documents]
    with nlp.select_pipes(disable=[n for n in ("ner",) if n in nlp.pipe_names]):
        parsed = [features(doc) for doc in nlp.pipe(texts, batch_size=64)]
    targets = np.array(
        [[int(any(e.type.upper() == t for e in d.events)) for t in labels] for d in documents],
        dtype=np.int8,
    )
    print(f"{len(documents)} documents from {len(paths)} files; per type:")
    print("  " + ", ".join(f"{t} {int(n)}" for t, n in zip(labels, targets.sum(0), strict=True)))

    if args.cv:
        _cross_validate(parsed, targets, labels, args.cv, args.c)

    names, weights, bias = _fit(parsed, targets, args.c)
    card: dict[str, object] = {
        "feature_version": FEATURE_VERSION,
        "labels": list(labels),
        "features": len(names),
        "documents": len(documents),
        "positives": {t: int(n) for t, n in zip(labels, targets.sum(0), strict=True)},
        "data_sha256": _digest_files(paths),
        "spacy_model": resolve_model_name(),
        "sklearn": _sklearn_version(),
        "c": args.c,
        "min_count": MIN_COUNT,
        "weights_sha256": hashlib.sha256(
            np.round(weights, 4).astype(np.float32).tobytes()
        ).hexdigest(),
    }
    model = from_arrays(labels, names, weights, bias, card)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out}.npz and {args.out}.json ({len(names)} features)")
    return 0


def _fit(
    parsed: list[set[str]], targets: np.ndarray, c: float
) -> tuple[list[str], np.ndarray, np.ndarray]:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in parsed for f in feats)
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {name: i for i, name in enumerate(names)}
    rows, cols = [], []
    for r, feats in enumerate(parsed):
        for f in feats:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    matrix = csr_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(parsed), len(names))
    )
    weights = np.zeros((len(names), targets.shape[1]))
    bias = np.zeros(targets.shape[1])
    for j in range(targets.shape[1]):
        column = targets[:, j]
        if column.min() == column.max():  # a type without examples never fires
            bias[j] = -10.0 if column.max() == 0 else 10.0
            continue
        regression = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
        regression.fit(matrix, column)
        weights[:, j] = regression.coef_[0]
        bias[j] = regression.intercept_[0]
    return names, weights, bias


def _cross_validate(
    parsed: list[set[str]], targets: np.ndarray, labels: tuple[str, ...], k: int, c: float
) -> None:
    folds = np.arange(len(parsed)) % k
    probabilities = np.zeros(targets.shape)
    for fold in range(k):
        train = [i for i in range(len(parsed)) if folds[i] != fold]
        test = [i for i in range(len(parsed)) if folds[i] == fold]
        names, weights, bias = _fit([parsed[i] for i in train], targets[train], c)
        model = from_arrays(labels, names, weights, bias, {})
        for i in test:
            probabilities[i] = model.scores(parsed[i])
    print(f"{k}-fold cross-validation (threshold 0.5): type  P  R  F1")
    for j, label in enumerate(labels):
        predicted = probabilities[:, j] >= 0.5
        gold = targets[:, j] == 1
        tp = int((predicted & gold).sum())
        p = tp / max(1, int(predicted.sum()))
        r = tp / max(1, int(gold.sum()))
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {label:10} {p:.3f} {r:.3f} {f:.3f}")
    labelled = targets.sum(1) > 0
    top = probabilities.argmax(1)
    correct = sum(int(targets[i, top[i]] == 1) for i in range(len(parsed)) if labelled[i])
    print(f"  top type right on {correct}/{int(labelled.sum())} sentences with an event")


def _bucket(doc_id: str) -> float:
    """A stable number in [0, 1) per document id, for the hold-out split."""
    return int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) / 16**8


def _write_gold(held: list[object], paths: list[Path], out: Path) -> None:
    wanted = {getattr(d, "id", "") for d in held}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and json.loads(line)["id"] in wanted:
                    handle.write(line + "\n")


def _digest_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _sklearn_version() -> str:
    import sklearn

    return str(sklearn.__version__)


if __name__ == "__main__":
    sys.exit(main())
