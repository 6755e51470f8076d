"""Each write declared once, served by both transports.

A :class:`Write` names the operation (the socket command's name), its input (a DRF serializer: the same
validation and the same error codes whichever way the request came), the service that performs it (which
checks every permission) and the reply. ``write_command`` makes the socket command's handler (registered by
the app with ``realtime.registry.stream_command``); ``write_rest`` answers a REST action and ``write_schema``
documents it in OpenAPI from the same declaration. A write with ``socket=False`` is served over REST only
(setting a council up): the declaration is the same, the app just does not register a command for it.

The order of checks is the same everywhere: **who first, then what**. A request that is not logged in is
refused (``auth.required``) before its body is read — unless the write is ``public``; then the object of the
URL is looked up (``not_found``); then the declared ``permission`` (a coarse check that needs no input:
"an administrator", "a secretariat", "manages this object's council") refuses with 403; only then is the
input validated (``request.invalid``) and the service run, which checks every rule again, fully.

The object a write acts on is an argument like any other (``target``): a socket names it by id, within the
socket's session; a REST action takes it from its URL (after the viewset's own visibility check) and the
input is validated with the URL's id in that argument (the row looked up is used as it is, not read again).
Ids of rows (:class:`RowRef`) must be positive integers (``request.invalid``); an id that names no row — or,
on a socket, none of the socket's session — is ``not_found``.

Replies: **one shape per write**, ``reply(result)``, on both transports — the REST body that OpenAPI
publishes. The stream state a write changes reaches every socket (the caller's too) as the write's event;
the reply only acknowledges, with the object as REST clients see it. A reply of ``None`` is a REST 204."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import QueryDict
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.errors import AUTH_REQUIRED, NOT_FOUND, REQUEST_INVALID, ServiceError
from core.memo import memo_scope


class RowRef(serializers.Field):  # type: ignore[type-arg]
    """The id of a row of ``model``. ``scope`` is the lookup path from the row to its session (``"session"``,
    ``"item__session"``); a socket's references are limited to its session, a REST request's are not (the
    service checks that everything belongs together)."""

    default_error_messages = {"invalid": "a positive integer id is required"}

    def __init__(self, model: type[Model], *, scope: str | None = "session", **kwargs: Any) -> None:
        self.model = model
        self.scope = scope
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Model:
        socket = self.context.get("session") is not None
        if isinstance(data, str) and not socket and data.isascii() and data.isdigit():
            data = int(data)  # a form post carries text
        if isinstance(data, bool) or not isinstance(data, int) or not 0 < data < 2**63:
            self.fail("invalid")
        known = self.context.get("target")  # a REST action's object, just looked up from its URL: not read again
        if known is not None and known[0] == self.field_name and isinstance(known[1], self.model):
            if known[1].pk == data:
                return known[1]
        rows = self.model._default_manager.filter(pk=data)
        if socket and self.scope:
            rows = rows.filter(**{self.scope: self.context["session"].pk})
        row = rows.first()
        if row is None:
            raise ServiceError(NOT_FOUND)
        return row

    def to_representation(self, value: Model) -> Any:
        return value.pk


class RowRefSchema(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    """OpenAPI: a row reference is an integer id."""

    target_class = RowRef

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1}


@dataclass(frozen=True)
class Write:
    name: str
    input: type[serializers.Serializer[Any]]
    service: Callable[..., Any]
    reply: Callable[[Any], Any]
    target: str | None = None
    public: bool = False
    # What a socket supplies itself, whatever the client sent: input fields (validated like the rest, e.g. its
    # session's id) and further service arguments.
    socket_args: Callable[[Any], dict[str, Any]] | None = None
    # Checked after authentication and before the input is read: ``permission(user, scope)`` raises a
    # ServiceError to refuse. ``scope`` is the object of the REST URL (None without one) or the socket's session.
    permission: Callable[[Any, Any], None] | None = None
    partial: bool = False  # PATCH: only the fields sent are validated and passed to the service
    socket: bool = True  # served as a socket command too (the app registers it); False: REST only

    def rest_input(self) -> type[serializers.Serializer[Any]] | None:
        """The REST body: the input without the target (it comes from the URL); None when nothing is left."""
        fields = [name for name in self.input().fields.keys() if name != self.target]  # noqa: SIM118  (the DRF stubs iterate fields as values)
        if not fields:
            return None
        if self.target is None:
            return self.input
        body: type[serializers.Serializer[Any]] = type(
            f"{self.input.__name__.removesuffix('Serializer').removesuffix('Input')}Body",
            (self.input,),
            {self.target: None, "__module__": self.input.__module__},
        )
        return body


def write_arguments(
    write: Write, data: Mapping[str, Any], *, session: Any = None, target: Model | None = None
) -> dict[str, Any]:
    """The validated arguments, or ServiceError(request.invalid) naming the fields (not_found for a row).
    ``target``: the row a REST URL named (its id is in ``data``), used as it is."""
    context = {"session": session, "target": None if target is None else (write.target, target)}
    serializer = write.input(data=data, context=context, partial=write.partial)
    if not serializer.is_valid():
        raise ServiceError(REQUEST_INVALID, details={"fields": serializer.errors})
    return dict(serializer.validated_data)


def write_check(write: Write, *, user: Any, scope: Any) -> None:
    """Who, before what: ``auth.required`` for an anonymous caller of a non-public write, then the declared
    permission. Neither reads the input, so a malformed body from a caller who may not write is refused as such."""
    if not write.public and not getattr(user, "is_authenticated", False):
        raise ServiceError(AUTH_REQUIRED)
    if write.permission is not None:
        write.permission(user, scope)


def write_command(write: Write) -> Callable[..., Any]:
    """The socket command's handler: ``args`` validated by the declared input within the socket's session."""

    def handler(*, user: Any, session: Any, args: dict[str, Any]) -> Any:
        with memo_scope():  # one command, like one request (``core.memo``)
            write_check(write, user=user, scope=session)
            fixed = write.socket_args(session) if write.socket_args is not None else {}
            arguments = write_arguments(write, {**args, **fixed}, session=session)
            fields = set(write.input().fields.keys())
            arguments.update({key: value for key, value in fixed.items() if key not in fields})
            return write.reply(write.service(actor=user, **arguments))

    handler.__name__ = write.name.replace(".", "_")
    handler.__doc__ = f"Socket command {write.name} (declared in {write.service.__module__})."
    return handler


def write_rest(
    write: Write,
    request: Request,
    *,
    target: Model | Callable[[], Model] | None = None,
    created: bool = False,
) -> Response:
    """Answer a REST action: the caller checked (``write_check``), then the body (with the URL's object as the
    target) validated by the declared input. ``target`` may be a callable (the viewset's ``get_object``): it is
    looked up only once the caller is known to be logged in."""
    user = request.user
    if not write.public and not getattr(user, "is_authenticated", False):
        raise ServiceError(AUTH_REQUIRED)
    row = target() if callable(target) else target
    write_check(write, user=user, scope=row)
    body: Any = request.data
    if not isinstance(body, dict):  # a JSON list or scalar (a form post is a QueryDict, a dict too)
        raise ServiceError(REQUEST_INVALID, details={"expected": "a JSON object"})
    data: Any
    if isinstance(body, QueryDict):  # a form or multipart post: a shallow copy (uploaded files are not copied)
        data = QueryDict(mutable=True)
        for key, values in body.lists():
            data.setlist(key, values)
    else:
        data = dict(body)
    if write.target is not None and row is not None:
        data[write.target] = row.pk
    target_row = row if write.target is not None else None
    reply = write.reply(write.service(actor=user, **write_arguments(write, data, target=target_row)))
    if reply is None:
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(reply, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def write_schema(
    write: Write,
    response: Any,
    *,
    created: bool = False,
    errors: tuple[int, ...] = (400, 401, 403, 404, 409),
    summary: str | None = None,
    media: str | None = None,
    methods: list[str] | None = None,
) -> Callable[[Any], Any]:
    """The OpenAPI operation of the REST action, from the declaration (body without the target; ``media`` e.g.
    ``multipart/form-data`` for an upload). A ``None`` response is a 204."""
    code = 204 if response is None else 201 if created else 200
    body = write.rest_input()
    where = (
        f"Also the socket command `{write.name}` (docs/realtime-protocol.md)."
        if write.socket
        else f"The write `{write.name}` (REST only)."
    )
    return extend_schema(
        methods=methods,
        summary=summary,
        request={media: body} if media and body is not None else body,
        responses={code: response, **error_responses(*errors)},
        description=where,
    )


def write_view(
    write: Write,
    response: Any,
    *,
    name: str,
    lookup: Callable[[Any, str], Model] | None = None,
    route: dict[str, Any] | None = None,
    created: bool = False,
    summary: str | None = None,
    media: str | None = None,
    errors: tuple[int, ...] = (400, 401, 403, 404, 409),
) -> Callable[..., Response]:
    """A viewset method (``name``: ``create``, ``partial_update``, ``destroy`` or an extra action's, whose
    ``@action`` arguments ``route`` gives) that serves the write, documented from the declaration.
    ``lookup(view, pk)`` finds the URL's object; it runs after the authentication check."""

    def view(self: Any, request: Request, pk: str | None = None) -> Response:
        target = (lambda: lookup(self, pk)) if lookup is not None and pk is not None else None
        return write_rest(write, request, target=target, created=created)

    view.__name__ = view.__qualname__ = name
    view.__doc__ = summary
    served: Any = action(**route)(view) if route is not None else view
    decorated: Callable[..., Response] = write_schema(
        write, response, created=created, summary=summary, media=media, errors=errors
    )(served)
    return decorated


class WriteActions(GenericAPIView):  # type: ignore[type-arg]
    # A viewset's REST actions that serve declared writes: ``self.write(WRITE)`` acts on the URL's object (the
    # viewset's own visibility check finds it), ``target=False`` on none (a create). A comment, not a
    # docstring: see core.api.LastModifiedMixin.

    def write(self, write: Write, *, target: bool = True, created: bool = False) -> Response:
        return write_rest(write, self.request, target=self.get_object if target else None, created=created)
