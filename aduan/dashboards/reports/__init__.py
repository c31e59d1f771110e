"""The monthly report's two files: PDF and XLSX, rendered from selectors.report figures."""

from .pdf import render_pdf
from .xlsx import render_xlsx

__all__ = ["render_pdf", "render_xlsx"]
