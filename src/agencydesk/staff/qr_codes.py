"""QR codes that open the portal's report form for one site, and a printable sheet of them.

The codes carry ``/portal/report/?site=<id>`` on the tenant's public origin: scanned by a
customer user, the form opens with that site chosen (signed out, the login page keeps the
address in ``next`` and returns there). The PDF sheet is written here directly — a few
vector rectangles per code and one standard font — because segno's own PDF writer makes
one code per document and no PDF library is otherwise needed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from django.urls import reverse

from agencydesk.core.public_urls import public_origin

# A4 in PostScript points; two columns, three rows of codes per page.
PAGE_WIDTH, PAGE_HEIGHT = 595, 842
COLUMNS, ROWS = 2, 3
CODE_SIZE = 170
MARGIN_TOP = 60
# Medium error correction survives a smudged or partly covered sticker.
ERROR_LEVEL = "m"


@dataclass(frozen=True)
class SiteCode:
    """One code of a sheet: the site's name, a second line (code or address), the link."""

    label: str
    detail: str
    url: str


def site_report_url(*, host: str, site_id: int) -> str:
    return f"{public_origin(host)}{reverse('portal:report')}?site={site_id}"


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An inline SVG element (no XML declaration) that scales with its box."""
    out = io.BytesIO()
    segno.make(url, error=ERROR_LEVEL).save(
        out, kind="svg", scale=scale, xmldecl=False, svgns=True, svgclass="qr-code"
    )
    return out.getvalue().decode()


# WinAnsiEncoding is Latin-1 apart from a few typographic marks in 0x80-0x9F.
_WIN_ANSI_EXTRA = {"–": 0x96, "—": 0x97, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "€": 0x80}


def _pdf_text(text: str) -> bytes:
    encoded = bytearray()
    for char in text:
        if char in _WIN_ANSI_EXTRA:
            encoded.append(_WIN_ANSI_EXTRA[char])
        elif ord(char) < 256:
            if char in "()\\":
                encoded.append(ord("\\"))
            encoded.append(ord(char))
        else:
            encoded.append(ord("?"))
    return bytes(encoded)


def _code_drawing(code: SiteCode, x: float, y: float) -> bytes:
    """Dark modules as filled squares, the code's top left corner at (x, y + CODE_SIZE)."""
    matrix = segno.make(code.url, error=ERROR_LEVEL).matrix
    module = CODE_SIZE / len(matrix)
    parts = [b"0 0 0 rg\n"]
    for row_index, row in enumerate(matrix):
        top = y + CODE_SIZE - (row_index + 1) * module
        for column_index, dark in enumerate(row):
            if dark:
                left = x + column_index * module
                parts.append(b"%.2f %.2f %.2f %.2f re\n" % (left, top, module, module))
    parts.append(b"f\n")
    label_y = y - 18
    for size, text, offset in ((11, code.label, 0), (8, code.detail, 13), (6, code.url, 24)):
        if text:
            parts.append(
                b"BT /F1 %d Tf %.2f %.2f Td (%s) Tj ET\n"
                % (size, x, label_y - offset, _pdf_text(text[:80]))
            )
    return b"".join(parts)


def _page_stream(title: str, codes: Sequence[SiteCode]) -> bytes:
    cell_width = PAGE_WIDTH / COLUMNS
    cell_height = (PAGE_HEIGHT - MARGIN_TOP) / ROWS
    parts = [b"BT /F1 14 Tf 40 %d Td (%s) Tj ET\n" % (PAGE_HEIGHT - 40, _pdf_text(title))]
    for index, code in enumerate(codes):
        column, row = index % COLUMNS, index // COLUMNS
        x = column * cell_width + (cell_width - CODE_SIZE) / 2
        y = PAGE_HEIGHT - MARGIN_TOP - (row + 1) * cell_height + 60
        parts.append(_code_drawing(code, x, y))
    return b"".join(parts)


def qr_sheet_pdf(*, title: str, codes: Sequence[SiteCode]) -> bytes:
    """A4 pages with six codes each, every code with its site's name below."""
    per_page = COLUMNS * ROWS
    pages = [codes[start : start + per_page] for start in range(0, len(codes), per_page)]
    pages = pages or [[]]
    # Objects: 1 catalog, 2 page tree, 3 font, then a page and its content per page.
    objects: list[bytes] = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    page_ids: list[int] = []
    for page_codes in pages:
        stream = _page_stream(title, page_codes)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << "
            b"/F1 3 0 R >> >> /Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, content_id)
        )
        page_ids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
