"""The workflow checker: what an editor must fix before a workflow can be used for dossiers.

It reads steps the way the state machine (`actions._next_step`) moves through them, so what it accepts is
exactly what can run: the listed next steps (or the following step when none is listed), `END`, the step a
dossier may be sent back to, and a *return* step, which ends the processing (status 9, then 10 on return).

Errors: duplicate or empty codes, automatic steps where a person must act, next/back codes that name no step, steps no dossier can reach from the
first one, steps from which no end can be reached, and a longest path whose budgets exceed the procedure's
legal processing time on a channel (steps that pause the clock do not count: that time is not the agency's).
Warnings: things that run but look wrong (no return step, an approval step without a group).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from catalog.models.procedures import Channel
from workflows.models import StepKind

from .deadlines import current_calendar

END = "END"
# Calendar days convert to working days at five in seven: the budget of a "30 ngày" procedure is about 21
# working days once weekends are counted out.
CALENDAR_TO_WORKING = Decimal(5) / Decimal(7)


def channel_label(channel: str) -> str:
    """The channel as a sentence says it ("cách thức trực tiếp"); "chung" for a workflow of every channel."""
    if not channel:
        return "chung"
    return str(Channel(channel).label).lower() if channel in Channel.values else channel


@dataclass(frozen=True, slots=True)
class Finding:
    message: str
    step: str = ""
    level: str = "error"  # "error" blocks activation; "warning" is shown and allowed

    @property
    def is_error(self) -> bool:
        return self.level == "error"


@dataclass(frozen=True, slots=True)
class LegalLimit:
    """A procedure's legal processing time on one channel, as the catalog holds it."""

    channel: str
    value: Decimal | None
    unit: str | None
    text: str = ""


def as_decimal(value) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except InvalidOperation:
        return Decimal(0)


def _days(step: dict, day_minutes: int) -> Decimal:
    value = as_decimal(step.get("budget_value"))
    if step.get("budget_unit") == "hour":
        return value * 60 / Decimal(day_minutes)
    return value


def format_number(days: Decimal) -> str:
    text = f"{days.quantize(Decimal('0.01')).normalize():f}"
    return text.replace(".", ",")


def step_edges(steps: Sequence[dict]) -> tuple[dict[str, list[str]], dict[str, str], list[Finding]]:
    """Forward edges (listed next or the following step), back edges, and the codes that name nothing."""
    codes = [s["code"] for s in steps]
    known = set(codes)
    forward: dict[str, list[str]] = {}
    back: dict[str, str] = {}
    findings: list[Finding] = []
    for index, step in enumerate(steps):
        code = step["code"]
        listed = [c for c in step.get("next") or [] if c]
        if step.get("kind") == StepKind.RETURN:
            forward[code] = [END]  # entering a return step finishes the processing
        elif listed:
            for target in listed:
                if target != END and target not in known:
                    findings.append(
                        Finding(
                            f"Bước “{step['name']}” chuyển đến bước “{target}” không có trong quy trình.",
                            code,
                        )
                    )
            forward[code] = [t for t in listed if t == END or t in known]
            if listed[0] != END and listed[0] not in known:
                # The state machine ends a dossier when the first listed step does not exist.
                forward[code].append(END)
        else:
            forward[code] = [codes[index + 1]] if index + 1 < len(codes) else [END]
        target = step.get("back") or ""
        if target:
            if target in known:
                back[code] = target
            else:
                findings.append(
                    Finding(f"Bước “{step['name']}” trả lại bước “{target}” không có trong quy trình.", code)
                )
    return forward, back, findings


