"""``manage.py ledger verify|checkpoint|show|pubkey``: operate and audit the ledger."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yiwang.kernel.ledger import selectors
from yiwang.kernel.ledger.models import LedgerEntry, LedgerHead
from yiwang.kernel.ledger.services import checkpoint_create
from yiwang.kernel.ledger.signing import load_signing_key
from yiwang.kernel.ledger.verify import verify_ledger


class Command(BaseCommand):
    help = "台账：verify 全量校验；checkpoint 立即签署检查点；show 查看概况或条目；pubkey 输出签名公钥"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        v = sub.add_parser("verify", help="按最新检查点重算整个台账；通过时最后一行为 OK size=<n> root=<hex>")
        v.add_argument("--all-signatures", action="store_true", help="验证每个历史检查点的 SM2 签名")
        sub.add_parser("checkpoint", help="立即签署一个检查点（台账自上次以来有新增时）")
        s = sub.add_parser("show", help="台账概况；给出 --seq 时显示该条目（含内容，仅限运维）")
        s.add_argument("--seq", type=int)
        s.add_argument("--last", type=int, default=10, help="列出最近 N 条（默认 10）")
        sub.add_parser("pubkey", help="输出检查点签名公钥（PEM）")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            self._verify(options["all_signatures"])
        elif action == "checkpoint":
            cp = checkpoint_create(actor=None)
            if cp is None:
                self.stdout.write("台账为空，无需签署检查点")
            else:
                self.stdout.write(f"checkpoint size={cp.size} root={cp.root_hash} time={cp.time.isoformat()}")
        elif action == "show":
            self._show(options["seq"], options["last"])
        elif action == "pubkey":
            self.stdout.write(load_signing_key().public_key.pem(), ending="")

    def _verify(self, all_signatures: bool) -> None:
        started = time.perf_counter()
        result = verify_ledger(all_signatures=all_signatures)
        elapsed = time.perf_counter() - started
        latest = selectors.checkpoint_latest()
        self.stdout.write(
            f"算法 {result.algorithm or '-'}；条目 {result.size}；检查点 {result.checkpoints} 个"
            f"（验签 {result.signatures_checked} 个）；用时 {elapsed:.2f} 秒"
        )
        if latest is not None:
            self.stdout.write(f"最新检查点 size={latest.size} root={latest.root_hash}")
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(result.last_line())
        if not result.ok:
            raise SystemExit(1)

    def _show(self, seq: int | None, last: int) -> None:
        head = LedgerHead.objects.filter(pk=1).first()
        if head is None:
            self.stdout.write("台账为空")
            return
        if seq is not None:
            entry = LedgerEntry.objects.filter(seq=seq).first()
            if entry is None:
                raise CommandError(f"没有序号为 {seq} 的条目")
            payload = entry.payload_or_none
            for label, value in [
                ("seq", entry.seq),
                ("time", entry.time.isoformat()),
                ("actor", f"{entry.actor_id} {entry.actor_name}".strip() or "系统"),
                ("action", entry.action),
                ("subject", f"{entry.subject_type}:{entry.subject_id}"),
                ("request_id", entry.request_id),
                ("payload_digest", entry.payload_digest),
                ("leaf_hash", entry.leaf_hash),
                ("payload", payload.body if payload is not None else "（已按保存期限删除）"),
            ]:
                self.stdout.write(f"{label}: {value}")
            return
        latest = selectors.checkpoint_latest()
        self.stdout.write(f"算法 {head.algorithm}；条目 {head.size}")
        if latest is not None:
            self.stdout.write(
                f"最新检查点 size={latest.size} root={latest.root_hash} time={latest.time.isoformat()}"
            )
        for entry in LedgerEntry.objects.order_by("-seq")[:last]:
            self.stdout.write(f"{entry.seq}\t{entry.time.isoformat()}\t{entry.action}\t{entry.leaf_hash}")
