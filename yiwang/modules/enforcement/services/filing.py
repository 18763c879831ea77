"""Filing and investigation (ENF-10…12, ENF-113): register a case with its number and party, the
head's filing approval, officers with certificates, withdrawal, investigation records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from yiwang.kernel.access import require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.modules.settings import require_active
from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.people.models import EnforcementCertificate, EnforcementDomain, Person

from .. import rules
from ..documents import format_case_number
from ..models import (
    Case,
    CaseCounter,
    CaseDeadline,
    CaseOfficer,
    CaseSource,
    DeadlineKind,
    Evidence,
    EvidenceKind,
    Inquiry,
    Inspection,
    Party,
    RaisedBy,
    ViolationType,
    Withdrawal,
)
from ..rules import raise_problems
from ..workflow import START, Kind
from . import common
from .guards import GuardContext, check_guards, officer_problems
from .inputs import IntervieweeInput, PartyInput, text

FILE = "enforcement.file_case"
# Who assigns officers and records investigation steps, by kind.
INVESTIGATE = {
    Kind.PENALTY: "enforcement.investigate_case",
    Kind.COERCION: "enforcement.investigate_case",
    Kind.LEVY: "enforcement.investigate_case",
    Kind.INSPECTION: "enforcement.inspect_case",
    Kind.PERMIT: "enforcement.accept_case",
}
# Penalty statuses in which investigation records are made (ENF-10 调查取证).
INVESTIGATING = frozenset({"investigating", "filed"})


def _next_number(agency: Organization, kind: str, year: int, template: str) -> tuple[int, str]:
    """The next serial of `kind` at `agency` in `year`, under a lock on the counter row."""
    CaseCounter.objects.get_or_create(agency=agency, year=year, series=kind)
    counter = CaseCounter.objects.select_for_update().get(agency=agency, year=year, series=kind)
    serial = counter.last + 1
    while Case.objects.filter(agency=agency, kind=kind, year=year, serial=serial).exists():
        serial += 1  # a number taken by an import or a correction stays taken
    counter.last = serial
    counter.save(update_fields=["last"])
    return serial, format_case_number(template, year, serial)


def _domain(domain: EnforcementDomain | str | None, violation: ViolationType | None) -> EnforcementDomain:
    if violation is not None:
        return violation.domain
    code = domain.code if isinstance(domain, EnforcementDomain) else (domain or "")
    found = EnforcementDomain.objects.filter(code=code, active=True).first()
    if found is None:
        raise DomainError("domain_required", "请选择案件所属的执法领域", "domain")
    return found


@common.idempotent("case_file")
@transaction.atomic
def case_file(
    *,
    actor: Person | None,
    unit: Organization,
    kind: str,
    title: str,
    party: PartyInput,
    domain: EnforcementDomain | str | None = None,
    violation_type: ViolationType | None = None,
    source: str = CaseSource.INSPECTION,
    place: str = "",
    occurred_at: datetime | None = None,
    found_on: date | None = None,
    summary: str = "",
    legal_basis: str = "",
    opinion: str = "",
    major_public_interest: bool = False,
    major_social_risk: bool = False,
    major_rights: bool = False,
    complex_case: bool = False,
    ordinary_procedure: bool = True,
    on: date | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """Register a case at `unit` (its agency is the body above it) with the next number of the
    year; a penalty case goes straight to the head for filing approval (ENF-10 立案审批). The
    agency must have enabled the enforcement module (`module_not_enabled`)."""
    require(actor, FILE, unit)
    agency = unit.body()
    require_active("enforcement", agency)
    if kind not in Kind.values:
        raise DomainError("kind_invalid", f"执法类别“{kind}”无效", "kind")
    day = common.act_date(on)
    clean_title = text(title, "title", "案由", max_length=200)
    clean_party = party.cleaned()
    the_domain = _domain(domain, violation_type)
    if source not in CaseSource.values:
        raise DomainError("source_invalid", f"案件来源“{source}”无效", "source")
    if found_on is not None and found_on > day:
        raise DomainError("date_in_future", "发现日期不能晚于登记日期", "found_on")
    if occurred_at is not None and occurred_at > timezone.now():
        raise DomainError("date_in_future", "违法时间不能晚于现在", "occurred_at")
    clean_place = text(place, "place", "违法地点", max_length=200, required=False)
    template = common.settings_of(agency).number_template(kind)
    format_case_number(template, day.year, 1)  # a bad template is refused before any write
    serial, number = _next_number(agency, kind, day.year, template)
    case = Case.objects.create(
        agency=agency,
        unit=unit,
        kind=kind,
        status=START[Kind(kind)],
        number=number,
        year=day.year,
        serial=serial,
        title=clean_title,
        source=source,
        violation_type=violation_type,
        domain=the_domain,
        place=clean_place,
        occurred_at=occurred_at,
        found_on=found_on,
        summary=summary.strip(),
        legal_basis=legal_basis.strip(),
        party_name=clean_party.name,
        major_public_interest=major_public_interest,
        major_social_risk=major_social_risk,
        major_rights=major_rights,
        complex_case=complex_case,
        ordinary_procedure=ordinary_procedure,
        filed_at=common.happened_at(day),
        created_by=actor,
    )
    Party.objects.create(case=case, is_primary=True, **clean_party.__dict__)
    common.write_step(
        actor=actor,
        case=case,
        action="registered",
        label="登记案件",
        after=case.as_ledger(),
        to_status=case.status,
        note=opinion,
        on=day,
    )
    if kind == Kind.PENALTY:
        t = common.plan(actor, case, "file")
        common.apply(actor=actor, case=case, transition=t, note=opinion or "建议立案调查。", on=day)
    return case


@common.idempotent("case_approve_filing")
@transaction.atomic
def case_approve_filing(
    *,
    actor: Person | None,
    case: Case,
    approve: bool,
    opinion: str = "",
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """ENF-10: the agency head approves filing (立案) or decides not to file, with reasons."""
    action = "approve_filing" if approve else "reject_filing"
    common.require_action(actor, action, case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, action)
    day = common.act_date(on)
    reasons = opinion.strip()
    check_guards(case, t, GuardContext(on=day, actor=actor, reasons=reasons))
    fields: tuple[str, ...] = ()
    if approve:
        case.filed_on = day
        fields = ("filed_on",)
    else:
        case.reasons = reasons
        fields = ("reasons",)
    common.apply(actor=actor, case=case, transition=t, note=reasons or "同意立案。", fields=fields, on=day)
    return case


def _certificate_deadline(case: Case, officer: CaseOfficer, warn_days: int) -> CaseDeadline:
    d = rules.certificate_deadline(officer.valid_from, officer.valid_to, warn_days=warn_days)
    return CaseDeadline.from_rule(
        d,
        case=case,
        kind=DeadlineKind.CERTIFICATE,
        officer=officer,
        label=f"{officer.name} 执法证 {officer.certificate_number}",
    )


@common.idempotent("case_assign_officers")
@transaction.atomic
def case_assign_officers(
    *,
    actor: Person | None,
    case: Case,
    certificates: Sequence[EnforcementCertificate],
    lead: EnforcementCertificate | None = None,
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> list[CaseOfficer]:
    """ENF-11, ENF-113: the officers handling the case, by the certificates they show — at least two,
    each valid on the day and covering the case's domain; an expired one is refused. Officers not
    listed any more leave the case (their reminders are cancelled)."""
    require(actor, INVESTIGATE[Kind(case.kind)], case)
    case = common.locked(case, expected_status=expected_status)
    common.refuse_if_closed(case)
    day = common.act_date(on)
    certs = list(
        EnforcementCertificate.objects.filter(pk__in=[c.pk for c in certificates]).select_related(
            "holder", "domain", "organization"
        )
    )
    for cert in certs:
        if not cert.organization.path.startswith(case.agency.path):
            raise DomainError(
                "officer_outside_agency",
                f"执法证 {cert.number}（{cert.holder}）不属于{case.agency}，不能承办本案",
                "officers",
            )
        if not cert.holder.active:
            raise DomainError("officer_inactive", f"{cert.holder}已不在职，不能承办本案", "officers")
    holders = [c.holder_id for c in certs]
    if len(set(holders)) != len(holders):
        raise DomainError("officer_duplicate", "同一执法人员只能以一本执法证承办本案", "officers")
    candidates = [
        CaseOfficer(
            case=case,
            person=c.holder,
            certificate=c,
            name=c.holder.name,
            certificate_number=c.number,
            domain_code=c.domain.code,
            domain_label=c.domain.label,
            valid_from=c.valid_from,
            valid_to=c.valid_to,
            lead=lead is not None and c.pk == lead.pk,
        )
        for c in certs
    ]
    raise_problems(officer_problems(case, candidates, day))
    current = {o.certificate_id: o for o in CaseOfficer.objects.filter(case=case, removed_at__isnull=True)}
    wanted = {c.pk for c in certs}
    now = timezone.now()
    for cert_id, officer in current.items():
        if cert_id not in wanted:
            officer.removed_at = now
            officer.removed_reason = "调整承办人员"
            officer.save(update_fields=["removed_at", "removed_reason"])
            CaseDeadline.objects.filter(officer=officer, satisfied_on__isnull=True).update(cancelled_at=now)
    warn = common.settings_of(case).certificate_warn_days
    result: list[CaseOfficer] = []
    for candidate in candidates:
        existing = current.get(candidate.certificate_id)
        if existing is not None:
            if existing.lead != candidate.lead:
                existing.lead = candidate.lead
                existing.save(update_fields=["lead"])
            result.append(existing)
            continue
        candidate.assigned_by = actor
        candidate.save()
        _certificate_deadline(case, candidate, warn).save()
        result.append(candidate)
    common.write_step(
        actor=actor,
        case=case,
        action="officers_assigned",
        label="指派承办执法人员",
        after={"officers": [{"name": o.name, "certificate": o.certificate_number} for o in result]},
        note="、".join(str(o) for o in result),
        on=day,
    )
    return result


@common.idempotent("withdrawal_request")
@transaction.atomic
def withdrawal_request(
    *,
    actor: Person | None,
    case: Case,
    officer: CaseOfficer,
    reason: str,
    raised_by: str = RaisedBy.OFFICER,
    note: str = "",
    idempotency_key: str | None = None,
) -> Withdrawal:
    """ENF-12: an officer declares, or the party raises, an interest in the case; the head decides."""
    require(actor, INVESTIGATE[Kind(case.kind)], case)
    case = common.locked(case)
    common.refuse_if_closed(case)
    if officer.case_id != case.pk or officer.removed_at is not None:
        raise DomainError("officer_not_on_case", f"{officer.name}不是本案承办人员", "officer")
    if reason not in rules.WithdrawalReason.values:
        raise DomainError("withdrawal_reason_invalid", f"回避事由“{reason}”无效", "reason")
    if raised_by not in RaisedBy.values:
        raise DomainError("raised_by_invalid", f"提出方式“{raised_by}”无效", "raised_by")
    if Withdrawal.objects.filter(officer=officer, approved__isnull=True).exists():
        raise DomainError("withdrawal_pending", f"{officer.name}的回避申请尚待决定", "officer")
    w = Withdrawal.objects.create(
        case=case, officer=officer, reason=reason, raised_by=raised_by, note=note.strip(), requested_by=actor
    )
    common.write_step(
        actor=actor,
        case=case,
        action="withdrawal_requested",
        label=f"{officer.name}回避申请（{w.get_reason_display()}）",
        subject=w,
        after={"officer": officer.name, "reason": reason, "raised_by": raised_by},
        note=note,
    )
    return w


@common.idempotent("withdrawal_decide")
@transaction.atomic
def withdrawal_decide(
    *,
    actor: Person | None,
    withdrawal: Withdrawal,
    approved: bool,
    note: str = "",
    idempotency_key: str | None = None,
) -> Withdrawal:
    """ENF-12: the agency head decides (行政处罚法 art. 43); an officer who withdraws leaves the case."""
    case = withdrawal.case
    require(actor, "enforcement.approve_case", case)
    case = common.locked(case)
    withdrawal = Withdrawal.objects.select_for_update().get(pk=withdrawal.pk)
    if withdrawal.approved is not None:
        raise DomainError("withdrawal_decided", "该回避申请已作出决定", "withdrawal")
    if not approved and not note.strip():
        raise DomainError("reasons_missing", "决定不予回避的，须写明理由", "note")
    now = timezone.now()
    withdrawal.approved = approved
    withdrawal.decided_at = now
    withdrawal.decided_by = actor
    withdrawal.decision_note = note.strip()
    withdrawal.save(update_fields=["approved", "decided_at", "decided_by", "decision_note"])
    officer = withdrawal.officer
    if approved:
        officer.removed_at = now
        officer.removed_reason = "回避"
        officer.save(update_fields=["removed_at", "removed_reason"])
        CaseDeadline.objects.filter(officer=officer, satisfied_on__isnull=True).update(cancelled_at=now)
    common.write_step(
        actor=actor,
        case=case,
        action="withdrawal_decided",
        label=f"决定{officer.name}{'回避' if approved else '不予回避'}",
        subject=withdrawal,
        after={"approved": approved},
        note=note,
    )
    return withdrawal


def _investigating(case: Case) -> None:
    common.refuse_if_closed(case)
    if case.kind == Kind.PENALTY and case.status not in INVESTIGATING:
        raise DomainError("not_investigating", f"案件当前为“{case.status_label}”，不在调查取证阶段", "status")


@common.idempotent("evidence_add")
@transaction.atomic
def evidence_add(
    *,
    actor: Person | None,
    case: Case,
    kind: str,
    title: str,
    collected_on: date,
    description: str = "",
    collected_by: str = "",
    place: str = "",
    pages: int = 1,
    idempotency_key: str | None = None,
) -> Evidence:
    """File a piece of evidence to the case (ENF-70)."""
    require(actor, INVESTIGATE[Kind(case.kind)], case)
    case = common.locked(case)
    _investigating(case)
    if kind not in EvidenceKind.values:
        raise DomainError("evidence_kind_invalid", f"证据种类“{kind}”无效", "kind")
    day = common.act_date(collected_on, "collected_on")
    if pages < 1:
        raise DomainError("pages_invalid", "页数/件数至少为1", "pages")
    ev = Evidence.objects.create(
        case=case,
        kind=kind,
        title=text(title, "title", "证据名称", max_length=200),
        description=description.strip(),
        collected_on=day,
        collected_by=collected_by.strip()[:200],
        place=place.strip()[:200],
        pages=pages,
    )
    common.write_step(
        actor=actor,
        case=case,
        action="evidence_added",
        label=f"登记证据：{ev.title}",
        subject=ev,
        after={"kind": kind},
        on=day,
    )
    return ev


def _officers_on_case(case: Case, officers: Sequence[CaseOfficer], field: str) -> list[CaseOfficer]:
    ids = {o.pk for o in officers}
    found = list(CaseOfficer.objects.filter(case=case, removed_at__isnull=True, pk__in=ids))
    if len(found) != len(ids):
        raise DomainError("officer_not_on_case", "所列执法人员须为本案承办人员", field)
    if len(found) < 2:
        raise DomainError(
            "officers_too_few",
            f"调查取证、检查须由至少2名执法人员进行，当前仅{len(found)}名（ENF-11）",
            field,
        )
    return found


def _times(started_at: datetime, ended_at: datetime) -> None:
    if ended_at < started_at:
        raise DomainError("times_reversed", "结束时间不能早于开始时间", "ended_at")
    if started_at > timezone.now() + timedelta(minutes=5):
        raise DomainError("date_in_future", "开始时间不能晚于现在", "started_at")


@common.idempotent("inquiry_record")
@transaction.atomic
def inquiry_record(
    *,
    actor: Person | None,
    case: Case,
    started_at: datetime,
    ended_at: datetime,
    place: str,
    inquirers: Sequence[CaseOfficer],
    recorder: str,
    interviewee: IntervieweeInput,
    qas: Sequence[tuple[str, str]],
    relation: str = "当事人",
    withdrawal_answer: str = "不申请。",
    idempotency_key: str | None = None,
) -> Inquiry:
    """询问笔录 (ENF-72): two officers at least (ENF-11), the questions and answers as given."""
    require(actor, INVESTIGATE[Kind(case.kind)], case)
    case = common.locked(case)
    _investigating(case)
    _times(started_at, ended_at)
    officers = _officers_on_case(case, inquirers, "inquirers")
    name = text(interviewee.name, "interviewee.name", "被询问人姓名", max_length=100)
    id_number = "".join(interviewee.id_number.split()).upper()
    if id_number:
        raise_problems(
            [
                rules.Problem(p.code, p.message, "interviewee.id_number")
                for p in rules.party_identifier_problems(rules.PartyType.PERSON, id_number)
            ]
        )
    pairs = [(q.strip(), a.strip()) for q, a in qas if q.strip()]
    if not pairs:
        raise DomainError("qas_missing", "询问笔录须记录问答内容", "qas")
    inquiry = Inquiry.objects.create(
        case=case,
        started_at=started_at,
        ended_at=ended_at,
        place=text(place, "place", "询问地点", max_length=200),
        recorder=text(recorder, "recorder", "记录人", max_length=100),
        interviewee_name=name,
        interviewee_gender=interviewee.gender.strip()[:4],
        interviewee_id_number=id_number,
        interviewee_employer=interviewee.employer.strip()[:200],
        interviewee_position=interviewee.position.strip()[:100],
        interviewee_phone=interviewee.phone.strip()[:40],
        interviewee_address=interviewee.address.strip()[:300],
        relation=relation.strip()[:40] or "当事人",
        withdrawal_answer=withdrawal_answer.strip()[:100],
        qas=[{"question": q, "answer": a} for q, a in pairs],
    )
    inquiry.inquirers.set(officers)
    common.write_step(
        actor=actor,
        case=case,
        action="inquiry_recorded",
        label=f"制作询问笔录（{name}）",
        subject=inquiry,
        on=timezone.localdate(started_at),
    )
    return inquiry


@common.idempotent("inspection_record")
@transaction.atomic
def inspection_record(
    *,
    actor: Person | None,
    case: Case,
    started_at: datetime,
    ended_at: datetime,
    place: str,
    inspectors: Sequence[CaseOfficer],
    recorder: str,
    present_person: str,
    findings: str,
    present_position: str = "",
    evidence_taken: Sequence[str] = (),
    witness: str = "",
    certificates_shown: bool = True,
    party_signed: bool = True,
    refusal_note: str = "",
    withdrawal_answer: str = "不申请",
    idempotency_key: str | None = None,
) -> Inspection:
    """现场检查（勘验）笔录 (ENF-72), certificates shown at the start (ENF-11)."""
    require(actor, INVESTIGATE[Kind(case.kind)], case)
    case = common.locked(case)
    common.refuse_if_closed(case)
    if case.kind == Kind.PENALTY:
        _investigating(case)
    _times(started_at, ended_at)
    officers = _officers_on_case(case, inspectors, "inspectors")
    if not certificates_shown:
        raise DomainError(
            "certificates_not_shown", "现场检查须首先出示执法证件（ENF-11）", "certificates_shown"
        )
    if not party_signed and not refusal_note.strip():
        raise DomainError("inspection_record_unsigned", "当事人未签字的，须注明拒签情况", "refusal_note")
    inspection = Inspection.objects.create(
        case=case,
        started_at=started_at,
        ended_at=ended_at,
        place=text(place, "place", "检查地点", max_length=200),
        present_person=text(present_person, "present_person", "现场负责人", max_length=100),
        present_position=present_position.strip()[:100],
        recorder=text(recorder, "recorder", "记录人", max_length=100),
        withdrawal_answer=withdrawal_answer.strip()[:100],
        certificates_shown=certificates_shown,
        findings=text(findings, "findings", "现场检查情况"),
        evidence_taken=[e.strip() for e in evidence_taken if e.strip()],
        witness=witness.strip()[:100],
        party_signed=party_signed,
        refusal_note=refusal_note.strip()[:200],
    )
    inspection.inspectors.set(officers)
    common.write_step(
        actor=actor,
        case=case,
        action="inspection_recorded",
        label="制作现场检查笔录",
        subject=inspection,
        on=timezone.localdate(started_at),
    )
    return inspection


@common.idempotent("case_finish_investigation")
@transaction.atomic
def case_finish_investigation(
    *,
    actor: Person | None,
    case: Case,
    report: str,
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """ENF-10 调查终结, with the investigation report."""
    common.require_action(actor, "finish_investigation", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "finish_investigation")
    day = common.act_date(on)
    check_guards(case, t, GuardContext(on=day, actor=actor, report=report))
    case.investigation_report = report.strip()
    common.apply(actor=actor, case=case, transition=t, fields=("investigation_report",), on=day)
    return case
