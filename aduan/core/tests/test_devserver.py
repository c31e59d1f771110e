"""`manage.py devserver`: runserver that names no peer when a connection fails."""

from aduan.core.management.commands.devserver import Command, PrivateWSGIServer


def test_a_failed_connection_prints_no_peer_address(capsys):
    server = PrivateWSGIServer.__new__(PrivateWSGIServer)  # no socket needed for handle_error
    try:
        raise ValueError("kaput")
    except ValueError:
        server.handle_error(None, ("203.0.113.77", 51234))
    printed = capsys.readouterr()
    assert "kaput" in printed.err  # the traceback is still there for the developer
    assert "203.0.113.77" not in printed.err + printed.out


def test_serve_runs_it():
    from pathlib import Path

    from aduan.core.management.commands import serve

    assert Command.server_cls is PrivateWSGIServer
    assert '"devserver"' in Path(serve.__file__).read_text()
