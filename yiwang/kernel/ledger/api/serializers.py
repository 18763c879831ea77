"""Serializers of the public ledger API (hashes and metadata only — never payloads)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..models import LedgerCheckpoint
from ..selectors import checkpoint_signature_valid
from ..signing import DEFAULT_ID
from ..tree import checkpoint_signed_message


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="稳定的错误代码")
    message = serializers.CharField(help_text="中文错误说明")
    field = serializers.CharField(allow_null=True, help_text="出错的参数名")


class CheckpointSerializer(serializers.Serializer):
    size = serializers.IntegerField(help_text="检查点覆盖的条目数（树的大小）")
    root_hash = serializers.CharField(help_text="Merkle 树根（十六进制）")
    algorithm = serializers.CharField(help_text="哈希算法：sm3 或 sha256")
    time = serializers.DateTimeField(help_text="签署时间")
    signed_message = serializers.SerializerMethodField(help_text="签名覆盖的原文（UTF-8 文本）")
    signature = serializers.CharField(help_text="SM2 签名，DER 编码的十六进制")
    signature_algorithm = serializers.SerializerMethodField(help_text="签名算法")
    signer_id = serializers.SerializerMethodField(help_text="SM2 签名者标识（GM/T 0009 默认值）")
    key_fingerprint = serializers.CharField(
        source="key_id", help_text="公钥指纹：SubjectPublicKeyInfo DER 的 SM3"
    )
    public_key_pem = serializers.CharField(source="key.public_key_pem", help_text="SM2 公钥（PEM）")
    signature_valid = serializers.SerializerMethodField(help_text="服务器端验签结果")

    def get_signed_message(self, obj: LedgerCheckpoint) -> str:
        return checkpoint_signed_message(obj).decode()

    def get_signature_algorithm(self, obj: LedgerCheckpoint) -> str:
        return "sm2-with-sm3"

    def get_signer_id(self, obj: LedgerCheckpoint) -> str:
        return DEFAULT_ID.decode()

    def get_signature_valid(self, obj: LedgerCheckpoint) -> bool:
        return checkpoint_signature_valid(obj)


class InclusionProofSerializer(serializers.Serializer):
    algorithm = serializers.CharField()
    index = serializers.IntegerField(help_text="叶序号（即条目序号 seq）")
    size = serializers.IntegerField(help_text="树的大小")
    leaf_hash = serializers.CharField(help_text="叶哈希")
    path = serializers.ListField(
        child=serializers.CharField(), help_text="审计路径，自叶向根（RFC 6962 §2.1.1）"
    )
    root_hash = serializers.CharField(source="root", help_text="该大小的树根")


class ConsistencyProofSerializer(serializers.Serializer):
    algorithm = serializers.CharField()
    first = serializers.IntegerField()
    second = serializers.IntegerField()
    path = serializers.ListField(child=serializers.CharField(), help_text="一致性证明（RFC 6962 §2.1.2）")
    first_root = serializers.CharField()
    second_root = serializers.CharField()


class PublicEntrySerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    time = serializers.DateTimeField()
    action = serializers.CharField()
    leaf_hash = serializers.CharField()


class EntryCheckSerializer(serializers.Serializer):
    entry = PublicEntrySerializer()
    included = serializers.SerializerMethodField(help_text="是否已被最新检查点覆盖且证明验证通过")
    leaf_matches_row = serializers.BooleanField(help_text="条目字段重算的叶哈希与存储值一致")
    checkpoint_size = serializers.SerializerMethodField()
    checkpoint_root = serializers.SerializerMethodField()
    proof = InclusionProofSerializer(allow_null=True)

    def get_included(self, obj: Any) -> bool:
        return bool(obj.verified)

    def get_checkpoint_size(self, obj: Any) -> int | None:
        return obj.checkpoint.size if obj.checkpoint is not None else None

    def get_checkpoint_root(self, obj: Any) -> str | None:
        return obj.checkpoint.root_hash if obj.checkpoint is not None else None
