"""Refuse NUL characters in a request's path, query string and form fields.

No text in Nabz can hold one, PostgreSQL cannot store one, and a fuzzer (or a
broken client) sends them: the answer is a clear 400 before any view runs, not a
database error. JSON bodies are checked field by field in the API's schemas
(``nabz.api.validation.In``), which name the field.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError

MESSAGE = "The request holds a NUL character (\\x00), which no field accepts."


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    for values in (request.GET, request.POST if request.method == "POST" else None):
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
        try:
            refused = _has_nul(request)
        except MultiPartParserError:
            refused = False  # a broken form body: the view's own parsing answers it
        if refused:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE}, status=400)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