def _reachable(start: Iterable[str], graph: dict[str, list[str]]) -> set[str]:
    seen, queue = set(start), deque(start)
    while queue:
        for nxt in graph.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def longest_path_days(steps: Sequence[dict], *, day_minutes: int = 480) -> Decimal:
    """The most working days a dossier can spend on the agency's clock from the first step to an end.

    Forward edges to an earlier step are loops (a branch back): they are not followed, so the path is over a
    DAG in step order. Steps that pause the clock add nothing.
    """
    if not steps:
        return Decimal(0)
    forward, _, _ = step_edges(steps)
    position = {s["code"]: i for i, s in enumerate(steps)}
    by_code = {s["code"]: s for s in steps}
    best: dict[str, Decimal] = {}
    for step in reversed(steps):
        code = step["code"]
        own = Decimal(0) if step.get("pauses_clock") else _days(step, day_minutes)
        after = [
            best.get(t, Decimal(0))
            for t in forward.get(code, [])
            if t != END and position[t] > position[code]
        ]
        best[code] = own + max(after, default=Decimal(0))
    return best[steps[0]["code"]] if steps[0]["code"] in by_code else Decimal(0)


def _limit_days(limit: LegalLimit, day_minutes: int) -> Decimal | None:
    if limit.value is None or not limit.unit or limit.value < 0:
        return None
    if limit.unit == "hour":
        return limit.value * 60 / Decimal(day_minutes)
    if limit.unit == "day":
        return limit.value * CALENDAR_TO_WORKING
    # "Trong ngày" (0 working days) leaves at most the rest of the receiving day.
    return limit.value if limit.value > 0 else Decimal(1)


def check_steps(
    steps: Sequence[dict], *, limits: Sequence[LegalLimit] = (), day_minutes: int = 480
) -> list[Finding]:
    """Check steps in the snapshot shape (`WorkflowStep.as_dict`). Returns findings, errors first."""
    if not steps:
        return [Finding("Quy trình chưa có bước nào.")]
    findings: list[Finding] = []
    seen: set[str] = set()
    for step in steps:
        code = step.get("code") or ""
        if not code:
            findings.append(Finding(f"Bước “{step.get('name') or '?'}” chưa có mã bước."))
        elif code == END:
            findings.append(Finding("“END” dành để đánh dấu kết thúc, không dùng làm mã bước.", code))
        elif code in seen:
            findings.append(Finding(f"Mã bước “{code}” bị trùng; mỗi bước cần một mã riêng.", code))
        seen.add(code)
    if any(f.is_error for f in findings):
        return findings  # the graph of an ambiguous definition would only add noise
    forward, back, dangling = step_edges(steps)
    findings += dangling
    both = {code: [*forward.get(code, []), *([back[code]] if code in back else [])] for code in forward}
    reached = _reachable([steps[0]["code"]], both)
    for step in steps:
        if step["code"] not in reached:
            findings.append(
                Finding(f"Bước “{step['name']}” không thể đến được từ bước đầu tiên.", step["code"])
            )
    reverse: dict[str, list[str]] = {}
    for source, targets in both.items():
        for target in targets:
            reverse.setdefault(target, []).append(source)
    can_end = _reachable([END], reverse)
    for step in steps:
        if step["code"] in reached and step["code"] not in can_end:
            findings.append(
                Finding(f"Từ bước “{step['name']}” không có đường đến kết thúc quy trình.", step["code"])
            )
    total = longest_path_days(steps, day_minutes=day_minutes)
    for limit in limits:
        allowed = _limit_days(limit, day_minutes)
        if allowed is not None and total > allowed:
            label = channel_label(limit.channel)
            converted = (
                f" (quy đổi khoảng {format_number(allowed)} ngày làm việc)"
                if limit.unit != "working_day"
                else ""
            )
            findings.append(
                Finding(
                    f"Tổng thời gian các bước ({format_number(total)} ngày làm việc) vượt thời hạn giải quyết theo quy "
                    f"định của cách thức {label}: {limit.text or format_number(limit.value)}{converted}."
                )
            )
    findings += check_forks(steps, forward)
    if not any(s.get("kind") == StepKind.RETURN for s in steps):
        findings.append(
            Finding("Quy trình không có bước trả kết quả; hồ sơ kết thúc khi qua bước cuối.", level="warning")
        )
    for step in steps:
        if step.get("automatic") and step.get("kind") in (
            StepKind.APPROVAL,
            StepKind.RETURN,
            StepKind.RECEPTION,
        ):
            findings.append(
                Finding(
                    f"Bước “{step['name']}” không thể tự động chuyển tiếp: tiếp nhận, phê duyệt và trả kết quả "
                    "cần cán bộ thực hiện.",
                    step["code"],
                )
            )
        if step.get("kind") == StepKind.APPROVAL and not step.get("group"):
            findings.append(
                Finding(
                    f"Bước phê duyệt “{step['name']}” chưa có nhóm thực hiện: chỉ cần quyền lãnh đạo.",
                    step["code"],
                    level="warning",
                )
            )
    return sorted(findings, key=lambda f: not f.is_error)


