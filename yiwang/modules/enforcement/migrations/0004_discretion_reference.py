"""Reference data for discretion assistance (ENF-112): the provisions discretion standards cite,
the facts that place a violation in a circumstance band, and the percentage bands of 未批先建
(环境影响评价法 art. 31: 1 %–5 % of the project's total investment).

The bands are demonstration data laid within the statutory ranges; an agency replaces them with the
standards it has published (行政处罚法 art. 34). Rows are matched by natural key, so running the
migration again changes nothing.
"""

from decimal import Decimal

from django.db import migrations

PENALTY_LAW = "《中华人民共和国行政处罚法》"
EP_LAW = "《中华人民共和国环境保护法》"

# (title, article, content)
PROVISIONS = [
    (
        PENALTY_LAW,
        "第三十二条",
        "当事人有下列情形之一，应当从轻或者减轻行政处罚：（一）主动消除或者减轻违法行为危害后果的；"
        "（二）受他人胁迫或者诱骗实施违法行为的；（三）主动供述行政机关尚未掌握的违法行为的；"
        "（四）配合行政机关查处违法行为有立功表现的；（五）法律、法规、规章规定其他应当从轻或者减轻行政处罚的。",
    ),
    (
        PENALTY_LAW,
        "第三十三条第一款",
        "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
    ),
    (
        PENALTY_LAW,
        "第三十四条",
        "行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。",
    ),
    (
        EP_LAW,
        "第五十九条第一款",
        "企业事业单位和其他生产经营者违法排放污染物，受到罚款处罚，被责令改正，拒不改正的，"
        "依法作出处罚决定的行政机关可以自责令改正之日的次日起，按照原处罚数额按日连续处罚。",
    ),
]

FACTORS = {
    "minor": ["初次违法", "危害后果轻微", "及时改正或主动消除、减轻危害后果"],
    "ordinary": ["违法情节一般", "未造成明显环境污染", "责令改正后按期改正"],
    "serious": ["造成环境污染", "被责令改正后拒不改正或两年内再次违法", "违法持续时间较长"],
    "grave": ["造成严重环境污染或生态破坏", "群众反映强烈、造成恶劣社会影响", "多次违法或以逃避监管方式违法"],
}

CITED = {
    "minor": [(PENALTY_LAW, "第三十二条"), (PENALTY_LAW, "第三十三条第一款"), (PENALTY_LAW, "第三十四条")],
    "ordinary": [(PENALTY_LAW, "第三十四条")],
    "serious": [(PENALTY_LAW, "第三十四条"), (EP_LAW, "第五十九条第一款")],
    "grave": [(PENALTY_LAW, "第三十四条"), (EP_LAW, "第五十九条第一款")],
}

EIA_BANDS = [
    ("minor", "初次违法、建设内容较少并主动停止建设、及时补办手续", Decimal("1.00"), Decimal("1.50")),
    ("ordinary", "已开工建设，未造成明显环境影响", Decimal("1.50"), Decimal("2.50")),
    ("serious", "主体工程基本建成或被责令停止建设后仍继续建设", Decimal("2.50"), Decimal("4.00")),
    ("grave", "已投入生产造成环境污染，或位于生态保护红线、饮用水水源保护区等敏感区域", Decimal("4.00"), Decimal("5.00")),
]
EIA_BASE = "建设项目总投资额"
BASIS = "生态环境行政处罚裁量基准（演示数据，以本机关公布的基准为准）"


def add_reference(apps, schema_editor):
    LegalProvision = apps.get_model("enforcement", "LegalProvision")
    ViolationType = apps.get_model("enforcement", "ViolationType")
    DiscretionStandard = apps.get_model("enforcement", "DiscretionStandard")
    EnforcementDomain = apps.get_model("people", "EnforcementDomain")
    ecology = EnforcementDomain.objects.filter(code="ecology").first()
    for title, article, content in PROVISIONS:
        LegalProvision.objects.update_or_create(
            title=title, article=article, defaults={"content": content, "domain": ecology}
        )
    cited = {
        c: [LegalProvision.objects.get(title=t, article=a) for t, a in pairs] for c, pairs in CITED.items()
    }
    eia = ViolationType.objects.filter(code="eia_unapproved").first()
    if eia is not None:
        for circumstance, text, lo, hi in EIA_BANDS:
            DiscretionStandard.objects.update_or_create(
                violation_type=eia,
                circumstance=circumstance,
                agency=None,
                defaults={
                    "description": text,
                    "method": "percent",
                    "fine_min": None,
                    "fine_max": None,
                    "percent_min": lo,
                    "percent_max": hi,
                    "base_label": EIA_BASE,
                    "basis": BASIS,
                },
            )
    for standard in DiscretionStandard.objects.filter(agency=None):
        if not standard.factors:
            standard.factors = FACTORS.get(standard.circumstance, [])
            standard.save(update_fields=["factors"])
        standard.provisions.add(*cited.get(standard.circumstance, []))


def remove_reference(apps, schema_editor):
    LegalProvision = apps.get_model("enforcement", "LegalProvision")
    DiscretionStandard = apps.get_model("enforcement", "DiscretionStandard")
    DiscretionStandard.objects.filter(method="percent", agency=None, decisions__isnull=True).delete()
    DiscretionStandard.objects.filter(method="percent").update(method="amount", fine_min=0, fine_max=0)
    for title, article, _ in PROVISIONS:
        LegalProvision.objects.filter(
            title=title, article=article, decisions__isnull=True, violation_types_violated__isnull=True
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0003_discretion_standard_ranges"),
    ]

    operations = [migrations.RunPython(add_reference, remove_reference)]
