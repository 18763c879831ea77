"""SM2 signatures on checkpoints (GB/T 32918, GM/T 0009 default user ID ``1234567812345678``).

The signature is over ``e = SM3(Z ‖ M)`` where ``Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA)``, as
GM/T 0009 specifies. We compute the SM3 hashes with OpenSSL (``hashlib``) and the curve arithmetic
with the ``gmssl`` package; the signature is DER-encoded (SEQUENCE of r, s), the public key exported as
SubjectPublicKeyInfo PEM (id-ecPublicKey + SM2 curve OID 1.2.156.10197.1.301), so anyone can check a
checkpoint with stock OpenSSL 3::

    openssl pkeyutl -verify -pubin -inkey ledger-sm2.pub.pem -rawin -in checkpoint.txt \\
        -sigfile checkpoint.sig -digest sm3 -pkeyopt distid:1234567812345678

Key material: ``YIWANG_LEDGER_SM2_KEY`` (hex private key) from the environment, else the file
``settings.YIWANG_LEDGER_KEY_FILE``; outside production (``YIWANG_LEDGER_KEY_AUTOCREATE``) a missing
key file is generated once.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import cast

from Cryptodome.Util.asn1 import DerBitString, DerObjectId, DerSequence
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from gmssl import sm2

DEFAULT_ID = b"1234567812345678"
OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1"
OID_SM2 = "1.2.156.10197.1.301"

_CURVE = sm2.default_ecc_table
_N = int(_CURVE["n"], 16)
_HEX_LEN = 64


class SignatureError(ValueError):
    """A malformed key or signature."""


def _z_value(public_xy_hex: str, user_id: bytes = DEFAULT_ID) -> bytes:
    entl = (len(user_id) * 8).to_bytes(2, "big")
    material = entl + user_id + bytes.fromhex(_CURVE["a"] + _CURVE["b"] + _CURVE["g"] + public_xy_hex)
    return hashlib.new("sm3", material).digest()


def _e_value(public_xy_hex: str, message: bytes) -> bytes:
    return hashlib.new("sm3", _z_value(public_xy_hex) + message).digest()


@dataclass(frozen=True)
class PublicKey:
    """An SM2 public key: the uncompressed point as 128 hex digits (x ‖ y)."""

    xy_hex: str

    @classmethod
    def from_pem(cls, pem: str) -> PublicKey:
        body = "".join(line for line in pem.strip().splitlines() if not line.startswith("-----"))
        try:
            spki = DerSequence().decode(base64.b64decode(body))
            algorithm = DerSequence().decode(cast(bytes, spki[0]))
            curve = DerObjectId().decode(cast(bytes, algorithm[1])).value
            point = DerBitString().decode(cast(bytes, spki[1])).value
        except (ValueError, IndexError, TypeError):
            raise SignatureError("malformed public key") from None
        if curve != OID_SM2:
            raise SignatureError("not an SM2 public key")
        if len(point) != 65 or point[0] != 4:
            raise SignatureError("expected an uncompressed SM2 point")
        return cls(point[1:].hex())

    def der(self) -> bytes:
        algorithm = DerSequence([DerObjectId(OID_EC_PUBLIC_KEY), DerObjectId(OID_SM2)])
        encoded: bytes = DerSequence([algorithm, DerBitString(b"\x04" + bytes.fromhex(self.xy_hex))]).encode()
        return encoded

    def pem(self) -> str:
        b64 = base64.b64encode(self.der()).decode()
        lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
        return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(lines) + "\n-----END PUBLIC KEY-----\n"

    @cached_property
    def fingerprint(self) -> str:
        """SM3 of the DER SubjectPublicKeyInfo, hex."""
        return hashlib.new("sm3", self.der()).hexdigest()

    def verify(self, message: bytes, signature_der: bytes) -> bool:
        """True iff `signature_der` is a valid SM2 signature (default ID) of `message` by this key."""
        try:
            r, s = decode_dss_signature(signature_der)
        except ValueError:
            return False
        if not (0 < r < _N and 0 < s < _N):
            return False
        signer = _crypt(None, self.xy_hex)
        return bool(signer.verify(f"{r:064x}{s:064x}", _e_value(self.xy_hex, message)))


@dataclass(frozen=True)
class PrivateKey:
    d_hex: str

    @classmethod
    def generate(cls) -> PrivateKey:
        return cls(f"{secrets.randbelow(_N - 2) + 1:064x}")  # d in [1, n-2] (GB/T 32918.1)

    @classmethod
    def from_hex(cls, value: str) -> PrivateKey:
        value = value.strip().lower()
        try:
            d = int(value, 16)
        except ValueError:
            raise SignatureError("SM2 private key must be hex") from None
        if len(value) != _HEX_LEN or not 1 <= d <= _N - 2:
            raise SignatureError("SM2 private key must be 64 hex digits in [1, n-2]")
        return cls(value)

    @cached_property
    def public_key(self) -> PublicKey:
        curve = sm2.CryptSM2(private_key=self.d_hex, public_key="")
        return PublicKey(curve._kg(int(self.d_hex, 16), _CURVE["g"]))

    def sign(self, message: bytes) -> bytes:
        """DER signature over SM3(Z ‖ message) with a fresh secret nonce."""
        pub = self.public_key.xy_hex
        signer = _crypt(self.d_hex, pub)
        e = _e_value(pub, message)
        while True:
            k = f"{secrets.randbelow(_N - 1) + 1:064x}"
            rs = signer.sign(e, k)
            if rs:
                return encode_dss_signature(int(rs[:_HEX_LEN], 16), int(rs[_HEX_LEN:], 16))


def _crypt(private_hex: str | None, public_xy_hex: str) -> sm2.CryptSM2:
    """gmssl's SM2 object with the public key exactly as given. Its constructor drops a leading
    "04" with ``str.lstrip("04")``, which also eats the following 0 and 4 digits of a key whose x
    coordinate begins with them (one key in 256): verifying then failed with a TypeError."""
    crypt = sm2.CryptSM2(private_key=private_hex, public_key="")
    crypt.public_key = public_xy_hex
    return crypt


def _write_new_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ledger-key-")
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(PrivateKey.generate().d_hex + "\n")
        os.link(tmp, path)  # atomic, and refuses to replace a key another process just wrote
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)


def load_signing_key() -> PrivateKey:
    """The checkpoint signing key (environment, then key file; generated outside production)."""
    env = os.environ.get("YIWANG_LEDGER_SM2_KEY", "").strip()
    if env:
        return PrivateKey.from_hex(env)
    path = Path(settings.YIWANG_LEDGER_KEY_FILE)
    if not path.exists():
        if not getattr(settings, "YIWANG_LEDGER_KEY_AUTOCREATE", True):
            raise ImproperlyConfigured(
                f"台账签名私钥缺失：请设置环境变量 YIWANG_LEDGER_SM2_KEY 或提供密钥文件 {path}"
            )
        _write_new_key(path)
    return PrivateKey.from_hex(path.read_text())
