from django import forms
from django.contrib.auth import password_validation


class LoginForm(forms.Form):
    username = forms.CharField(
        label="Nama pengguna",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label="Kata sandi",
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _password_field(label: str, autocomplete: str, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        **kwargs,
    )


class PasswordChangeForm(forms.Form):
    """One's own password: the current one, and the new one twice (AUTH_PASSWORD_VALIDATORS)."""

    current_password = _password_field("Kata sandi sekarang", "current-password")
    new_password1 = _password_field("Kata sandi baru", "new-password")
    new_password2 = _password_field("Ulangi kata sandi baru", "new-password")

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        # The validators' own descriptions (translated by Django), so they follow the settings.
        self.fields["new_password1"].help_text = " ".join(
            str(text) for text in password_validation.password_validators_help_texts()
        )

    def clean(self):
        data = super().clean()
        current = data.get("current_password")
        new, again = data.get("new_password1"), data.get("new_password2")
        if not new or not again:
            return data
        if new != again:
            self.add_error("new_password2", "Kedua kata sandi baru tidak sama.")
        elif new == current:
            self.add_error("new_password1", "Kata sandi baru harus berbeda dari yang sekarang.")
        else:
            try:
                password_validation.validate_password(new, self.user)
            except forms.ValidationError as exc:
                self.add_error("new_password1", exc)
        return data


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app (or, where allowed, a recovery code)."""

    code = forms.CharField(
        label="Kode verifikasi",
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "size": 14,
            }
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Kode 6 angka dari aplikasi",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Nama token (untuk apa token ini dipakai)", max_length=100, required=False
    )
