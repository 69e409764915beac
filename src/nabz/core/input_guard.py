"""Refuse NUL characters in a request's path, query string and form fields.

No text in Nabz can hold one, PostgreSQL cannot store one, and a fuzzer (or a
broken client) sends them: the answer is a clear 400 before any view runs, not a
database error. JSON bodies are checked field by field in the API's schemas
(``nabz.api.validation.In``), which name the field.

A view whose form names the field and keeps what was typed (the post editor) is marked
with :func:`form_names_nul`; its form fields refuse the character themselves, so the
person sees which text holds it instead of a bare page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError

MESSAGE = "The request holds a NUL character (\\x00), which no field accepts."
F = TypeVar("F", bound=Callable[..., Any])


def form_names_nul(view: F) -> F:
    """Mark a view whose form refuses NUL per field (Django's CharField does) itself."""
    view.form_names_nul = True  # type: ignore[attr-defined]
    return view


def _has_nul(request: HttpRequest, *, form: bool = True) -> bool:
    if "\x00" in request.path:
        return True
    for values in (request.GET, request.POST if form and request.method == "POST" else None):
        if values is None:
            continue
        for key, items in values.lists():
            if "\x00" in key or any("\x00" in item for item in items):
                return True
    return False


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:  # it cannot even be routed
            return self._refuse(request)
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        try:
            refused = _has_nul(request, form=not getattr(view, "form_names_nul", False))
        except MultiPartParserError:
            refused = False  # a broken form body: the view's own parsing answers it
        return self._refuse(request) if refused else None

    @staticmethod
    def _refuse(request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": MESSAGE}, status=400)
        return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")


MAX_KEY = 2**63 - 1  # the largest key SQLite and PostgreSQL store


def key_or_none(value: object) -> int | None:
    """A form or query value read as a database key, or None when it is not one.

    ``str.isdigit`` is not enough: it accepts "²" and "٣" (which ``int`` refuses or
    reads as another number) and any length (a key above 2⁶³ overflows SQLite).
    """
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    key = int(text)
    return key if 0 < key <= MAX_KEY else None