def check_forks(steps: Sequence[dict], forward: dict[str, list[str]]) -> list[Finding]:
    """A fork starts two or more branches; each branch reaches the same join without passing another
    fork, a join or a return first; a join is reached only from a fork's branches."""
    by_code = {s["code"]: s for s in steps}
    findings: list[Finding] = []
    joined: set[str] = set()
    for fork in (s for s in steps if s.get("kind") == StepKind.FORK):
        branches = [c for c in fork.get("next") or [] if c in by_code]
        if len(branches) < 2:
            findings.append(
                Finding(f"Bước tách “{fork['name']}” cần ít nhất hai nhánh song song.", fork["code"])
            )
            continue
        joins = set()
        for first in branches:
            code, seen = first, set()
            while code in by_code and by_code[code].get("kind") not in (
                StepKind.JOIN,
                StepKind.FORK,
                StepKind.RETURN,
            ):
                if code in seen:
                    break
                seen.add(code)
                code = (forward.get(code) or [END])[0]
            kind = by_code[code].get("kind") if code in by_code else None
            if kind != StepKind.JOIN:
                findings.append(
                    Finding(
                        f"Nhánh “{by_code[first]['name']}” của bước tách “{fork['name']}” không đến bước hợp nhất.",
                        first,
                    )
                )
            else:
                joins.add(code)
        if len(joins) > 1:
            findings.append(
                Finding(
                    f"Các nhánh của bước tách “{fork['name']}” phải gặp nhau ở cùng một bước hợp nhất.",
                    fork["code"],
                )
            )
        joined |= joins
    for join in (s for s in steps if s.get("kind") == StepKind.JOIN):
        if join["code"] not in joined:
            findings.append(
                Finding(f"Bước hợp nhất “{join['name']}” không nhận nhánh của bước tách nào.", join["code"])
            )
    return findings


def legal_limits(procedure, channel: str = "") -> list[LegalLimit]:
    """The procedure's legal processing time on the workflow's channel, or on each of its channels."""
    rows = [c for c in procedure.channels.all() if c.processing_time_unit]
    if channel:
        rows = [c for c in rows if c.channel == channel]
    if rows:
        return [
            LegalLimit(c.channel, c.processing_time_value, c.processing_time_unit, c.processing_time_text)
            for c in rows
        ]
    if procedure.processing_time_unit:
        return [
            LegalLimit(
                channel,
                procedure.processing_time_value,
                procedure.processing_time_unit,
                procedure.processing_time_text,
            )
        ]
    return []


def check_workflow(workflow, steps: Sequence[dict] | None = None) -> list[Finding]:
    """Check a saved workflow (or the steps an editor is about to save for it) against its procedure."""
    if steps is None:
        steps = [s.as_dict() for s in workflow.steps.select_related("group", "agency")]
    limits = legal_limits(workflow.procedure, workflow.channel) if workflow.procedure_id else []
    return check_steps(steps, limits=limits, day_minutes=current_calendar().day_minutes)
