"""`manage.py create_system_admin`: the first account of a fresh installation.

The password is read from the environment variable named by ``--password-env`` (default
``YIWANG_ADMIN_PASSWORD``) or asked for twice on the terminal; it is checked by Django's password
validators. An existing account is left unchanged.
"""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yiwang.kernel.errors import DomainError
from yiwang.kernel.people.services import system_admin_ensure


class Command(BaseCommand):
    help = "创建系统管理员账号（已存在则不作改动）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="登录名")
        parser.add_argument("--name", required=True, help="姓名")
        parser.add_argument("--password-env", default="YIWANG_ADMIN_PASSWORD", help="存放密码的环境变量名")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get(options["password_env"]) or self._ask()
        try:
            person, created = system_admin_ensure(
                username=options["username"], name=options["name"], password=password
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if created:
            self.stdout.write(f"已创建系统管理员 {options['username']}（{person.name}）")
        else:
            self.stdout.write(f"账号 {options['username']} 已存在，未作改动")

    def _ask(self) -> str:
        first = getpass.getpass("密码：")
        if first != getpass.getpass("再次输入密码："):
            raise CommandError("两次输入的密码不一致")
        return first
