"""Reference data: the enforcement domains (执法领域) printed on certificates.

The list follows the comprehensive administrative enforcement reform's main fields; a bureau may
add more rows (or switch some off) in the admin. Codes are stable identifiers used by modules.
"""

from django.db import migrations

DOMAINS = [
    ("ecology", "生态环境"),
    ("market", "市场监管"),
    ("transport", "交通运输"),
    ("urban", "城市管理"),
    ("culture", "文化市场"),
    ("agriculture", "农业农村"),
    ("emergency", "应急管理"),
    ("health", "卫生健康"),
    ("natural_resources", "自然资源"),
    ("water", "水利"),
    ("forestry", "林业"),
    ("housing", "住房城乡建设"),
    ("justice", "司法行政"),
    ("hr_social", "人力资源社会保障"),
    ("medical_insurance", "医疗保障"),
    ("education", "教育"),
    ("civil_affairs", "民政"),
    ("commerce", "商务"),
    ("comprehensive", "综合行政执法"),
]


def add_domains(apps, schema_editor):
    EnforcementDomain = apps.get_model("people", "EnforcementDomain")
    for order, (code, label) in enumerate(DOMAINS, start=1):
        EnforcementDomain.objects.update_or_create(code=code, defaults={"label": label, "order": order * 10})


def remove_domains(apps, schema_editor):
    EnforcementDomain = apps.get_model("people", "EnforcementDomain")
    EnforcementDomain.objects.filter(code__in=[c for c, _ in DOMAINS], certificates__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(add_domains, remove_domains)]
