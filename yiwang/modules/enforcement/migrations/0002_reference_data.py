"""Reference data: environmental provisions with their fine ranges, violation types, and discretion
standards by circumstance.

The provisions and ranges are those of the statutes as in force (大气污染防治法 2018, 水污染防治法
2017, 固体废物污染环境防治法 2020, 环境影响评价法 2018, 噪声污染防治法 2021, 排污许可管理条例 2021,
建设项目环境保护管理条例 2017). The discretion standards are demonstration data laid within those
ranges; an agency replaces them with the standards it has published. Rows are matched by natural
key, so running the migration again changes nothing.
"""

from decimal import Decimal

from django.db import migrations

AIR = "《中华人民共和国大气污染防治法》"
WATER = "《中华人民共和国水污染防治法》"
WASTE = "《中华人民共和国固体废物污染环境防治法》"
EIA = "《中华人民共和国环境影响评价法》"
NOISE = "《中华人民共和国噪声污染防治法》"
PERMIT = "《排污许可管理条例》"
PROJECT = "《建设项目环境保护管理条例》"

W = 10000  # 万

# (title, article, content, fine_min, fine_max) — None: no fixed bound in yuan
PROVISIONS = [
    (AIR, "第十八条", "向大气排放污染物的，应当符合大气污染物排放标准，遵守重点大气污染物排放总量控制要求。", None, None),
    (AIR, "第二十条第二款", "禁止通过偷排、篡改或者伪造监测数据、以逃避现场检查为目的的临时停产、非紧急情况下开启应急排放通道、不正常运行大气污染防治设施等逃避监管的方式排放大气污染物。", None, None),
    (AIR, "第四十八条第一款", "钢铁、建材、有色金属、石油、化工等企业生产过程中排放粉尘、硫化物和氮氧化物的，应当加强精细化管理，采取集中收集处理等措施，严格控制粉尘和气态污染物的排放。", None, None),
    (AIR, "第八十一条第一款", "排放油烟的餐饮服务业经营者应当安装油烟净化设施并保持正常使用，或者采取其他油烟净化措施，使油烟达标排放。", None, None),
    (AIR, "第九十九条第二项", "超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的，责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款。", 10 * W, 100 * W),
    (AIR, "第九十九条第三项", "通过逃避监管的方式排放大气污染物的，责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款。", 10 * W, 100 * W),
    (AIR, "第一百零八条第五项", "钢铁、建材、有色金属、石油、化工、制药、矿产开采等企业，未采取集中收集处理、密闭、围挡、遮盖、清扫、洒水等措施，控制、减少粉尘和气态污染物排放的，责令改正，处二万元以上二十万元以下的罚款。", 2 * W, 20 * W),
    (AIR, "第一百一十八条第一款", "排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟的，责令改正，处五千元以上五万元以下的罚款。", 5000, 5 * W),
    (WATER, "第十条", "排放水污染物，不得超过国家或者地方规定的水污染物排放标准和重点水污染物排放总量控制指标。", None, None),
    (WATER, "第三十九条", "禁止利用渗井、渗坑、裂隙、溶洞，私设暗管，篡改、伪造监测数据，或者不正常运行水污染防治设施等逃避监管的方式排放水污染物。", None, None),
    (WATER, "第八十三条第二项", "超过水污染物排放标准或者超过重点水污染物排放总量控制指标排放水污染物的，责令改正或者责令限制生产、停产整治，并处十万元以上一百万元以下的罚款。", 10 * W, 100 * W),
    (WATER, "第八十三条第三项", "利用渗井、渗坑、裂隙、溶洞，私设暗管，篡改、伪造监测数据，或者不正常运行水污染防治设施等逃避监管的方式排放水污染物的，责令改正或者责令限制生产、停产整治，并处十万元以上一百万元以下的罚款。", 10 * W, 100 * W),
    (WASTE, "第七十七条第一款", "对危险废物的容器和包装物以及收集、贮存、运输、利用、处置危险废物的设施、场所，应当按照规定设置危险废物识别标志。", None, None),
    (WASTE, "第八十二条第一款", "转移危险废物的，应当按照国家有关规定填写、运行危险废物电子或者纸质转移联单。", None, None),
    (WASTE, "第一百一十二条第一款第一项", "未按照规定设置危险废物识别标志的，责令改正，处十万元以上一百万元以下的罚款，没收违法所得。", 10 * W, 100 * W),
    (WASTE, "第一百一十二条第一款第五项", "未按照国家有关规定填写、运行危险废物转移联单或者未经批准擅自转移危险废物的，责令改正，处十万元以上一百万元以下的罚款，没收违法所得。", 10 * W, 100 * W),
    (EIA, "第二十五条", "建设项目的环境影响评价文件未依法经审批部门审查或者审查后未予批准的，建设单位不得开工建设。", None, None),
    (EIA, "第三十一条第一款", "建设单位未依法报批建设项目环境影响报告书、报告表，擅自开工建设的，责令停止建设，根据违法情节和危害后果，处建设项目总投资额百分之一以上百分之五以下的罚款，并可以责令恢复原状。", None, None),
    (NOISE, "第四十三条第一款", "在噪声敏感建筑物集中区域，禁止夜间进行产生噪声的建筑施工作业，但抢修、抢险施工作业，因生产工艺要求或者其他特殊需要必须连续施工作业的除外。", None, None),
    (NOISE, "第七十七条第一款第二项", "未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业的，责令改正，处一万元以上十万元以下的罚款。", 1 * W, 10 * W),
    (PERMIT, "第二条第一款", "依照法律规定实行排污许可管理的企业事业单位和其他生产经营者，应当依照本条例规定申请取得排污许可证；未取得排污许可证的，不得排放污染物。", None, None),
    (PERMIT, "第三十三条第一项", "未取得排污许可证排放污染物的，责令改正或者限制生产、停产整治，处二十万元以上一百万元以下的罚款。", 20 * W, 100 * W),
    (PROJECT, "第十九条第一款", "编制环境影响报告书、环境影响报告表的建设项目，其配套建设的环境保护设施经验收合格，方可投入生产或者使用；未经验收或者验收不合格的，不得投入生产或者使用。", None, None),
    (PROJECT, "第二十三条第一款", "需要配套建设的环境保护设施未建成、未经验收或者验收不合格，建设项目即投入生产或者使用的，责令限期改正，处二十万元以上一百万元以下的罚款。", 20 * W, 100 * W),
]

