from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import AppConfig

from yiwang.kernel.modules.manifest import ModuleManifest, PermissionSpec, Subscription

_EVENT = "yiwang.kernel.testing.sample.events.SampleHappened"
_HANDLERS = "yiwang.kernel.testing.sample.handlers"


@dataclass(frozen=True)
class SampleSettings:
    """Typed per-organization settings, with defaults as a rules page would give them."""

    reply_days: int = field(default=15, metadata={"label": "答复期限（工作日）", "min": 1, "max": 60})
    review_threshold_yuan: int = field(default=5000, metadata={"label": "法制审核金额标准（元）", "min": 0})
    notify_public: bool = field(default=True, metadata={"label": "向社会公示"})
    channel: str = field(default="网站", metadata={"label": "公示渠道", "choices": ("网站", "公告栏")})
    officer_titles: tuple[str, ...] = field(default=("执法队员",), metadata={"label": "执法岗位"})
    fee_rate: float = field(default=0.5, metadata={"label": "费率", "min": 0, "max": 1})
    contact: str | None = field(default=None, metadata={"label": "联系人"})


class SampleConfig(AppConfig):
    name = "yiwang.kernel.testing.sample"
    label = "sample"
    verbose_name = "测试样例模块"
    manifest = ModuleManifest(
        name="sample",
        verbose_name="测试样例模块",
        permissions=(PermissionSpec("sample.view_thing", "查看样例"),),
        subscriptions=(
            Subscription(_EVENT, f"{_HANDLERS}.remember"),
            Subscription(_EVENT, f"{_HANDLERS}.explode"),
            Subscription(_EVENT, f"{_HANDLERS}.write_then_fail"),
            Subscription(_EVENT, f"{_HANDLERS}.write"),
            Subscription(_EVENT, f"{_HANDLERS}.remember_too"),
        ),
        settings=SampleSettings,
    )
