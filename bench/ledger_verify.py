#!/usr/bin/env python3
"""`ledger verify` on large logs, against the floor of hashing the same bytes with hashlib.

The floor is what any verification must do at least: hashlib over every leaf (0x00 ‖ leaf data),
every payload, and the n − 1 interior nodes (0x01 ‖ left ‖ right), with the input bytes prepared
beforehand. `verify` additionally reads every row from the database, rebuilds the canonical leaf
encoding, compares hashes and checks the signed checkpoint. Target: verify ≤ 3 × floor.

    .venv/bin/python bench/ledger_verify.py [--sizes 100000 1000000]
    .venv/bin/python tools/with_postgres.py -- .venv/bin/python bench/ledger_verify.py --db postgres
"""

from __future__ import annotations

import hashlib
import time

import ledger_common as common


def main() -> None:
    p = common.parser(__doc__.splitlines()[1])
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = p.parse_args()
    described = common.setup(args.db)

    from django.conf import settings
    from django.db import connection

    from yiwang.kernel.ledger.services import checkpoint_create
    from yiwang.kernel.ledger.verify import verify_ledger

    algorithm = settings.YIWANG_LEDGER_HASH
    print(f"# ledger verify ({args.db}, {algorithm}) — {common.stamp()}")
    print(f"database: {described}")
    print(f"machine: {common.machine()}")
    done = 0
    leaf_inputs: list[bytes] = []
    bodies: list[bytes] = []

    def keep_bytes(entries: list, payloads: list, datas: list[bytes]) -> None:
        leaf_inputs.extend(b"\x00" + d for d in datas)
        bodies.extend(body.encode() for _, body in payloads)

    def hash_floor() -> float:
        """hashlib over the same bytes: every leaf, every payload, the n − 1 interior nodes."""
        new = hashlib.new
        t0 = time.perf_counter()
        level = [new(algorithm, x).digest() for x in leaf_inputs]
        for b in bodies:
            new(algorithm, b).digest()
        spent = time.perf_counter() - t0
        while len(level) > 1:
            pairs = [b"\x01" + level[i] + level[i + 1] for i in range(0, len(level) - 1, 2)]
            t0 = time.perf_counter()
            nxt = [new(algorithm, x).digest() for x in pairs]
            spent += time.perf_counter() - t0
            if len(level) % 2:
                nxt.append(level[-1])
            level = nxt
        return spent

    for size in sorted(args.sizes):
        t0 = time.perf_counter()
        common.bulk_fill_range(done, size, on_chunk=keep_bytes)
        fill = time.perf_counter() - t0
        done = size
        t0 = time.perf_counter()
        cp = checkpoint_create()
        cp_time = time.perf_counter() - t0
        assert cp is not None and cp.size == size
        # floor, verify, floor: both sides see the same machine load
        floor_before = hash_floor()
        connection.close()  # verify starts from a cold connection, like the command
        t0 = time.perf_counter()
        result = verify_ledger()
        elapsed = time.perf_counter() - t0
        floor = (floor_before + hash_floor()) / 2
        assert result.ok and result.root == cp.root_hash, result.last_line()
        ratio = elapsed / floor
        print(
            f"n={size:>9,}: verify {elapsed:6.2f} s   floor (hashlib, same bytes) {floor:6.2f} s   "
            f"ratio {ratio:4.2f}× (target ≤ 3×: {'met' if ratio <= 3 else 'MISSED'})   "
            f"[bulk fill {fill:.1f} s, checkpoint incl. node fill {cp_time:.1f} s]",
            flush=True,
        )


if __name__ == "__main__":
    main()
