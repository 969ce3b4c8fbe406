#!/usr/bin/python3
"""How well each tool's themes recover the planted topics.

    score.py --corpus corpus.csv [--sk sk.json] [--ours ours.json]

Normalized mutual information between the corpus's `topic` column (the
planted truth) and each tool's assignments, one per row in file order:
  --sk    sk.py's output: "assignments" of component numbers, -1 for none;
  --ours  `commonground analyze --format json`: "assignments" of theme ids,
          null for none.
A comment assigned to no theme counts in a cluster of its own ("none").

NMI = I(T;A) / ((H(T) + H(A)) / 2), the arithmetic mean normalization that
is sklearn.metrics.normalized_mutual_info_score's default, computed here in
pure Python.  When sklearn is importable the figure is checked against it,
and the script fails if they differ by more than 1e-9.

Prints one line per tool, after a header line starting with '#':
    NAME NMI CLUSTERS UNASSIGNED DOCS
With --detail, then lines starting with '#' that match each theme to the
planted topic most of its comments come from, and for `analyze` its
common ground and its groups' counts (the corpus plants topic 0 as common
ground and topic 5 as 75% teachers).
Exits non-zero when an input is missing, malformed or of the wrong length.
"""
import argparse
import csv
import json
import math
import sys
from collections import Counter

TOLERANCE = 1e-9


def entropy(counts, n):
	return -math.fsum(c / n * (math.log(c) - math.log(n)) for c in counts if c > 0)


def nmi(truth, pred):
	"""Normalized mutual information, arithmetic mean, as sklearn computes it
	(same special cases)."""
	if len(truth) != len(pred):
		raise ValueError("labelings of different lengths")
	n = len(truth)
	ct, cp = Counter(truth), Counter(pred)
	if (len(ct) == len(cp) == 1) or (len(ct) == len(cp) == 0):
		return 1.0  # neither labeling splits the data: a perfect match
	joint = Counter(zip(truth, pred))
	log_n = math.log(n)
	mi = math.fsum(
		nij / n * (math.log(nij) + log_n - math.log(ct[t]) - math.log(cp[p])) for (t, p), nij in joint.items()
	)
	mi = max(mi, 0.0)
	if mi == 0.0:
		return 0.0
	normalizer = (entropy(ct.values(), n) + entropy(cp.values(), n)) / 2
	return mi / max(normalizer, sys.float_info.epsilon)


def die(msg):
	print(f"score.py: {msg}", file=sys.stderr)
	sys.exit(1)


def read_truth(path, column):
	with open(path, encoding="utf-8-sig", newline="") as f:
		rows = csv.reader(f)
		header = next(rows, None)
		if header is None:
			die(f"{path} is empty")
		names = [h.strip().lower() for h in header]
		if column not in names:
			die(f"{path} has no column '{column}'")
		col = names.index(column)
		return [r[col] for r in rows]


def read_assignments(path, none_values, docs_key):
	"""(labels as strings, "none" for unassigned; the whole JSON document)"""
	try:
		with open(path, encoding="utf-8") as f:
			doc = json.load(f)
	except (OSError, ValueError) as e:
		die(f"{path}: {e}")
	if not isinstance(doc, dict) or not isinstance(doc.get("assignments"), list):
		die(f"{path}: no \"assignments\" array")
	labels = []
	for i, v in enumerate(doc["assignments"]):
		if v is None or v in none_values:
			labels.append("none")
		elif isinstance(v, int) and not isinstance(v, bool):
			labels.append(str(v))
		else:
			die(f"{path}: assignments[{i}] is {v!r}, not a theme id or null")
	docs = doc.get(docs_key)
	if docs is not None and docs != len(labels):
		die(f"{path}: \"{docs_key}\" is {docs} but there are {len(labels)} assignments")
	return labels, doc


def topic_names():
	import os
	sys.dont_write_bytecode = True  # no __pycache__ in the work tree
	sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
	try:
		from corpus import TOPIC_NAMES
	except ImportError:
		return {}
	return {str(i): n for i, n in enumerate(TOPIC_NAMES)}


