"""Staff sign-in pages under /staf/ (DESIGN §5): password, second factor, enrolment, sign-out,
and the API tokens of one's own account. Plain forms: no JavaScript needed."""

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from aduan.core import clock
from aduan.core.errors import Throttled
from aduan.crypto import totp

from . import services
from .forms import CodeForm, EnrolForm, LoginForm, PasswordChangeForm, TokenForm
from .gate import second_factor_pending, second_factor_required, staff_required
from .models import ApiToken

WRONG_LOGIN = "Nama pengguna atau kata sandi salah."
WRONG_CURRENT = "Kata sandi sekarang salah."
WRONG_CODE = "Kode tidak cocok atau sudah pernah dipakai. Periksa kembali lalu coba lagi."


def _next_url(request) -> str:
    """Where to go after signing in: `next` if it stays on this site, else the staff home."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    url = reverse(name)
    if next_url and next_url != resolve_url(settings.LOGIN_REDIRECT_URL):
        url += "?" + urlencode({"next": next_url})
    return url


def _is_staff(user) -> bool:
    return user.is_authenticated and services.is_staff_account(user)


def _throttled(request, template: str, context: dict, exc: Throttled) -> HttpResponse:
    context = {**context, "throttled": exc.message}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def _to_login(request) -> HttpResponse:
    return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': _next_url(request)})}")


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request):
    next_url = _next_url(request)
    if request.method != "POST":
        if _is_staff(request.user) and not second_factor_pending(request):
            return redirect(next_url)
        return render(request, "accounts/login.html", {"form": LoginForm(), "next": next_url})

    form = LoginForm(request.POST)
    context = {"form": form, "next": next_url}
    if not form.is_valid():
        return render(request, "accounts/login.html", context, status=400)
    try:
        user = services.check_password(
            request, form.cleaned_data["username"], form.cleaned_data["password"]
        )
    except Throttled as exc:
        return _throttled(request, "accounts/login.html", {**context, "form": LoginForm()}, exc)
    if user is None:
        form.add_error(None, WRONG_LOGIN)
        return render(request, "accounts/login.html", context, status=400)

    services.sign_in(request, user)
    services.password_accepted.send(
        sender=login_view, request=request, user=user, password=form.cleaned_data["password"]
    )
    if second_factor_required(user):
        target = "accounts:second_factor" if user.has_second_factor else "accounts:enrol"
        return redirect(_with_next(target, next_url))
    return redirect(next_url)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def logout_view(request):
    if request.method != "POST":
        # Signing out changes state, so it takes a POST; this page offers the button.
        return render(request, "accounts/logout.html", {})
    services.sign_out(request)
    messages.info(request, "Anda telah keluar. Sampai jumpa.")
    return redirect(settings.LOGIN_URL)


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def second_factor(request):
    user = request.user
    next_url = _next_url(request)
    if not _is_staff(user):
        return _to_login(request)
    if not second_factor_pending(request):
        return redirect(next_url)
    if not user.has_second_factor:
        # Required (production) but not enrolled yet: enrol first.
        return redirect(_with_next("accounts:enrol", next_url))

    form = CodeForm(request.POST or None)
    context = {"form": form, "next": next_url}
    if request.method != "POST":
        return render(request, "accounts/second_factor.html", context)
    if not form.is_valid():
        return render(request, "accounts/second_factor.html", context, status=400)
    try:
        method = services.verify_second_factor(user, form.cleaned_data["code"])
    except Throttled as exc:
        return _throttled(request, "accounts/second_factor.html", context, exc)
    if method is None:
        form.add_error("code", WRONG_CODE)
        return render(request, "accounts/second_factor.html", context, status=400)

    services.mark_second_factor_passed(request)
    if method == "recovery":
        left = services.unused_recovery_codes(user)
        messages.warning(
            request,
            f"Anda masuk dengan kode pemulihan; sisa {left} kode. Jika ponsel Anda hilang, "
            "hubungi administrator sistem, lalu daftarkan ulang aplikasi autentikator.",
        )
    return redirect(next_url)


def _qr_svg(uri: str) -> str:
    """The otpauth:// URI as an inline SVG QR code, drawn here (no outside service)."""
    qr = segno.make(uri, error="m", micro=False)
    # segno writes only its own path data and the fixed title: safe to embed.
    return mark_safe(  # noqa: S308
        qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", title="Kode QR")
    )


