"""A small SVG line chart: coverage and executions over time, two y axes,
no dependencies (the report must render anywhere, GitHub included)."""

from xml.sax.saxutils import escape

W, H = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 52, 60, 24, 30


def _nice(v):
    if v <= 0:
        return 1
    for step in (1, 2, 2.5, 5):
        m = 10 ** (len(str(int(v))) - 1)
        if step * m >= v:
            return step * m
    return 10 * 10 ** (len(str(int(v))) - 1)


def _fmt(v):
    if v >= 1e6:
        return "%gM" % round(v / 1e6, 1)
    if v >= 1e3:
        return "%gk" % round(v / 1e3, 1)
    return "%g" % v


def _path(points, t_max, y_max):
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM
    out = []
    for i, (t, y) in enumerate(points):
        x = LEFT + pw * (t / t_max if t_max else 0)
        yy = TOP + ph * (1 - (y / y_max if y_max else 0))
        out.append("%s%.1f,%.1f" % ("M" if i == 0 else "L", x, yy))
    return " ".join(out)


def chart(title, samples):
    """samples: [(seconds, execs, coverage)]."""
    t_max = max([s[0] for s in samples] + [1])
    e_max = _nice(max([s[1] for s in samples] + [1]))
    c_max = _nice(max([s[2] for s in samples] + [1]))
    ph = H - TOP - BOTTOM
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
        'viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">'
        % (W, H, W, H),
        '<rect width="100%" height="100%" fill="white"/>',
        '<text x="%d" y="14" font-weight="bold">%s</text>'
        % (LEFT, escape(title)),
    ]
    for i in range(5):
        y = TOP + ph * i / 4
        parts.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" '
                     'stroke="#ddd"/>' % (LEFT, y, W - RIGHT, y))
        parts.append('<text x="%d" y="%.1f" text-anchor="end" '
                     'fill="#1f77b4">%s</text>'
                     % (LEFT - 4, y + 4, _fmt(c_max * (4 - i) / 4)))
        parts.append('<text x="%d" y="%.1f" fill="#d62728">%s</text>'
                     % (W - RIGHT + 4, y + 4, _fmt(e_max * (4 - i) / 4)))
    parts.append('<text x="%d" y="%d" text-anchor="middle">seconds '
                 '(0 to %s)</text>' % ((LEFT + W - RIGHT) // 2, H - 8,
                                       _fmt(round(t_max, 1))))
    parts.append('<path d="%s" fill="none" stroke="#1f77b4" '
                 'stroke-width="2"/>'
                 % _path([(s[0], s[2]) for s in samples], t_max, c_max))
    parts.append('<path d="%s" fill="none" stroke="#d62728" '
                 'stroke-width="2" stroke-dasharray="4 2"/>'
                 % _path([(s[0], s[1]) for s in samples], t_max, e_max))
    parts.append('<text x="%d" y="%d" fill="#1f77b4">coverage (cov)</text>'
                 % (LEFT + 6, TOP + 12))
    parts.append('<text x="%d" y="%d" fill="#d62728" text-anchor="end">'
                 'executions</text>' % (W - RIGHT - 6, TOP + 12))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
