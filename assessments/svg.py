"""What the app's SVG drawings share (chart.py, day_strip.py): numbers and text written into
the markup, and the opening of an image that names its title and description (the PDF's
alternate text), styled by presentation attributes only, as the page's CSP needs."""

from html import escape


def number(value: float) -> str:
    """A coordinate with at most two decimals and a decimal point (SVG syntax)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text(value: str) -> str:
    return escape(value, quote=True)


def opening(
    css_class: str,
    *,
    width: int,
    height: float,
    font_size: int,
    ink: str,
    id_prefix: str,
    title: str,
    description: str,
) -> list[str]:
    """The <svg> element's start, its <title> and its <desc>, with ids from `id_prefix`."""
    pid = text(id_prefix)
    title_id, desc_id = f"{pid}-titel", f"{pid}-beskrivning"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {width} '
        f'{number(height)}" width="{width}" height="{number(height)}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="DejaVu Sans, sans-serif" '
        f'font-size="{font_size}" fill="{ink}">',
        f'<title id="{title_id}">{text(title)}</title>',
        f'<desc id="{desc_id}">{text(description)}</desc>',
    ]
