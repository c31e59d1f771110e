from django.core.management.base import BaseCommand, CommandError

from aduan.core.audit import verify_chain


class Command(BaseCommand):
    help = "Memeriksa rantai hash catatan audit; gagal bila ada catatan yang diubah atau dihapus."

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Rantai audit PUTUS pada catatan #{broken.pk} ({broken.at:%Y-%m-%d %H:%M}); "
                f"{checked} catatan sebelumnya utuh."
            )
        self.stdout.write(self.style.SUCCESS(f"Rantai audit utuh: {checked} catatan."))
