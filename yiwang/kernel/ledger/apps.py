from django.apps import AppConfig

from yiwang.kernel.modules.manifest import ModuleManifest


class LedgerConfig(AppConfig):
    name = "yiwang.kernel.ledger"
    label = "ledger"
    verbose_name = "台账"
    manifest = ModuleManifest(name="ledger", verbose_name="台账", always_active=True)
