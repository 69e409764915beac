"""What the API accepts, and the shape of what it answers when it refuses.

Every input schema derives from :class:`In`; ids, dates and times use the types
below. Together they turn the inputs a fuzzer (or a careless client) sends into a
clear 400 or 422 instead of a server error: ids beyond the database's integers,
times whose offset pushes them out of the calendar, NUL characters that PostgreSQL
cannot store, a number where a date belongs, a JSON body that is not an object.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.schema import DjangoGetter
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from nabz.core.input_guard import MAX_KEY

MAX_ID = MAX_KEY  # the largest key SQLite and PostgreSQL store
MAX_OFFSET = 1_000_000_000  # beyond any workspace; keeps the database's integers in range
EARLIEST, LATEST = 1900, 2199  # years a date in this product can sensibly have
# The same rules written into the OpenAPI document, so that clients (and fuzzers) see them.
NO_NUL = "^[^\\x00]*$"
NONBLANK = "^[^\\x00]*[^\\x00\\s][^\\x00]*$"  # at least one character that is not a space
YEARS = "^(19|20|21)[0-9][0-9]-"

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _iso_text(value: object) -> object:
    """Dates and times come as ISO 8601 text, not as numbers read as seconds."""
    if not isinstance(value, str | dt.date):
        raise ValueError("give an ISO 8601 string, e.g. 2026-12-01 or 2026-12-01T09:00:00+03:30")
    return value


def _in_range(value: object) -> object:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            try:
                value.astimezone(dt.UTC)
            except OverflowError:
                raise ValueError("the time is outside the calendar") from None
        if not EARLIEST <= value.year <= LATEST:
            raise ValueError(f"the year must be between {EARLIEST} and {LATEST}")
    elif isinstance(value, dt.date) and not EARLIEST <= value.year <= LATEST:
        raise ValueError(f"the year must be between {EARLIEST} and {LATEST}")
    return value


def _form_bool(value: object) -> object:
    if value in ("true", "false", True, False):
        return value in ("true", True)
    raise ValueError("must be true or false")


FormBool = Annotated[bool, BeforeValidator(_form_bool)]  # a multipart field: "true" or "false"
IsoDate = Annotated[dt.date, BeforeValidator(_iso_text)]
# With its offset, as RFC 3339 (OpenAPI's date-time) requires: "09:00" alone is ambiguous.
IsoDateTime = Annotated[AwareDatetime, BeforeValidator(_iso_text)]


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple | set | frozenset):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


def _constrain(node: dict[str, Any]) -> None:
    """Write the rules of :class:`In` into a field's JSON schema (not into other models)."""
    if "$ref" in node:
        return
    if node.get("type") == "string":
        if node.get("format") in ("date", "date-time"):
            node.setdefault("pattern", YEARS)
        elif "enum" not in node and "const" not in node:
            node.setdefault("pattern", NO_NUL)
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, ()):
            _constrain(option)
    if isinstance(node.get("items"), dict):
        _constrain(node["items"])
    if isinstance(node.get("additionalProperties"), dict):
        _constrain(node["additionalProperties"])
        node.setdefault("propertyNames", {"pattern": NO_NUL})


class In(Schema):
    """The base of every input schema.

    An object where an object belongs (Ninja reads attributes, so a list would pass
    for a model whose fields all have defaults), booleans that are true or false
    (not 0 or "yes"), no NUL characters, dates between 1900 and 2199.
    """

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: Any) -> Any:
        raw = value._obj if isinstance(value, DjangoGetter) else value
        if not isinstance(raw, dict | BaseModel):
            raise ValueError("must be a JSON object")
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _strict_bool(cls, value: Any, info: ValidationInfo) -> Any:
        annotation = cls.model_fields[info.field_name].annotation if info.field_name else None
        if annotation in (bool, bool | None) and value is not None and not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("must not contain NUL characters")
        return _in_range(value)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        own = handler.resolve_ref_schema(schema)
        for field in own.get("properties", {}).values():
            _constrain(field)
        return schema


# --- answers --------------------------------------------------------------------------
class ErrorOut(BaseModel):
    detail: str


class FieldErrorOut(BaseModel):
    loc: list[str | int]  # e.g. ["body", "text"] or ["query", "limit"]
    msg: str
    type: str


class ValidationErrorOut(BaseModel):
    detail: list[FieldErrorOut]


# The answers every operation may give besides its own: 400 (the body cannot be
# read), 401 (no or a bad token), 403 (the role may not), 404, 422 (a field's value).
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}
CONFLICT: dict[int, Any] = {**ERRORS, 409: ErrorOut}


def invalid(errors: dict[str, str | list[str]], where: str = "body") -> NinjaValidationError:
    """A 422 in the same shape as the schema's own, for a rule the schema cannot say."""
    items = []
    for name, messages in errors.items():
        for message in [messages] if isinstance(messages, str) else messages:
            items.append({"loc": [where, name], "msg": str(message), "type": "value_error"})
    return NinjaValidationError(items)


class JsonObjectParser(Parser):
    """JSON bodies only with a JSON content type, and only objects at the top.

    Ninja reads a body whatever its declared type, and a list such as ``[null, null]``
    passed for an object whose fields are all optional. Either is refused (400).
    """

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        content_type = (request.content_type or "").lower()
        if content_type != "application/json" and not content_type.endswith("+json"):
            raise ValueError("send the body as JSON with Content-Type: application/json")
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data
