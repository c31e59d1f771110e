"""Back-office pages of the notifications app (under /staf/): every staff member's in-app inbox
and the sysadmin's view of the outbox. Views parse, check access, call a service, render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from aduan.accounts.gate import staff_required
from aduan.accounts.roles import Role
from aduan.cases.selectors import parse_page
from aduan.core.errors import NotFound
from aduan.staff.views.common import page, require_roles

from . import selectors, services
from .models import OutboundStatus

OUTBOX_ROLES = frozenset({Role.SYSADMIN})


def _back_to_inbox(request):
    number = parse_page(request.POST.get("page", "1"))
    url = reverse("notifications:inbox")
    return redirect(f"{url}?page={number}" if number > 1 else url)


@staff_required
@require_safe
def inbox(request):
    result = selectors.inbox_page(request.user, parse_page(request.GET.get("page", "1")))
    context = {"result": result, "query": "", "unread": selectors.unread_total(request.user)}
    return page(request, "notifications/inbox.html", context)


@staff_required
@require_POST
def mark_read(request, pk: int):
    try:
        services.mark_read(request.user, pk)
    except NotFound:
        raise Http404() from None
    return _back_to_inbox(request)


@staff_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, f"{count} notifikasi ditandai sudah dibaca.")
    return _back_to_inbox(request)


@staff_required
@require_safe
def outbox(request):
    require_roles(request, OUTBOX_ROLES)
    status = request.GET.get("status", "")
    status = status if status in selectors.OUTBOX_FILTERS else ""
    context = {
        "result": selectors.outbox_page(status, parse_page(request.GET.get("page", "1"))),
        "counts": selectors.outbox_counts(),
        "status": status,
        "query": f"status={status}" if status else "",
        "statuses": OutboundStatus,
    }
    return page(request, "notifications/outbox.html", context)


@staff_required
@require_POST
def retry(request, pk: int):
    require_roles(request, OUTBOX_ROLES)
    try:
        services.retry_message(request.user, pk)
    except NotFound:
        raise Http404() from None
    messages.success(request, f"Pesan #{pk} dimasukkan kembali ke antrean pengiriman.")
    return redirect("notifications:outbox")