# (code, label, violated (title, article), penalty basis (title, article))
VIOLATION_TYPES = [
    ("air_exceed", "超标排放大气污染物", (AIR, "第十八条"), (AIR, "第九十九条第二项")),
    ("air_evade", "不正常运行大气污染防治设施等逃避监管排放", (AIR, "第二十条第二款"), (AIR, "第九十九条第三项")),
    ("dust_uncontrolled", "未采取措施控制粉尘排放", (AIR, "第四十八条第一款"), (AIR, "第一百零八条第五项")),
    ("fume_uncontrolled", "餐饮油烟超标排放", (AIR, "第八十一条第一款"), (AIR, "第一百一十八条第一款")),
    ("water_exceed", "超标排放水污染物", (WATER, "第十条"), (WATER, "第八十三条第二项")),
    ("water_evade", "不正常运行水污染防治设施等逃避监管排放", (WATER, "第三十九条"), (WATER, "第八十三条第三项")),
    ("hazwaste_label", "未按规定设置危险废物识别标志", (WASTE, "第七十七条第一款"), (WASTE, "第一百一十二条第一款第一项")),
    ("hazwaste_transfer", "未按规定运行转移联单、擅自转移危险废物", (WASTE, "第八十二条第一款"), (WASTE, "第一百一十二条第一款第五项")),
    ("eia_unapproved", "未批先建（环评文件未经批准擅自开工建设）", (EIA, "第二十五条"), (EIA, "第三十一条第一款")),
    ("night_construction", "未取得证明夜间施工产生噪声", (NOISE, "第四十三条第一款"), (NOISE, "第七十七条第一款第二项")),
    ("no_discharge_permit", "未取得排污许可证排放污染物", (PERMIT, "第二条第一款"), (PERMIT, "第三十三条第一项")),
    ("facility_unaccepted", "环保设施未经验收即投入生产", (PROJECT, "第十九条第一款"), (PROJECT, "第二十三条第一款")),
]

