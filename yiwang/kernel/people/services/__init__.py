"""Every write about people, roles and certificates: check, change, ledger entry — one transaction."""

from .certificates import certificate_change_status, certificate_issue
from .persons import person_create, person_update, position_assign, position_end, system_admin_ensure
from .roles import role_create, role_grant, role_revoke, role_sync_from_manifests

__all__ = [
    "certificate_change_status",
    "certificate_issue",
    "person_create",
    "person_update",
    "position_assign",
    "position_end",
    "role_create",
    "role_grant",
    "role_revoke",
    "role_sync_from_manifests",
    "system_admin_ensure",
]