def detail(name, truth, labels, doc):
	"""'#' lines: each cluster's size and the planted topic it mostly holds."""
	names = topic_names()
	by_cluster = {}
	for t, c in zip(truth, labels):
		by_cluster.setdefault(c, Counter())[t] += 1
	themes = {}
	if name == "ours":
		themes = {str(t.get("id")): t for t in doc.get("themes") or [] if isinstance(t, dict)}
	top_terms = doc.get("top_terms") if name == "sklearn" else None

	def key(c):
		return (c == "none", -sum(by_cluster[c].values()))

	out = []
	majority = {}
	for c in sorted(by_cluster, key=key):
		counts = by_cluster[c]
		size = sum(counts.values())
		t, n = counts.most_common(1)[0]
		majority[c] = t
		line = f"# {name:<7} {'theme ' + c if c != 'none' else 'none':>8} {size:7d} comments: {100 * n / size:5.1f}% planted {t} ({names.get(t, '?')})"
		th = themes.get(c)
		if th:
			line += f"  label {json.dumps(th.get('label'), ensure_ascii=False)}"
			groups = th.get("groups")
			if isinstance(groups, dict) and groups:
				total = sum(v for v in groups.values() if isinstance(v, (int, float)))
				g, gn = max(groups.items(), key=lambda kv: kv[1])
				if total:
					line += f"; top group {g} {100 * gn / total:.0f}%"
		elif top_terms and c.lstrip("-").isdigit() and 0 <= int(c) < len(top_terms):
			line += "  terms " + " ".join(top_terms[int(c)][:6])
		out.append(line)
	found = {majority[c] for c in majority if c != "none"}
	missing = sorted(set(truth) - found, key=lambda x: (len(x), x))
	if missing:
		out.append(f"# {name:<7} planted topics that are no theme's majority: {' '.join(missing)}")
	if name == "ours" and isinstance(doc.get("common_ground"), list):
		cg = [f"{i} (planted {majority.get(str(i), '?')})" for i in doc["common_ground"]]
		out.append(f"# ours    common_ground: {', '.join(cg) if cg else 'none'}   (planted common ground: topic 0)")
	return out


def cross_check(name, truth, labels, ours):
	try:
		from sklearn.metrics import normalized_mutual_info_score
	except ImportError:
		return None
	ref = float(normalized_mutual_info_score(truth, labels, average_method="arithmetic"))
	if abs(ref - ours) > TOLERANCE:
		die(f"{name}: NMI {ours!r} here but {ref!r} from sklearn.metrics (more than {TOLERANCE} apart)")
	return ref


def main(argv=None):
	ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	ap.add_argument("--corpus", required=True, help="the corpus CSV, with the planted topic column")
	ap.add_argument("--topic-column", default="topic")
	ap.add_argument("--sk", help="sk.py's JSON output")
	ap.add_argument("--ours", help="`commonground analyze --format json` output")
	ap.add_argument("--detail", action="store_true", help="also match themes to planted topics")
	a = ap.parse_args(argv)
	if not a.sk and not a.ours:
		ap.error("give --sk, --ours or both")

	truth = read_truth(a.corpus, a.topic_column.lower())
	results = []
	if a.sk:
		results.append(("sklearn", read_assignments(a.sk, (-1,), "docs")))
	if a.ours:
		results.append(("ours", read_assignments(a.ours, (), "documents")))

	print("# tool nmi clusters unassigned docs" + ("" if _has_sklearn() else "   (not cross-checked: no sklearn)"))
	details = []
	for name, (labels, doc) in results:
		if len(labels) != len(truth):
			die(f"{name}: {len(labels)} assignments for {len(truth)} corpus rows")
		value = nmi(truth, labels)
		cross_check(name, truth, labels, value)
		clusters = len(set(labels) - {"none"})
		print(f"{name} {value:.6f} {clusters} {labels.count('none')} {len(labels)}")
		if a.detail:
			details += detail(name, truth, labels, doc)
	for line in details:
		print(line)
	return 0


def _has_sklearn():
	try:
		import sklearn.metrics  # noqa: F401
	except ImportError:
		return False
	return True


if __name__ == "__main__":
	sys.exit(main())
