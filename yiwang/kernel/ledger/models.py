"""Ledger tables: the head, the entries (Merkle leaves), their payloads, subtree nodes, checkpoints.

Entries, nodes and checkpoints are append-only: database triggers refuse UPDATE and DELETE on them
(migration 0002). Payloads may be deleted by retention but never changed. Every hash is stored as
lowercase hex.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models


class LedgerHead(models.Model):
    """The single head row: which hash algorithm this log uses and how many entries it holds.

    Appends take the next sequence number with one ``UPDATE … SET size = size + 1 … RETURNING``,
    which also serializes concurrent writers on this row, so sequence numbers stay dense.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    algorithm = models.CharField("哈希算法", max_length=16)
    size = models.BigIntegerField("条目数", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "台账头"
        verbose_name_plural = "台账头"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="ledger_head_single_row"),
            models.CheckConstraint(condition=models.Q(size__gte=0), name="ledger_head_size_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"ledger {self.algorithm} size={self.size}"


class LedgerEntry(models.Model):
    """One recorded state change; leaf number ``seq`` of the Merkle log."""

    seq = models.BigIntegerField("序号", primary_key=True)
    time = models.DateTimeField("时间")
    actor_id = models.CharField("操作人编号", max_length=64, blank=True, default="")
    actor_name = models.CharField("操作人", max_length=200, blank=True, default="")
    action = models.CharField("操作", max_length=120, db_index=True)
    subject_type = models.CharField("对象类型", max_length=100, blank=True, default="")
    subject_id = models.CharField("对象编号", max_length=200, blank=True, default="")
    request_id = models.CharField("请求编号", max_length=64, blank=True, default="")
    payload_digest = models.CharField("内容摘要", max_length=64, blank=True, default="")
    leaf_hash = models.CharField("叶哈希", max_length=64, unique=True)

    class Meta:
        verbose_name = "台账条目"
        verbose_name_plural = "台账条目"
        ordering = ["seq"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="ledger_entry_subject")]
        constraints = [
            models.CheckConstraint(condition=models.Q(seq__gte=0), name="ledger_entry_seq_nonnegative")
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    @property
    def payload_or_none(self) -> LedgerPayload | None:
        try:
            return self.payload
        except LedgerPayload.DoesNotExist:
            return None


class LedgerPayload(models.Model):
    """The content of an entry: canonical JSON of before/after/data and the subject's text.

    Stored as the exact canonical text whose digest the entry carries. Retention may delete the
    row; the entry and every proof stay valid (ENF-78: clearing removes the content, never the fact
    that it existed).
    """

    entry = models.OneToOneField(
        LedgerEntry, on_delete=models.DO_NOTHING, primary_key=True, related_name="payload", db_column="seq"
    )
    body = models.TextField("内容（规范JSON）")

    class Meta:
        verbose_name = "台账内容"
        verbose_name_plural = "台账内容"

    def __str__(self) -> str:
        return f"payload #{self.pk}"

    @property
    def content(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.body)
        return value


NODE_LEVEL_SHIFT = 48  # node key = level << 48 | index: one indexed integer per perfect subtree


class LedgerNode(models.Model):
    """Hash of the perfect subtree of ``2**level`` leaves starting at leaf ``index * 2**level``.

    Level 0 (the leaves) lives in the entries; levels ≥ 1 are filled when a checkpoint is made,
    so an inclusion proof reads O(log n) rows instead of rehashing the log.
    """

    key = models.BigIntegerField(primary_key=True)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "台账树节点"
        verbose_name_plural = "台账树节点"

    def __str__(self) -> str:
        return f"node level={self.level} index={self.index}"

    @staticmethod
    def key_for(level: int, index: int) -> int:
        return (level << NODE_LEVEL_SHIFT) | index

    @property
    def level(self) -> int:
        return self.key >> NODE_LEVEL_SHIFT

    @property
    def index(self) -> int:
        return self.key & ((1 << NODE_LEVEL_SHIFT) - 1)


class LedgerKey(models.Model):
    """A public key that has signed checkpoints (SM2, SubjectPublicKeyInfo PEM)."""

    fingerprint = models.CharField("指纹", max_length=64, primary_key=True)
    algorithm = models.CharField("签名算法", max_length=16, default="sm2")
    public_key_pem = models.TextField("公钥（PEM）")
    created_at = models.DateTimeField("首次使用", auto_now_add=True)

    class Meta:
        verbose_name = "签名公钥"
        verbose_name_plural = "签名公钥"

    def __str__(self) -> str:
        return f"{self.algorithm}:{self.fingerprint[:16]}"


class LedgerCheckpoint(models.Model):
    """A signed tree head: the log had ``size`` entries with Merkle root ``root_hash`` at ``time``."""

    size = models.BigIntegerField("条目数", unique=True)
    root_hash = models.CharField("树根哈希", max_length=64)
    algorithm = models.CharField("哈希算法", max_length=16)
    time = models.DateTimeField("签署时间")
    key = models.ForeignKey(
        LedgerKey, on_delete=models.PROTECT, related_name="checkpoints", verbose_name="公钥"
    )
    signature = models.TextField("签名（DER，十六进制）")

    class Meta:
        verbose_name = "检查点"
        verbose_name_plural = "检查点"
        ordering = ["-size"]
        get_latest_by = "size"

    def __str__(self) -> str:
        return f"checkpoint size={self.size}"
