"""The vocabulary of the transition tables: actions (with label and permission) and guards.

An action code means the same thing wherever it appears (``"submit_review"`` from any status is
提交法制审核 and needs ``enforcement.submit_case``). A guard names a rule check the service runs
before the transition, with the rule id (or statute) it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    """An action code with its Chinese label and the permission codename it needs."""

    code: str
    label: str
    permission: str


@dataclass(frozen=True)
class Guard:
    """A named rule check a service runs before a transition; `source` is the rule id or statute."""

    name: str
    source: str
    description: str


def _actions(*rows: tuple[str, str, str]) -> dict[str, Action]:
    return {code: Action(code, label, f"enforcement.{verb}_case") for code, label, verb in rows}


ACTIONS: dict[str, Action] = _actions(
    # case actions
    ("file", "提请立案", "file"),
    ("approve_filing", "负责人批准立案", "approve"),
    ("reject_filing", "负责人决定不予立案", "approve"),
    ("start_investigation", "开始调查取证", "investigate"),
    ("finish_investigation", "调查终结", "investigate"),
    ("submit_case_review", "提交案件审查", "investigate"),
    ("return_for_investigation", "退回补充调查", "examine"),
    ("return_for_examination", "退回重新审查", "examine"),
    ("issue_notice", "送达事先告知书", "notify"),
    ("request_hearing", "当事人申请听证", "hear"),
    ("close_statements", "陈述申辩结束", "hear"),
    ("start_hearing", "举行听证", "hear"),
    ("finish_hearing", "听证结束", "hear"),
    ("submit_review", "提交法制审核", "submit"),
    ("complete_review", "法制审核完成", "submit"),
    ("submit_discussion", "提交集体讨论", "submit"),
    ("finish_discussion", "集体讨论决定", "discuss"),
    ("submit_decision", "报请负责人决定", "submit"),
    ("decide", "负责人批准作出决定", "decide"),
    ("decide_no_penalty", "决定不予行政处罚", "decide"),
    ("withdraw_filing", "撤销立案", "approve"),
    ("terminate", "终止办理", "approve"),
    ("transfer_to_judiciary", "移送司法机关", "transfer"),
    ("deliver", "送达", "deliver"),
    ("record_performance", "当事人履行完毕", "execute"),
    ("apply_court_enforcement", "申请人民法院强制执行", "execute"),
    ("finish_enforcement", "强制执行完毕", "execute"),
    ("close", "结案", "close"),
    ("archive", "归档", "archive"),
    # coercion
    ("impose_measure", "负责人批准，实施查封、扣押", "decide"),
    ("lift_measure", "解除查封、扣押", "execute"),
    ("dispose_items", "依法处理查封、扣押财物", "execute"),
    ("issue_reminder", "催告当事人履行", "notify"),
    ("decide_enforcement", "作出强制执行决定", "decide"),
    ("decide_substitute", "作出代履行决定", "decide"),
    ("enforce", "实施强制执行", "execute"),
    ("perform_substitute", "实施代履行", "execute"),
    ("collect_costs", "收取代履行费用", "execute"),
    # inspection
    ("start_inspection", "实施现场检查", "inspect"),
    ("record_findings", "制作现场检查笔录", "inspect"),
    ("no_problem", "未发现违法问题", "inspect"),
    ("order_correction", "责令限期改正", "inspect"),
    ("recheck_passed", "复查合格", "inspect"),
    ("refer_for_penalty", "移送立案查处", "inspect"),
    # permit
    ("accept", "受理", "accept"),
    ("request_supplement", "一次性告知补正材料", "accept"),
    ("reject_application", "不予受理", "accept"),
    ("withdraw_application", "申请人撤回申请", "accept"),
    ("grant", "准予行政许可", "decide"),
    ("refuse", "不予行政许可", "decide"),
    # levy
    ("notify_party", "告知当事人", "notify"),
    ("assess", "调查核定", "investigate"),
    # legal review (REVIEW_TRANSITIONS)
    ("pass", "审核通过", "review"),
    ("return", "退回补正", "review"),
    ("reject", "审核不通过", "review"),
    ("resubmit", "补正后重新送审", "submit"),
    ("object", "承办机构提出异议", "submit"),
    ("settle", "协商一致，重新审核", "review"),
    ("escalate", "协商不成，报请负责人决定", "submit"),
    ("rule_proceed", "负责人决定：采纳承办机构意见", "decide"),
    ("rule_uphold", "负责人决定：维持审核意见", "decide"),
    ("withdraw", "撤回送审", "submit"),
)


def _guards(*rows: tuple[str, str, str]) -> dict[str, Guard]:
    return {name: Guard(name, source, text) for name, source, text in rows}


GUARDS: dict[str, Guard] = _guards(
    ("two_certified_officers", "ENF-11", "至少两名执法人员，各持有效且执法领域相符的执法证"),
    ("certificates_shown", "ENF-11", "检查开始时已出示执法证件"),
    ("no_conflict_of_interest", "ENF-12", "与案件有利害关系的执法人员已回避"),
    ("reasons_recorded", "ENF-10", "已写明理由和依据"),
    ("investigation_report_present", "ENF-10", "已形成调查终结报告"),
    ("draft_decision_present", "ENF-31", "已拟定处理意见（拟作出的决定）"),
    ("notice_content_complete", "ENF-13", "告知书载明事实、理由、依据、拟处罚内容及陈述、申辩、听证权利"),
    (
        "hearing_requested_in_time",
        "ENF-10",
        "当事人在告知后五个工作日内申请听证（行政处罚法第六十四条、第八十五条）",
    ),
    ("statement_period_ended", "ENF-10", "陈述申辩期限已届满或当事人已陈述申辩、放弃权利"),
    ("hearing_notice_given", "ENF-10", "已告知申请人、利害关系人听证权利并通知听证时间地点"),
    ("hearing_record_signed", "ENF-10", "听证笔录经当事人审核签字或盖章"),
    ("review_submission_complete", "ENF-31", "调查终结、已拟定决定意见、送审材料齐全"),
    ("review_passed", "ENF-35", "法制审核已通过（或机关负责人已决定采纳承办机构意见）"),
    ("review_passed_if_required", "ENF-35", "属于法制审核目录的，法制审核已通过"),
    ("review_not_pending", "ENF-33", "法制审核已撤回或已终结"),
    (
        "discussion_held_if_required",
        "ENF-10",
        "情节复杂或重大违法行为已经负责人集体讨论（行政处罚法第五十七条）",
    ),
    ("discussion_record_signed", "ENF-72", "集体讨论记录已形成并经参加人签名"),
    ("advance_notice_given", "ENF-13", "作出处罚决定前已告知当事人"),
    ("amount_within_legal_range", "ENF-10", "处罚金额不为负数且不超过所引依据规定的上限"),
    ("delivery_not_before_decision", "ENF-14", "送达日期不早于决定日期"),
    ("payment_deadline_passed", "ENF-15", "履行期限已届满而当事人未履行"),
    ("court_application_window_open", "ENF-15", "在申请人民法院强制执行的期限内（行政强制法第五十三条）"),
    ("transfer_approved_by_head", "ENF-32", "移送涉嫌犯罪案件经机关负责人批准"),
    ("transfer_receipt_recorded", "ENF-70", "已取得司法机关接收移送的回执"),
    ("closing_report_approved", "ENF-70", "结案报告已经批准"),
    ("case_file_complete", "ENF-70", "案卷材料齐全，可回溯"),
    ("obligation_unperformed", "ENF-15", "行政决定已生效，当事人在期限内未履行（行政强制法第三十四条）"),
    (
        "reminder_period_elapsed",
        "ENF-15",
        "催告书送达已满十个工作日仍未履行（行政强制法第三十五条至第三十七条、第五十四条）",
    ),
    ("decision_delivered", "ENF-14", "强制执行决定或代履行决定已送达当事人（行政强制法第三十八条）"),
    ("substitute_reminder_given", "ENF-15", "代履行三日前已催告当事人履行（行政强制法第五十一条）"),
    ("costs_determined", "ENF-15", "代履行费用已按成本合理确定（行政强制法第五十一条）"),
    ("inspection_record_signed", "ENF-72", "现场检查笔录经当事人签字确认，或已注明拒签情况"),
    ("recheck_recorded", "ENF-70", "已制作复查记录"),
    ("materials_complete", "ENF-10", "申请材料齐全、符合法定形式（行政许可法第三十二条）"),
    # legal review
    ("checklist_complete", "ENF-32", "审核要点已逐项作出结论"),
    ("objection_reasons_stated", "ENF-34", "承办机构已列明异议理由和依据"),
    ("both_opinions_attached", "ENF-34", "审核机构与承办机构双方意见一并报送"),
)
