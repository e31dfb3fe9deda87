"""Loading the workflows of an E-PAR one-stop system (`<CODE>_workflow.xml`): a migration path for provinces.

The format: a `<process code totaltime fee>` of `<step group name time role>` stages, each with `<task code
name time next>` hand-offs. `next="NULL"` ends the process, `pause="true"` on a task stops the clock once it is
done (the dossier then waits outside: the applicant pays the tax) and `unpause="true"` restarts it when that
task is done, `biz_done="true"` marks where the decision is made, and stages of other agencies' groups
(`BP_THUE` the tax office, `DIA_CHINH_CAP_XA` the commune) are inter-agency hops.

Each task becomes one of our steps. A stage's time is the group's budget: its tasks share it by their own
times (scaled down when they add up to more, the rest given to the last one), so the steps add up to the
stages, which is what E-PAR measured against the procedure's total time. Real files have copy-paste slips (a
task of TP10 coded `TP06::KY_DUYET`); a `next` that names no task is repaired to the task with the same
name after the prefix, with a warning.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from pathlib import Path

import defusedxml.ElementTree as ET
from django.contrib.auth.models import Group
from django.db import transaction

from catalog.models import Agency, Procedure
from catalog.models.procedures import Channel
from catalog.parsing.text import fold
from catalog.services import upsert_procedure
from workflows.models import StepKind, Workflow, WorkflowStep

from .checker import Finding, check_workflow
from .setup import LEADER_GROUP, RECEPTION_GROUP

GROUP_NAMES = {
    "BP_MOT_CUA": RECEPTION_GROUP,
    "LANH_DAO_DON_VI": LEADER_GROUP,
    "VAN_PHONG_DANG_KY_QSD_DAT": "Văn phòng đăng ký quyền sử dụng đất",
    "PHONG_TAI_NGUYEN_MOI_TRUONG": "Phòng Tài nguyên và Môi trường",
    "PHONG_LAO_DONG_THUONG_BINH_XA_HOI": "Phòng Lao động - Thương binh và Xã hội",
    "PHONG_TAI_CHINH_KE_HOACH": "Phòng Tài chính - Kế hoạch",
    "PHONG_TU_PHAP": "Phòng Tư pháp",
    "PHONG_KINH_TE_HA_TANG": "Phòng Kinh tế và Hạ tầng",
    "PHONG_QUAN_LY_DO_THI": "Phòng Quản lý đô thị",
    "DIA_CHINH_CAP_XA": "Địa chính cấp xã",
    "BP_THUE": "Cơ quan thuế",
}
# Groups of other agencies: a stage of theirs is an inter-agency hop (Decree 61/2018, art. 21).
INTER_AGENCY_GROUPS = {"BP_THUE", "DIA_CHINH_CAP_XA"}
CENT = Decimal("0.01")


@dataclass
class EparTask:
    code: str
    name: str
    time: Decimal
    next: str
    pause: bool = False
    unpause: bool = False
    decides: bool = False


@dataclass
class EparStage:
    group: str
    name: str
    time: Decimal
    role: str
    tasks: list[EparTask] = field(default_factory=list)


@dataclass
class EparProcess:
    code: str
    name: str
    total: Decimal
    fee: str
    stages: list[EparStage]
    warnings: list[str] = field(default_factory=list)

    @property
    def tasks(self) -> list[tuple[EparStage, EparTask]]:
        return [(stage, task) for stage in self.stages for task in stage.tasks]


def _number(value: str | None) -> Decimal:
    try:
        return Decimal((value or "0").strip() or "0")
    except InvalidOperation:
        return Decimal(0)


def parse_process(path: Path, code: str | None = None) -> EparProcess:
    """Read one `<CODE>_workflow.xml` (BOM, CRLF and CR line ends alike; XML entities refused)."""
    root = ET.parse(path).getroot()
    own = code or root.get("code") or path.stem.split("_")[0]
    process = EparProcess(
        code=own,
        name=(root.get("name") or own).strip(),
        total=_number(root.get("totaltime")),
        fee=(root.get("fee") or "").strip(),
        stages=[],
    )
    if root.get("code") and root.get("code") != own:
        process.warnings.append(f"Tệp {path.name} ghi mã quy trình “{root.get('code')}”; dùng mã {own}.")
    for node in root.findall("step"):
        stage = EparStage(
            group=(node.get("group") or "").strip(),
            name=(node.get("name") or "").strip(),
            time=_number(node.get("time")),
            role=(node.get("role") or "").strip(),
        )
        for t in node.findall("task"):
            stage.tasks.append(
                EparTask(
                    code=(t.get("code") or "").strip(),
                    name=(t.get("name") or "").strip(),
                    time=_number(t.get("time")),
                    next=(t.get("next") or "").strip(),
                    pause=t.get("pause") == "true",
                    unpause=t.get("unpause") == "true",
                    decides=t.get("biz_done") == "true",
                )
            )
        process.stages.append(stage)
    return process


def _step_code(task_code: str, process_codes: set[str]) -> str:
    parts = [p for p in task_code.split("::") if p and p not in process_codes]
    code = "--".join(parts) or task_code.replace("::", "--")
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in code)[:64]


def _resolve_next(process: EparProcess) -> dict[str, str]:
    """Each task's next task code ("END" for NULL), repairing references to tasks that do not exist."""
    order = [task.code for _, task in process.tasks]
    known = set(order)
    by_suffix: dict[str, list[str]] = {}
    for code in order:
        by_suffix.setdefault(code.split("::")[-1], []).append(code)
    resolved = {}
    for index, code in enumerate(order):
        task = process.tasks[index][1]
        target = task.next
        if not target or target.upper() == "NULL":
            resolved[code] = "END"
            continue
        if target in known:
            resolved[code] = target
            continue
        same = by_suffix.get(target.split("::")[-1], [])
        fallback = same[0] if len(same) == 1 else (order[index + 1] if index + 1 < len(order) else "END")
        process.warnings.append(
            f"Công việc {code} chuyển đến “{target}” không có trong quy trình; dùng {fallback}."
        )
        resolved[code] = fallback
    return resolved


