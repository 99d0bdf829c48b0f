"""scikit-learn NMF topics for bench/text/run.ts: one run, one corpus, JSON on stdout.

TfidfVectorizer (as sklearn_pipeline.py: english stop words, sublinear tf, min_df 2,
max_df 0.5) -> NMF(k, nndsvda init) -> a paper's topic = its largest weight; a topic's terms =
its 30 largest components. The terms and topics are scored by bench/text/topic-quality.ts, the
same code that scores PaperGraph's.
"""
import json
import sys
import time

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

from sklearn_pipeline import read_corpus


def main() -> None:
    path, k, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    texts, labels = read_corpus(path)
    t = time.perf_counter()
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5)
    x = vec.fit_transform(texts)
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
    w = nmf.fit_transform(x)
    seconds = time.perf_counter() - t
    words = vec.get_feature_names_out()
    terms = [[str(words[j]) for j in np.argsort(-row)[:30]] for row in nmf.components_]
    assign = w.argmax(axis=1)
    print(
        json.dumps(
            {
                "n": len(texts),
                "seconds": seconds,
                "nmi": normalized_mutual_info_score(labels, assign),
                "terms": terms,
                "assignments": assign.tolist(),
            }
        )
    )


if __name__ == "__main__":
    main()
