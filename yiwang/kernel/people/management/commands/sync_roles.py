"""`manage.py sync_roles`: bring the built-in roles in step with the manifests (run after deploying)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yiwang.kernel.people.services import role_sync_from_manifests


class Command(BaseCommand):
    help = "按各模块清单创建或更新内置角色（系统管理员及模块默认角色）"

    def handle(self, *args: Any, **options: Any) -> None:
        changed = role_sync_from_manifests(actor=None)
        self.stdout.write(f"内置角色已同步：新增或更新 {changed} 个")
