"""Events the enforcement module publishes after commit (ENF-10, ENF-30…35, ENF-52).

Subscribers name them as ``yiwang.contracts.enforcement.<ClassName>`` in their manifest. Amounts
travel as strings (``"50000.00"``) so payloads stay plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CaseStatusChanged:
    """A case moved along its kind's transition table."""

    case_id: int
    agency_id: int
    kind: str
    from_status: str
    to_status: str
    action: str


@dataclass(frozen=True)
class ReviewSubmitted:
    """A major decision was (re)submitted for legal review (ENF-31); answer due by `due_on` (ENF-37)."""

    review_id: int
    case_id: int
    agency_id: int
    round: int
    due_on: date


@dataclass(frozen=True)
class ReviewConcluded:
    """A reviewer answered (ENF-33) or the agency head ruled on a disagreement (ENF-34)."""

    review_id: int
    case_id: int
    agency_id: int
    status: str
    outcome: str
    ruling: str = ""


@dataclass(frozen=True)
class DecisionIssued:
    """The agency head made the decision. The publicity part publishes it (ENF-52, ENF-53)."""

    case_id: int
    agency_id: int
    kind: str
    decision_kind: str
    number: str
    decided_on: date
    party_name: str
    party_type: str
    fine_amount: str | None = None


@dataclass(frozen=True)
class DocumentGenerated:
    """A standard document was generated, stored and entered in the ledger."""

    document_id: int
    case_id: int
    kind: str
    format: str
    sha256: str
    sm3: str
    ledger_seq: int