BASIS = "生态环境行政处罚裁量基准（演示数据，以本机关公布的基准为准）"


def _standards(lo: int, hi: int) -> list[tuple[str, str, Decimal, Decimal]]:
    """Four circumstance bands splitting the statutory range [lo, hi]."""
    span = hi - lo
    cuts = [lo, lo + span // 10, lo + span * 3 // 10, lo + span * 6 // 10, hi]
    texts = [
        ("minor", "初次违法、危害后果轻微并及时改正"),
        ("ordinary", "违法情节一般，未造成明显环境污染"),
        ("serious", "造成环境污染或被责令改正后拒不改正"),
        ("grave", "造成严重污染、群众反映强烈或多次违法"),
    ]
    return [(c, t, Decimal(cuts[i]), Decimal(cuts[i + 1])) for i, (c, t) in enumerate(texts)]


def add_reference(apps, schema_editor):
    LegalProvision = apps.get_model("enforcement", "LegalProvision")
    ViolationType = apps.get_model("enforcement", "ViolationType")
    DiscretionStandard = apps.get_model("enforcement", "DiscretionStandard")
    EnforcementDomain = apps.get_model("people", "EnforcementDomain")
    ecology = EnforcementDomain.objects.get(code="ecology")
    provisions = {}
    for title, article, content, lo, hi in PROVISIONS:
        p, _ = LegalProvision.objects.update_or_create(
            title=title,
            article=article,
            defaults={
                "content": content,
                "fine_min": None if lo is None else Decimal(lo),
                "fine_max": None if hi is None else Decimal(hi),
                "domain": ecology,
            },
        )
        provisions[(title, article)] = p
    for order, (code, label, violated, basis) in enumerate(VIOLATION_TYPES, start=1):
        vt, _ = ViolationType.objects.update_or_create(
            code=code,
            defaults={
                "label": label,
                "domain": ecology,
                "violated": provisions[violated],
                "penalty_basis": provisions[basis],
                "order": order * 10,
            },
        )
        penalty = provisions[basis]
        if penalty.fine_min is None or penalty.fine_max is None:
            continue
        for circumstance, text, lo, hi in _standards(int(penalty.fine_min), int(penalty.fine_max)):
            DiscretionStandard.objects.update_or_create(
                violation_type=vt,
                circumstance=circumstance,
                agency=None,
                defaults={"description": text, "fine_min": lo, "fine_max": hi, "basis": BASIS},
            )


def remove_reference(apps, schema_editor):
    DiscretionStandard = apps.get_model("enforcement", "DiscretionStandard")
    ViolationType = apps.get_model("enforcement", "ViolationType")
    LegalProvision = apps.get_model("enforcement", "LegalProvision")
    codes = [c for c, *_ in VIOLATION_TYPES]
    DiscretionStandard.objects.filter(violation_type__code__in=codes, agency=None, decisions__isnull=True).delete()
    ViolationType.objects.filter(code__in=codes, cases__isnull=True).delete()
    for title, article, *_ in PROVISIONS:
        LegalProvision.objects.filter(
            title=title, article=article, decisions__isnull=True, violation_types_violated__isnull=True
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0001_initial"),
        ("people", "0002_enforcement_domains"),
    ]

    operations = [migrations.RunPython(add_reference, remove_reference)]