def _share(stage: EparStage, waiting: set[str]) -> list[Decimal]:
    """Split the stage's budget over its tasks (tasks that wait outside the agency get none)."""
    budgets = [Decimal(0)] * len(stage.tasks)
    if stage.time <= 0 or not stage.tasks:
        return budgets
    own = [i for i, t in enumerate(stage.tasks) if t.code not in waiting]
    if not own:
        return budgets
    times = {i: max(stage.tasks[i].time, Decimal(0)) for i in own}
    total = sum(times.values())
    if total > stage.time:
        for i in own:
            budgets[i] = (times[i] * stage.time / total).quantize(CENT, rounding=ROUND_DOWN)
    else:
        for i in own:
            budgets[i] = times[i]
    timed = [i for i in own if times[i] > 0] or own
    budgets[timed[-1]] += stage.time - sum(budgets)
    return budgets


def _kind(stage: EparStage, task: EparTask, first_in_stage: bool, waiting: bool) -> str:
    suffix = task.code.split("::")[-1]
    if stage.role == "TIEP_NHAN" and first_in_stage:
        return StepKind.RECEPTION
    if stage.role == "TRA_KET_QUA":
        return StepKind.RETURN
    if waiting or stage.role == "THU_PHI":
        return StepKind.FINANCIAL
    if stage.group in INTER_AGENCY_GROUPS:
        return StepKind.INTER_AGENCY
    if stage.group == "LANH_DAO_DON_VI":
        return StepKind.APPROVAL
    if "PHAN_CONG" in suffix:
        return StepKind.ASSIGNMENT
    if any(word in suffix for word in ("XET_DUYET", "THU_LY", "THAM_DINH", "XAC_NHAN")):
        return StepKind.APPRAISAL
    return StepKind.CUSTOM


def step_specs(process: EparProcess) -> list[dict]:
    """The process as our steps (snapshot shape plus `group_code`), in document order."""
    nexts = _resolve_next(process)
    # A task after a pause="true" task, up to the unpause="true" one, is done while the clock stands still.
    waiting: set[str] = set()
    paused = False
    for _, task in process.tasks:
        if paused:
            waiting.add(task.code)
        if task.pause:
            paused = True
        if task.unpause:
            paused = False
    process_codes = {
        process.code,
        *(t.code.split("::")[-2] for _, t in process.tasks if t.code.count("::") == 1),
    }
    codes: dict[str, str] = {}
    for _, task in process.tasks:
        code = _step_code(task.code, process_codes)
        if code in codes.values():
            code = _step_code(task.code, set())  # keep the prefix that told the two apart
        codes[task.code] = code
    names = [task.name for _, task in process.tasks]
    specs = []
    for stage in process.stages:
        for index, (task, budget) in enumerate(zip(stage.tasks, _share(stage, waiting), strict=True)):
            name = task.name if names.count(task.name) == 1 else f"{task.name} ({stage.name})"
            target = nexts[task.code]
            specs.append(
                {
                    "code": codes[task.code],
                    "name": name[:255],
                    "kind": _kind(stage, task, index == 0, task.code in waiting),
                    "group_code": stage.group,
                    "role": stage.role[:128],
                    "budget_value": budget.quantize(CENT),
                    "next": ["END" if target == "END" else codes[target]],
                    "pauses_clock": task.code in waiting,
                    "decides": task.decides,
                    "source": task.code,
                }
            )
    return specs


