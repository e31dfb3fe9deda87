"""A server-rendered SVG diagram of a workflow's steps, for the workflow's page in the admin.

Steps stand in their order, top to bottom; the usual hand-off (to the following step) is a short arrow
down, other forward moves (branches, skips, END) curve on the right, send-backs are dashed on the left.
Steps the checker flags are outlined in red. No JavaScript: it prints and reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import StepKind
from .services.checker import END, Finding, as_decimal, format_number, step_edges

WIDTH, BOX_W, BOX_H, GAP, LEFT = 640, 400, 58, 30, 120
KIND_COLOURS = {
    StepKind.RECEPTION: "#dbeafe",
    StepKind.ASSIGNMENT: "#e0e7ff",
    StepKind.APPRAISAL: "#fef9c3",
    StepKind.APPROVAL: "#fde68a",
    StepKind.FINANCIAL: "#fed7aa",
    StepKind.INTER_AGENCY: "#e9d5ff",
    StepKind.RETURN: "#bbf7d0",
    StepKind.CUSTOM: "#f3f4f6",
}
KIND_LABELS = {k.value: k.label for k in StepKind}  # lazy: rendered in the language of the request


def _truncate(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _budget(step: dict) -> str:
    value = as_decimal(step.get("budget_value"))
    if not value:
        return "không định mức"
    unit = "giờ" if step.get("budget_unit") == "hour" else "ngày"
    return f"{format_number(value)} {unit}"


def workflow_svg(steps: Sequence[dict], findings: Sequence[Finding] = ()) -> SafeString:
    """The SVG markup (escaped text, our own shapes) for steps in the snapshot shape."""
    if not steps:
        return mark_safe('<p class="help-block">Quy trình chưa có bước nào.</p>')
    forward, back, _ = step_edges(steps)
    flagged = {f.step for f in findings if f.is_error and f.step}
    row = {s["code"]: i for i, s in enumerate(steps)}
    end_row = len(steps)
    height = (end_row + 1) * (BOX_H + GAP) + GAP

    def top(i: int) -> int:
        return GAP + i * (BOX_H + GAP)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-label="Sơ đồ các bước của quy trình" style="max-width:{WIDTH}px;font-family:sans-serif">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#374151"/></marker></defs>',
    ]
    for code, targets in forward.items():
        i = row[code]
        for target in targets:
            j = end_row if target == END else row[target]
            x_mid = LEFT + BOX_W // 2
            if j == i + 1:
                parts.append(
                    f'<line x1="{x_mid}" y1="{top(i) + BOX_H}" x2="{x_mid}" y2="{top(j) - 2}" '
                    'stroke="#374151" stroke-width="1.5" marker-end="url(#arrow)"/>'
                )
            else:
                x = LEFT + BOX_W
                bend = x + 30 + 12 * min(abs(j - i), 8)
                y1, y2 = top(i) + BOX_H // 2, top(j) + BOX_H // 2
                parts.append(
                    f'<path d="M{x},{y1} C{bend},{y1} {bend},{y2} {x + 2},{y2}" fill="none" '
                    'stroke="#2563eb" stroke-width="1.5" marker-end="url(#arrow)"/>'
                )
    for code, target in back.items():
        i, j = row[code], row[target]
        bend = LEFT - 30 - 12 * min(abs(i - j), 6)
        y1, y2 = top(i) + BOX_H // 2, top(j) + BOX_H // 2
        parts.append(
            f'<path d="M{LEFT},{y1} C{bend},{y1} {bend},{y2} {LEFT - 2},{y2}" fill="none" stroke="#b91c1c" '
            'stroke-width="1.2" stroke-dasharray="5 4" marker-end="url(#arrow)"/>'
        )
    for i, step in enumerate(steps):
        fill = KIND_COLOURS.get(step.get("kind"), "#f3f4f6")
        stroke = "#dc2626" if step["code"] in flagged else "#6b7280"
        width = 3 if step["code"] in flagged else 1
        y = top(i)
        who = " · ".join(x for x in (step.get("group"), step.get("agency")) if x) or "chưa gán nhóm"
        flags = []
        if step.get("pauses_clock"):
            flags.append("⏸ dừng tính thời gian")
        if step.get("automatic"):
            flags.append("⟳ tự động chuyển tiếp")
        if step.get("decides"):
            flags.append("★ ra quyết định")
        parts.append(
            f"<g><title>{escape(step['code'])}</title>"
            f'<rect x="{LEFT}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}"/>'
            f'<text x="{LEFT + 10}" y="{y + 18}" font-size="13" font-weight="bold">'
            f"{i + 1}. {escape(_truncate(step.get('name') or step['code'], 48))}</text>"
            f'<text x="{LEFT + 10}" y="{y + 35}" font-size="11">'
            f"{escape(KIND_LABELS.get(step.get('kind'), ''))} · {escape(_truncate(who, 40))} · "
            f"{escape(_budget(step))}</text>"
            f'<text x="{LEFT + 10}" y="{y + 50}" font-size="11" fill="#92400e">{escape(" · ".join(flags))}</text>'
            "</g>"
        )
    y = top(end_row)
    parts.append(
        f'<rect x="{LEFT + BOX_W // 2 - 60}" y="{y}" width="120" height="32" rx="16" fill="#111827"/>'
        f'<text x="{LEFT + BOX_W // 2}" y="{y + 21}" font-size="13" fill="#fff" text-anchor="middle">'
        "Kết thúc</text></svg>"
    )
    # Every piece of text above went through escape(); the rest is our own markup.
    return mark_safe("".join(parts))
