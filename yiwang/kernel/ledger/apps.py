"""台账."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_noop

from yiwang.kernel.modules.manifest import ModuleManifest, NavItem


class LedgerConfig(AppConfig):
    name = "yiwang.kernel.ledger"
    label = "ledger"
    verbose_name = "台账"
    manifest = ModuleManifest(
        name="ledger",
        verbose_name="台账",
        always_active=True,
        description="防删改台账：每次状态变更的记录构成 Merkle 日志，定期签署检查点，任何人可核验。",
        nav=(NavItem(label=gettext_noop("台账核验"), url_name="ledger:public", public=True, order=900),),
    )

    def ready(self) -> None:
        from .guard import install_sqlite_function

        connection_created.connect(install_sqlite_function, dispatch_uid="yiwang.ledger.sqlite_guard")