def _codes_page(request, codes: list[str], next_url: str) -> HttpResponse:
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": next_url},
    )


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request):
    user = request.user
    next_url = _next_url(request)
    if not _is_staff(user):
        return _to_login(request)

    if user.has_second_factor:
        if second_factor_pending(request):
            return redirect(_with_next("accounts:second_factor", next_url))
        # Already enrolled and verified: offer new recovery codes (confirmed with a code).
        form = CodeForm(request.POST or None)
        context = {"form": form, "unused": services.unused_recovery_codes(user), "next": next_url}
        if request.method != "POST":
            return render(request, "accounts/enrolled.html", context)
        if not form.is_valid():
            return render(request, "accounts/enrolled.html", context, status=400)
        try:
            codes = services.regenerate_recovery_codes(user, form.cleaned_data["code"])
        except Throttled as exc:
            return _throttled(request, "accounts/enrolled.html", context, exc)
        if codes is None:
            form.add_error("code", WRONG_CODE)
            return render(request, "accounts/enrolled.html", context, status=400)
        return _codes_page(request, codes, next_url)

    secret = services.start_enrolment(user)
    uri = totp.provisioning_uri(secret, user.get_username())
    form = EnrolForm(request.POST or None)
    context = {
        "form": form,
        "qr_svg": _qr_svg(uri),
        "secret": totp.grouped(secret),
        "issuer": totp.ISSUER,
        "next": next_url,
        "required": second_factor_required(user),
    }
    if request.method != "POST":
        return render(request, "accounts/enrol.html", context)
    if not form.is_valid():
        return render(request, "accounts/enrol.html", context, status=400)
    try:
        codes = services.confirm_enrolment(user, form.cleaned_data["code"])
    except Throttled as exc:
        return _throttled(request, "accounts/enrol.html", context, exc)
    if codes is None:
        form.add_error("code", WRONG_CODE)
        return render(request, "accounts/enrol.html", context, status=400)
    services.mark_second_factor_passed(request)
    return _codes_page(request, codes, next_url)


@sensitive_post_parameters("current_password", "new_password1", "new_password2")
@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def change_password(request):
    """One's own password; a WBS key holder keeps their key (and cases) under the new one."""
    template = "accounts/password.html"
    form = PasswordChangeForm(request.user, request.POST or None)
    context = {"form": form}
    if request.method != "POST":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        changed = services.change_password(
            request,
            request.user,
            form.cleaned_data["current_password"],
            form.cleaned_data["new_password1"],
        )
    except Throttled as exc:
        return _throttled(request, template, {"form": PasswordChangeForm(request.user)}, exc)
    if not changed:
        form.add_error("current_password", WRONG_CURRENT)
        return render(request, template, context, status=400)
    messages.success(request, "Kata sandi Anda telah diganti.")
    return redirect("accounts:password")


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request):
    """One's own API tokens: create one (shown once), revoke one."""
    user = request.user
    form = TokenForm(request.POST if request.POST.get("action") == "create" else None)
    if request.method == "POST" and form.is_valid():
        row, token = services.create_api_token(user, name=form.cleaned_data["name"])
        return render(request, "accounts/token_created.html", {"row": row, "token": token})
    rows = ApiToken.objects.filter(user=user).order_by("-created_at")[:50]
    context = {"form": form, "rows": rows, "now": clock.now()}
    return render(request, "accounts/tokens.html", context)


@never_cache
@staff_required
@require_POST
def revoke_token(request, pk: int):
    row = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if services.revoke_api_token(row, request.user):
        messages.success(request, f"Token {row.prefix}… telah dicabut.")
    return redirect("accounts:tokens")
