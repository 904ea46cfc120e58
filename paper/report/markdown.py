"""Markdown primitives: number formats, tables, and a document that collects lines."""

import math


def is_missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt(value, digits=2):
    return "–" if is_missing(value) else f"{value:.{digits}f}"


def fmt_g(value, digits=3):
    """Significant digits, no exponent for ordinary sizes: 0.0001, 0.2, 20."""
    if is_missing(value):
        return "–"
    return f"{value:.{digits}g}"


def fmt_signed(value, digits=2):
    return "–" if is_missing(value) else f"{value:+.{digits}f}"


def fmt_step(step):
    """1 000 000 (thin groups of three, as the rest of the docs write steps)."""
    return "–" if is_missing(step) else f"{int(round(step)):,}".replace(",", " ")


def fmt_power(value):
    """A count as 10⁶, 2·10⁵ or 20 000: powers of ten (times one digit) when round."""
    if is_missing(value):
        return "–"
    value = int(round(value))
    if value >= 1000:
        exponent = int(math.floor(math.log10(value)))
        mantissa = value / 10 ** exponent
        if mantissa == int(mantissa):
            power = "10" + str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
            return power if mantissa == 1 else f"{int(mantissa)}·{power}"
    return fmt_step(value)


def fmt_mean_std(stat, digits=2, scale=1.0, suffix=""):
    """'12.34 ± 0.56' from a Stat (± omitted for one run)."""
    if stat is None or is_missing(stat.mean):
        return "–"
    text = f"{scale * stat.mean:.{digits}f}{suffix}"
    if stat.std is not None and not is_missing(stat.std):
        text += f" ± {scale * stat.std:.{digits}f}{suffix}"
    return text


def fmt_setting(value):
    """A stored setting ("0.0001", "0.0", "1e-05") as a short number: 1e-4, 0, 1e-5, 0.1."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number == 0:
        return "0"
    exponent = math.log10(abs(number))
    if abs(exponent - round(exponent)) < 1e-9 and abs(exponent) >= 3:
        return f"1e{int(round(exponent))}" if number > 0 else f"-1e{int(round(exponent))}"
    return f"{number:.3g}"


def eps_label(eps):
    if eps is None:
        return "–"
    exponent = math.log10(eps)
    if abs(exponent - round(exponent)) < 1e-9:
        return f"1e{int(round(exponent))}"
    return f"{eps:g}"


def fmt_minutes(seconds):
    if is_missing(seconds):
        return "?"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.2f} h ({seconds / 60:.0f} min)"


def table(headers, rows, align=None):
    """A Markdown table; `align` is a string of 'l'/'r' per column (default: first left)."""
    align = align or ("l" + "r" * (len(headers) - 1))
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


class Document:
    """Lines of Markdown, with the figure and command blocks the sections share."""

    def __init__(self, outputs, figures_link):
        self.outputs = outputs
        self.figures_link = figures_link.rstrip("/")
        self.lines = []

    def add(self, text=""):
        self.lines.append(text)

    def paragraph(self, text):
        self.lines += [text, ""]

    def table(self, headers, rows, align=None):
        self.lines += table(headers, rows, align)
        self.lines.append("")

    def figure(self, name, alt):
        if not self.outputs.figure(name):
            self.paragraph(f"*(figure {name} was not produced)*")
            return
        self.paragraph(f"![{alt}]({self.figures_link}/{name})")

    def commands(self, names):
        """The commands of these make-paper.sh steps, with their wall and CPU times."""
        steps = self.outputs.steps
        present = [n for n in names if n in steps]
        if not present:
            return
        self.paragraph("Commands (from the repository root, with the release build's directory on "
                       "`PATH`), wall time and CPU time (user + system):")
        self.lines += ["```"] + [steps[n]["command"] for n in present] + ["```", ""]
        rows = []
        for n in present:
            row = steps[n]
            cpu = float(row["user_seconds"]) + float(row["system_seconds"])
            rows.append([n, f"{float(row['seconds']):.1f} s", f"{cpu:.1f} s",
                         f"{row['load_start']} → {row['load_end']}"])
        self.table(["step", "wall", "CPU", "load average (1 min) at start → end"], rows, "lrrl")

    def text(self):
        return "\n".join(self.lines).rstrip() + "\n"
