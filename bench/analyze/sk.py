#!/usr/bin/python3
"""scikit-learn's themes for a CSV of comments: the reference for the bench.

    sk.py --in corpus.csv --k 8 --out sk.json [--text-column comment]

TF-IDF (English stop words, terms in at least 2 comments and at most 95% of
them) and NMF with k components; each comment goes to the component with
the largest weight in its row of W, or to none (-1) when that row is all
zero (a comment with no kept term).  Writes one JSON line to --out:

    {"docs": N, "k": K, "seconds": S, ..., "assignments": [...]}

and prints S to stdout.  S is the wall time (time.perf_counter) from
opening the CSV to the last assignment: reading, vectorizing, fitting and
assigning, so that it compares with the other tool measured end to end
(the interpreter's start and the imports are outside S, but inside the
wall time that /usr/bin/time reports for this process).  Thread pools are
left at the libraries' defaults; what they were is written to --out.

Made for Debian 12's python3-sklearn (1.2.1).
"""
import argparse
import csv
import json
import sys
import time

import numpy as np
from sklearn import __version__ as sklearn_version
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer


def loaded_libraries(words=("blas", "lapack", "gomp", "omp", "mkl")):
	"""System shared libraries of these kinds mapped into this process: which
	BLAS numpy and scipy use (Debian's reference libblas3, or OpenBLAS ...)."""
	found = set()
	try:
		with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
			for line in f:
				path = line.split()[-1] if line.strip() else ""
				name = path.rsplit("/", 1)[-1].lower()
				if (path.startswith("/") and ".so" in name and any(w in name for w in words)
						and "-packages/" not in path):
					found.add(path)
	except OSError:
		pass
	return sorted(found)


def thread_pools():
	try:
		from threadpoolctl import threadpool_info
	except ImportError:
		return None
	return [{k: p.get(k) for k in ("internal_api", "prefix", "version", "num_threads")} for p in threadpool_info()]


def main(argv=None):
	ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	ap.add_argument("--in", dest="inp", required=True, help="CSV file with a header row")
	ap.add_argument("--k", type=int, default=8, help="number of themes (NMF components)")
	ap.add_argument("--out", required=True, help="JSON file to write")
	ap.add_argument("--text-column", default="comment")
	a = ap.parse_args(argv)

	t0 = time.perf_counter()
	with open(a.inp, encoding="utf-8-sig", newline="") as f:
		rows = csv.reader(f)
		header = next(rows, None)
		if header is None:
			sys.exit(f"sk.py: {a.inp} is empty")
		names = [h.strip().lower() for h in header]
		if a.text_column.lower() not in names:
			sys.exit(f"sk.py: {a.inp} has no column '{a.text_column}' (columns: {', '.join(header)})")
		col = names.index(a.text_column.lower())
		texts = [r[col] if col < len(r) else "" for r in rows]
	t_read = time.perf_counter()

	vec = TfidfVectorizer(stop_words="english", min_df=2, max_df=0.95, sublinear_tf=False)
	X = vec.fit_transform(texts)
	t_vec = time.perf_counter()
	nmf = NMF(n_components=a.k, init="nndsvda", random_state=0, max_iter=400)
	W = nmf.fit_transform(X)
	t_fit = time.perf_counter()
	best = W.argmax(axis=1)
	none = W.max(axis=1) <= 0
	assignments = np.where(none, -1, best).tolist()
	t_end = time.perf_counter()

	seconds = t_end - t0
	terms = vec.get_feature_names_out()
	out = {
		"docs": len(texts),
		"k": a.k,
		"seconds": round(seconds, 6),
		"stages": {
			"read": round(t_read - t0, 6),
			"vectorize": round(t_vec - t_read, 6),
			"nmf": round(t_fit - t_vec, 6),
			"assign": round(t_end - t_fit, 6),
		},
		"terms": int(X.shape[1]),
		"n_iter": int(nmf.n_iter_),
		"reconstruction_err": float(nmf.reconstruction_err_),
		"unassigned": int(none.sum()),
		"top_terms": [[str(terms[j]) for j in np.argsort(-h)[:8]] for h in nmf.components_],
		"versions": {"python": sys.version.split()[0], "sklearn": sklearn_version, "numpy": np.__version__},
		"thread_pools": thread_pools(),
		"libraries": loaded_libraries(),
		"assignments": assignments,
	}
	with open(a.out, "w", encoding="utf-8") as f:
		json.dump(out, f, separators=(",", ":"))
		f.write("\n")
	print(f"{seconds:.3f}")
	return 0


if __name__ == "__main__":
	sys.exit(main())
