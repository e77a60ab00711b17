"""Drives output/index.html in headless Chromium through Playwright.

Usage: page_test.py INDEX.HTML [SCREENSHOT-DIR]

Checks what a reader does with the page: every technology is listed,
search narrows the list and dims the radar, each filter works, the URL
keeps the state, #tech-<id> opens a detail, the keyboard reaches and
opens blips, no request leaves file://, no console errors, and light and
dark screenshots are not blank and have readable text. Exits non-zero
with a message on the first failure.
"""

import struct
import sys
import zlib
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}")


def decode_png(data):
    """(width, height, rows of (r, g, b)) from an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, kind = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        tag = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if tag == b"IHDR":
            width, height, depth, kind = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and kind in (2, 6), f"PNG depth {depth} colour type {kind}"
        elif tag == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    bpp = 4 if kind == 6 else 3
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        filt, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if filt == 1:
                line[x] = (line[x] + a) & 255
            elif filt == 2:
                line[x] = (line[x] + b) & 255
            elif filt == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return width, height, rows


def luminance(rgb):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_contrast(png):
    """The contrast between a clip's most common colour (its background)
    and the pixel furthest from it (the text's core)."""
    _, _, rows = decode_png(png)
    counts = {}
    for row in rows:
        for px in row:
            counts[px] = counts.get(px, 0) + 1
    background = max(counts, key=counts.get)
    return max(contrast(background, px) for px in counts), background


def visible_ids(page):
    return page.eval_on_selector_all(
        "li.tech", "els => els.filter(e => !e.hidden).map(e => e.dataset.id)"
    )


def dimmed(page):
    return page.eval_on_selector_all(
        "figure.edition:not([hidden]) g.blip",
        "els => els.filter(e => e.classList.contains('dim')).map(e => e.id)",
    )


def run(index, shots):
    url = Path(index).resolve().as_uri()
    outside, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for scheme in ("light", "dark"):
            context = browser.new_context(
                color_scheme=scheme, viewport={"width": 1280, "height": 900}
            )

            def route(r):
                if r.request.url.startswith("file://"):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on(
                "console",
                lambda m: errors.append(m.text) if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
            if scheme == "light":
                behaviour(page, url)
            page.goto(url)
            page.wait_for_timeout(100)
            shot = page.screenshot()
            if shots:
                Path(shots, f"page-{scheme}.png").write_bytes(shot)
            _, _, rows = decode_png(shot)
            colours = {px for row in rows[::7] for px in row[::7]}
            check(len(colours) > 50, f"{scheme}: the screenshot is not blank ({len(colours)} colours)")
            for selector, least in (("h1", 4.5), (".ringgroup h3", 4.5), (".tech summary .name", 4.5), (".legend-entry", 3.0)):
                box = page.locator(selector).first.bounding_box()
                ratio, bg = text_contrast(page.screenshot(clip=box, full_page=True))
                check(ratio >= least, f"{scheme}: {selector} has contrast {ratio:.1f} against {bg}")
            context.close()
        browser.close()
    check(not outside, f"no request leaves file:// ({outside[:3]})")
    check(not errors, f"no console errors ({errors[:3]})")


def behaviour(page, url):
    ids = page.eval_on_selector_all("li.tech", "els => els.map(e => e.dataset.id)")
    check(len(ids) > 0 and len(visible_ids(page)) == len(ids), f"all {len(ids)} technologies are listed")
    check(page.is_visible("#controls"), "the script shows the controls")
    count = page.text_content("#count")
    check(count == f"{len(ids)} of {len(ids)} technologies", f"the count says {count!r}")

    # Search: the first blip's technology by its name.
    blip = page.locator("figure.edition:not([hidden]) g.blip").first
    blip_id = blip.get_attribute("id").split("-blip-", 1)[1]
    name = page.text_content(f'li.tech[data-id="{blip_id}"] summary .name')
    page.fill("#q", name)
    shown = visible_ids(page)
    check(blip_id in shown and len(shown) < len(ids), f"searching {name!r} narrows the list to {len(shown)}")
    dim = dimmed(page)
    check(dim and not any(d.endswith("-blip-" + blip_id) for d in dim), f"and dims {len(dim)} blips, not its own")
    check("q=" in page.evaluate("location.hash"), "the URL keeps the search")
    page.fill("#q", "")
    check(len(visible_ids(page)) == len(ids) and not dimmed(page), "clearing the search shows everything")

    for name in ("quadrant", "ring", "change", "tag"):
        if not page.locator(f"#f-{name}").count():
            continue
        values = page.eval_on_selector_all(f"#f-{name} option", "os => os.map(o => o.value).filter(v => v)")
        tried = 0
        for value in values:
            page.select_option(f"#f-{name}", value)
            shown = page.eval_on_selector_all(
                "li.tech", "els => els.filter(e => !e.hidden).map(e => [e.dataset.quadrant, e.dataset.ring, e.dataset.change, e.dataset.tags])"
            )
            for q, r, c, t in shown:
                got = {"quadrant": q, "ring": r, "change": c, "tag": t}[name]
                ok = got == value or (name == "change" and value == "moved" and got.startswith("moved-")) or (
                    name == "tag" and value in got.split()
                )
                if not ok:
                    fail(f"filter {name}={value} shows an item with {got}")
            if shown and len(shown) < len(ids):
                tried += 1
            if name in ("quadrant", "ring") and value != "retired":
                wrong = page.eval_on_selector_all(
                    "figure.edition:not([hidden]) g.blip",
                    f"els => els.filter(e => e.classList.contains('{name}-{value}') === e.classList.contains('dim')).length",
                )
                if wrong:
                    fail(f"filter {name}={value}: {wrong} blips dimmed wrongly")
        page.select_option(f"#f-{name}", "")
        check(tried > 0, f"filter {name} narrows the list ({len(values)} values)")

    # The URL state comes back.
    first_ring = page.eval_on_selector_all("#f-ring option", "os => os[1].value")
    page.goto(url + "#q=a&ring=" + first_ring)
    page.reload()
    check(page.input_value("#q") == "a" and page.input_value("#f-ring") == first_ring, "the URL state is restored")
    page.goto(url)
    page.reload()

    # A deep link opens the detail.
    target = ids[len(ids) // 2]
    page.goto(url + "#tech-" + target)
    page.reload()
    check(page.evaluate(f"document.getElementById('tech-{target}').open"), f"#tech-{target} opens its detail")
    page.keyboard.press("Escape")
    check(not page.evaluate(f"document.getElementById('tech-{target}').open"), "Escape closes it")

    # The keyboard reaches a blip and Enter opens it.
    page.goto(url)
    page.reload()
    focusable = page.evaluate(
        "[...document.querySelectorAll('figure.edition:not([hidden]) g.blip')].every(g => g.tabIndex >= 0 || g.parentNode.nodeName.toLowerCase() === 'a')"
    )
    check(focusable, "every blip is in the tab order")
    seen = False
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('figure.edition')"):
            seen = True
            break
    check(seen, "Tab reaches the radar's blips")
    page.keyboard.press("Enter")
    opened = page.evaluate("location.hash")
    check(opened.startswith("#tech-") and page.evaluate(f"document.getElementById({opened[1:]!r}).open"), f"Enter on a blip opens {opened}")

    # The edition switcher shows a past edition.
    if page.locator("#f-edition").count():
        options = page.eval_on_selector_all("#f-edition option", "os => os.map(o => o.value)")
        page.select_option("#f-edition", options[-1])
        shown = page.eval_on_selector_all("figure.edition", "fs => fs.filter(f => !f.hidden).map(f => f.dataset.edition)")
        check(shown == [options[-1]], f"the switcher shows edition {options[-1]}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        fail("usage: page_test.py INDEX.HTML [SCREENSHOT-DIR]")
    run(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    print("page_test: all checks passed")