def local_procedure_code(epar_code: str, record_id: int | None, province: str) -> str:
    """A catalog code for a procedure the catalog does not have yet: 9.<record id>.<province> (9 = local)."""
    number = record_id if record_id is not None else zlib.crc32(epar_code.encode()) % 1_000_000
    return f"9.{number:06d}.{province}"


@dataclass
class LoadResult:
    code: str
    workflow: Workflow
    outcome: str  # "created" | "updated" | "unchanged"
    findings: list[Finding]
    warnings: list[str]


@transaction.atomic
def load_process(
    process: EparProcess,
    *,
    procedure: Procedure | None = None,
    record_id: int | None = None,
    province: str = "H22",
    agency: Agency | None = None,
    hop_agencies: dict[str, Agency] | None = None,
) -> LoadResult:
    """Create or update the workflow of one E-PAR process; it is active only if the checker finds no error."""
    specs = step_specs(process)
    if procedure is None:
        procedure = Procedure.objects.filter(search_name=fold(process.name)).order_by("pk").first()
    if procedure is None:
        time_text = ""
        if process.total < 0:
            time_text = "Không quy định"
        elif process.total > 0:
            time_text = f"{process.total.normalize():f} ngày làm việc"
        fee = {"": "", "0": "Miễn phí"}.get(process.fee, f"{process.fee} đồng")
        procedure, _ = upsert_procedure(
            {
                "code": local_procedure_code(process.code, record_id, province),
                "name": process.name,
                "status": Procedure.Status.DRAFT,
                "agency": agency.identifier if agency else "",
                "channels": [{"channel": Channel.DIRECT, "processing_time": time_text, "fees": fee}],
                "inter_agency": any(s["group_code"] in INTER_AGENCY_GROUPS for s in specs),
            }
        )
    source = f"E-PAR {process.code}"
    workflow = Workflow.objects.filter(source=source, procedure=procedure).first()
    groups = {
        code: Group.objects.get_or_create(name=GROUP_NAMES.get(code, code))[0]
        for code in {s["group_code"] for s in specs if s["group_code"]}
    }
    hop_agencies = hop_agencies or {}
    steps = [
        WorkflowStep(
            sort_order=i,
            code=s["code"],
            name=s["name"],
            kind=s["kind"],
            group=groups.get(s["group_code"]),
            agency=hop_agencies.get(s["group_code"])
            or (None if s["group_code"] in INTER_AGENCY_GROUPS else agency),
            role=s["role"],
            budget_value=s["budget_value"],
            budget_unit="working_day",
            next_steps=",".join(s["next"]),
            pauses_clock=s["pauses_clock"],
            decides=s["decides"],
        )
        for i, s in enumerate(specs)
    ]
    wanted = [step.as_dict() for step in steps]
    name = process.name[:255]
    outcome = "created"
    if workflow is not None:
        current = [s.as_dict() for s in workflow.steps.select_related("group", "agency")]
        if current == wanted and workflow.name == name:
            findings = check_workflow(workflow, wanted)
            return LoadResult(process.code, workflow, "unchanged", findings, process.warnings)
        outcome = "updated"
    workflow = workflow or Workflow(procedure=procedure, source=source)
    workflow.name = name
    workflow.steps = steps
    findings = check_workflow(workflow, wanted)
    workflow.active = not any(f.is_error for f in findings)
    workflow.save()  # saves the steps too (a ClusterableModel), and bumps the version of an update
    return LoadResult(process.code, workflow, outcome, findings, process.warnings)


def read_procedure_list(path: Path) -> dict[str, tuple[int, str]]:
    """procedures.tsv: E-PAR code → (record id, name)."""
    rows = {}
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split("\t") if lines else []
    for line in lines[1:]:
        cells = dict(zip(header, line.split("\t"), strict=False))
        if cells.get("C_CODE"):
            try:
                rows[cells["C_CODE"].strip()] = (
                    int(cells["PK_RECORD_TYPE"]),
                    cells.get("C_NAME", "").strip(),
                )
            except (KeyError, ValueError):
                continue
    return rows


def workflow_files(directory: Path) -> list[tuple[str, Path]]:
    """(E-PAR code, file) for every `<CODE>_workflow.xml` under the directory, sorted by code."""
    found = [(p.name[: -len("_workflow.xml")], p) for p in directory.rglob("*_workflow.xml")]
    return sorted(found)
