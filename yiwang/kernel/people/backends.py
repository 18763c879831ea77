"""Sign-in backend: Django's `ModelBackend`, reading the signed-in user together with their person.

Every staff page asks for the acting `Person` (``request.user.person``); reading it in the same
query as the user saves one round trip on every request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PersonModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        model: Any = get_user_model()
        try:
            user = model._default_manager.select_related("person").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
