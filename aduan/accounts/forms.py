from django import forms


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
