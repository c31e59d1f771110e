"""`manage.py devserver`: Django's runserver (with static files) that never prints a client
address (DESIGN §5). `manage.py serve` runs it.

runserver's request lines go to the `django.server` logger, which settings silence and
aduan.core.log_filters scrubs; but when a connection fails, socketserver prints "Exception
occurred during processing of request from ('<address>', <port>)" straight to stderr. This
server names no peer there either.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.servers.basehttp import WSGIServer

NO_PEER = ("-", 0)


class PrivateWSGIServer(WSGIServer):
    def handle_error(self, request, client_address):
        super().handle_error(request, NO_PEER)


class Command(RunserverCommand):
    help = "Server web pengembangan (runserver) yang tidak mencetak alamat klien."
    server_cls = PrivateWSGIServer
