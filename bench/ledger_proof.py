#!/usr/bin/env python3
"""Inclusion proof for one entry in a 1,000,000-entry log, served from the stored subtree nodes.

Times `selectors.inclusion_proof(index=i, size=N)` — what `GET /api/ledger/proofs/inclusion` does —
for random entries against the latest checkpoint, and, as the baseline, one primary-key lookup of
an entry in the same run. Each proof is also verified (untimed). Target: median < 5 ms.

    .venv/bin/python bench/ledger_proof.py [--n 1000000] [--samples 500]
    .venv/bin/python tools/with_postgres.py -- .venv/bin/python bench/ledger_proof.py --db postgres
"""

from __future__ import annotations

import random
import statistics
import time

import ledger_common as common


def main() -> None:
    p = common.parser(__doc__.splitlines()[1])
    p.add_argument("--n", type=int, default=1_000_000)
    p.add_argument("--samples", type=int, default=500)
    args = p.parse_args()
    described = common.setup(args.db)

    from yiwang.kernel.ledger import merkle, selectors
    from yiwang.kernel.ledger.hashing import hasher
    from yiwang.kernel.ledger.models import LedgerEntry, LedgerNode
    from yiwang.kernel.ledger.services import checkpoint_create

    t0 = time.perf_counter()
    common.bulk_fill(args.n)
    fill = time.perf_counter() - t0
    t0 = time.perf_counter()
    cp = checkpoint_create()
    cp_time = time.perf_counter() - t0
    assert cp is not None and cp.size == args.n
    h = hasher(cp.algorithm)
    root = bytes.fromhex(cp.root_hash)
    rng = random.Random(6962)
    indexes = [rng.randrange(args.n) for _ in range(args.samples)]
    for i in indexes[:20]:  # warm caches
        selectors.inclusion_proof(index=i, size=args.n)
    proof_ms, lookup_ms = [], []
    for i in indexes:
        t0 = time.perf_counter()
        proof = selectors.inclusion_proof(index=i, size=args.n)
        proof_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        LedgerEntry.objects.filter(seq=i).values_list("leaf_hash", flat=True).first()
        lookup_ms.append((time.perf_counter() - t0) * 1000)
        path = [bytes.fromhex(x) for x in proof.path]
        assert merkle.verify_inclusion(h, i, args.n, bytes.fromhex(proof.leaf_hash), path, root)
    median = statistics.median(proof_ms)
    p95 = statistics.quantiles(proof_ms, n=20)[-1]
    print(f"# ledger inclusion proof ({args.db}, {cp.algorithm}) — {common.stamp()}")
    print(f"database: {described}")
    print(f"machine: {common.machine()}")
    print(
        f"log: {args.n:,} entries, {LedgerNode.objects.count():,} stored nodes "
        f"[bulk fill {fill:.1f} s, checkpoint incl. node fill {cp_time:.1f} s]"
    )
    print(
        f"inclusion proof: median {median:.2f} ms, p95 {p95:.2f} ms over {args.samples} random entries "
        f"(path length {len(proof.path)}); one-row lookup baseline median {statistics.median(lookup_ms):.2f} ms"
    )
    print(f"target median < 5 ms: {'met' if median < 5 else 'MISSED'}")


if __name__ == "__main__":
    main()
