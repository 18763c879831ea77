"""`ModuleContract`: what every Yiwang module (kernel part or domain module) promises the kernel.

Every module's tests inherit it once; pytest then runs the whole contract for that module::

    # yiwang/modules/enforcement/tests/test_contract.py
    from yiwang.kernel.testing.contract import ModuleContract

    class TestEnforcementContract(ModuleContract):
        app_label = "enforcement"
        # URL kwargs for pages whose parameters the contract cannot guess (regex routes, dates …)
        url_kwargs = {"enforcement:case-detail": {"pk": 1}}

        def hostile_pages(self, actor):
            # create rows whose text fields hold hostile strings, return the pages that show them
            case = CaseFactory(title=SCRIPT)
            return [reverse("enforcement:case-detail", args=[case.pk])]

What it checks, for the app labelled `app_label`:

1. the AppConfig carries a `ModuleManifest` whose name is the app label;
2. permission codenames are ``"<module>.<verb>_<entity>"``, prefixed by the module's name, unique,
   with a Chinese label; roles name only declared permissions;
3. every `NavItem.url_name` reverses;
4. every URL in the app's ``urls.py`` and ``api/urls.py`` is named, and answers a GET without a
   server error for an anonymous visitor, a signed-in person without roles and a system
   administrator (200, 3xx, 400, 401, 403, 404, 405 are all fine; 5xx is not);
5. pages escape hostile strings: the rows `hostile_pages` creates show up escaped, and hostile query
   parameters are never echoed raw into HTML (JSON answers carry data, not markup); templates never switch escaping off (``|safe``,
   ``autoescape off``) and hold no inline ``<script>``, ``<style>``, ``style=`` or ``on…=``
   handlers (Content-Security-Policy) unless listed in `template_allowlist`;
6. every route of the app's ``api/urls.py`` appears in the OpenAPI schema at ``/api/schema/``.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlencode

import pytest
from django.apps import AppConfig, apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter

from yiwang.kernel.modules.manifest import ModuleManifest

from .hostile import HOSTILE, SCRIPT, SCRIPT_ESCAPED

CODENAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z]+_[a-z][a-z0-9_]*$")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
_PLACEHOLDER = re.compile(r"\{[^}]+\}")
_CONVERTER = re.compile(r"<(?:[^>:]+:)?(\w+)>")
_TEMPLATE_HAZARDS = {
    "|safe": re.compile(r"\|\s*safe\b"),
    "autoescape off": re.compile(r"{%\s*autoescape\s+off"),
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "<style> block": re.compile(r"<style\b", re.IGNORECASE),
    "style= attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "on…= handler": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
}
_HOSTILE_QUERY = {name: SCRIPT for name in ("q", "next", "year", "page", "search", "id")}


def _route_text(pattern: URLPattern | URLResolver) -> str:
    return str(pattern.pattern).lstrip("^").rstrip("$").replace("\\Z", "")


def mounted(urlconf: str) -> Iterator[tuple[str, str | None, URLPattern]]:
    """Yield ``(full route, namespaced name, pattern)`` for every route of module `urlconf` as mounted."""

    def walk(
        resolver: URLResolver, prefix: str, namespace: str, inside: bool
    ) -> Iterator[tuple[str, str | None, URLPattern]]:
        for p in resolver.url_patterns:
            route = prefix + _route_text(p)
            if isinstance(p, URLResolver):
                module = getattr(p.urlconf_module, "__name__", None)
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p, route, ns, inside or module == urlconf)
            elif inside:
                yield route, (f"{namespace}{p.name}" if p.name else None), p

    yield from walk(get_resolver(), "/", "", False)


def _sample(converter: Any) -> Any:
    if isinstance(converter, IntConverter):
        return 1
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    if isinstance(converter, SlugConverter | StringConverter | PathConverter):
        return "x"
    return "1"


class ModuleContract:
    """Inherit in ``tests/test_contract.py`` and set `app_label`; see the module docstring."""

    app_label: ClassVar[str] = ""
    url_kwargs: ClassVar[dict[str, dict[str, Any]]] = {}
    template_allowlist: ClassVar[dict[str, tuple[str, ...]]] = {}  # template path -> hazards allowed

    # ----------------------------------------------------------------- hooks

    def hostile_pages(self, actor: Any) -> list[str]:
        """Create rows whose text holds hostile strings (see `yiwang.kernel.testing.hostile`) and
        return URLs of pages showing them. `actor` is a system administrator."""
        return []

    # ----------------------------------------------------------------- helpers

    @classmethod
    def app_config(cls) -> AppConfig:
        assert cls.app_label, f"{cls.__name__} must set app_label"
        return apps.get_app_config(cls.app_label)

    @classmethod
    def manifest(cls) -> ModuleManifest:
        manifest = getattr(cls.app_config(), "manifest", None)
        assert isinstance(manifest, ModuleManifest), (
            f"{cls.app_label}: AppConfig.manifest must be a ModuleManifest"
        )
        return manifest

    @classmethod
    def _urlconf(cls, suffix: str) -> str | None:
        name = f"{cls.app_config().name}.{suffix}"
        try:
            import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                return None
            raise
        return name

    @classmethod
    def routes(cls, *, api: bool) -> list[tuple[str, str | None, URLPattern]]:
        urlconf = cls._urlconf("api.urls" if api else "urls")
        return [] if urlconf is None else list(mounted(urlconf))

    @classmethod
    def concrete_urls(cls) -> list[str]:
        urls = []
        for _route, name, pattern in cls.routes(api=False) + cls.routes(api=True):
            assert name, f"{cls.app_label}: every URL needs a name ({_route})"
            kwargs = cls.url_kwargs.get(name)
            if kwargs is None:
                converters = getattr(pattern.pattern, "converters", {})
                kwargs = {k: _sample(c) for k, c in converters.items()}
            urls.append(reverse(name, kwargs=kwargs))
        return urls

    def _answers(self, client: Client, urls: list[str], who: str) -> None:
        failures = []
        for url in urls:
            response = client.get(url)
            if response.status_code >= 500:
                failures.append(f"{url} → {response.status_code}")
        assert failures == [], f"{self.app_label}: server errors for {who}: {failures}"

    # ----------------------------------------------------------------- 1–3 manifest

    def test_app_has_manifest(self) -> None:
        manifest = self.manifest()
        assert manifest.name == self.app_label
        assert CHINESE.search(manifest.verbose_name), "verbose_name must be Chinese"

    def test_permission_codenames_are_well_formed(self) -> None:
        manifest = self.manifest()
        codenames = [p.codename for p in manifest.permissions]
        bad = [c for c in codenames if not CODENAME.match(c) or not c.startswith(f"{manifest.name}.")]
        assert bad == [], f"permissions must be '{manifest.name}.<verb>_<entity>': {bad}"
        assert len(codenames) == len(set(codenames)), "duplicate permission codenames"
        unlabelled = [p.codename for p in manifest.permissions if not CHINESE.search(p.label)]
        assert unlabelled == [], f"permission labels must be Chinese: {unlabelled}"

    def test_roles_name_declared_permissions(self) -> None:
        from yiwang.kernel.modules.registry import all_permissions

        declared = set(all_permissions())
        unknown = [(r.code, c) for r in self.manifest().roles for c in r.permissions if c not in declared]
        assert unknown == []

    def test_nav_items_reverse(self) -> None:
        names = [item.url_name for item in self.manifest().nav]
        resolved = [reverse(name) for name in names]
        assert len(resolved) == len(names)
        unknown_permissions = [
            i.permission for i in self.manifest().nav if i.permission and not CODENAME.match(i.permission)
        ]
        assert unknown_permissions == []

    # ----------------------------------------------------------------- 4 pages answer

    @pytest.mark.django_db
    def test_pages_answer_anonymous_without_server_error(self, client: Client) -> None:
        self._answers(client, self.concrete_urls(), "anonymous")

    @pytest.mark.django_db
    def test_pages_answer_signed_in_without_server_error(
        self, make_person: Callable[..., Any], client_for: Callable[[Any], Client]
    ) -> None:
        self._answers(client_for(make_person()), self.concrete_urls(), "a person without roles")

    @pytest.mark.django_db
    def test_pages_answer_system_admin_without_server_error(
        self, make_person: Callable[..., Any], client_for: Callable[[Any], Client]
    ) -> None:
        self._answers(client_for(make_person(superuser=True)), self.concrete_urls(), "a system administrator")

    # ----------------------------------------------------------------- 5 escaping

    @pytest.mark.django_db
    def test_hostile_strings_are_escaped(
        self, make_person: Callable[..., Any], client_for: Callable[[Any], Client]
    ) -> None:
        admin = make_person(superuser=True)
        client = client_for(admin)
        shown = self.hostile_pages(admin)
        for url in shown:
            body = client.get(url).content.decode()
            assert SCRIPT not in body, f"{url} shows a hostile string unescaped"
            assert SCRIPT_ESCAPED in body, f"{url} was expected to show the hostile row (escaped)"
        reflected = []
        for url in self.concrete_urls():
            response = client.get(f"{url}?{urlencode(_HOSTILE_QUERY)}")
            html = response.get("Content-Type", "").startswith("text/html")
            if html and SCRIPT in response.content.decode(errors="replace"):
                reflected.append(url)
        assert reflected == [], f"query parameters echoed unescaped: {reflected}"

    def test_templates_keep_escaping_and_csp(self) -> None:
        root = Path(self.app_config().path) / "templates"
        found = []
        for path in sorted(root.rglob("*.html")) if root.exists() else []:
            name = str(path.relative_to(root))
            text = path.read_text(encoding="utf-8")
            allowed = self.template_allowlist.get(name, ())
            found += [
                f"{name}: {hazard}"
                for hazard, rx in _TEMPLATE_HAZARDS.items()
                if rx.search(text) and hazard not in allowed
            ]
        assert found == [], f"templates must escape and obey the CSP: {found}"

    # ----------------------------------------------------------------- 6 OpenAPI

    @pytest.mark.django_db
    def test_api_urls_are_in_the_openapi_schema(self, client: Client) -> None:
        routes = self.routes(api=True)
        if not routes:
            assert self._urlconf("api.urls") is None or routes == []
            return
        response = client.get(reverse("schema"), {"format": "json"})
        assert response.status_code == 200
        schema = json.loads(response.content)
        documented = {_PLACEHOLDER.sub("{}", p) for p in schema["paths"]}
        missing = [
            route
            for route, _n, _p in routes
            if _PLACEHOLDER.sub("{}", _CONVERTER.sub("{}", route)) not in documented
        ]
        assert missing == [], f"API routes missing from /api/schema/: {missing}"


__all__ = ["HOSTILE", "SCRIPT", "SCRIPT_ESCAPED", "ModuleContract", "mounted"]
