"""Dossiers (hồ sơ), their append-only history, the clock ledger and the daily code sequences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Agency, Center, Procedure
from catalog.models.procedures import Channel
from workflows.registry import action_choices

from .definitions import Workflow


class DossierStatus(models.IntegerChoices):
    """The national dossier status codes (Cổng DVC quốc gia), 1–10."""

    NEW = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    NOT_RECEIVED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT = 5, _("Yêu cầu bổ sung giấy tờ")
    FINANCIAL = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    DONE = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


OPEN_STATUSES = (
    DossierStatus.NEW,
    DossierStatus.RECEIVED,
    DossierStatus.PROCESSING,
    DossierStatus.SUPPLEMENT,
    DossierStatus.FINANCIAL,
    DossierStatus.DONE,
)


class Dossier(models.Model):
    # How it was submitted: the procedure's channels, defined once in catalog.
    Channel = Channel

    class ApplicantKind(models.TextChoices):
        PERSON = "person", _("Cá nhân")
        ORGANISATION = "organisation", _("Tổ chức")

    class Timeliness(models.TextChoices):
        EARLY = "early", _("Trước hạn")
        ON_TIME = "on_time", _("Đúng hạn")
        LATE = "late", _("Trễ hạn")

    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    # Two separate things since Decree 118/2025 (art. 7, 11): the center that received the dossier (any center
    # of the province, whatever the applicant's commune) and the competent agency that resolves it. Reception
    # and return are scoped by the center, processing by the agency (`workflows.permissions`).
    center = models.ForeignKey(
        Center, verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan có thẩm quyền giải quyết"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    workflow = models.ForeignKey(
        Workflow, verbose_name=_("quy trình"), on_delete=models.PROTECT, related_name="+"
    )
    workflow_version = models.PositiveIntegerField(default=1)
    workflow_snapshot = models.JSONField(default=dict, editable=False)
    channel = models.CharField(_("cách thức nộp"), max_length=16, choices=Channel.choices)
    applicant_kind = models.CharField(
        max_length=16, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    applicant_name = models.CharField(_("người nộp"), max_length=255)
    applicant_id_number = models.CharField(_("số định danh"), max_length=32, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # Printed on the receipt and sent to the applicant; the lookup asks for it (workflows.services.lookup).
    # Dossiers received before it existed have none and keep the last four digits of the ID or phone.
    lookup_secret = models.CharField(_("mã bí mật tra cứu"), max_length=16, blank=True, editable=False)
    components = models.JSONField(_("thành phần hồ sơ"), default=list, blank=True)
    # The fee the applicant must pay online before the dossier is received, in đồng, as the procedure's
    # record gave it at submission (`catalog.services.payable_fee`); None when nothing is asked online.
    fee_due = models.PositiveBigIntegerField(_("phí, lệ phí phải nộp trực tuyến"), null=True, blank=True)
    rule_set = models.CharField(_("quy định áp dụng"), max_length=32, editable=False)
    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=DossierStatus.choices, default=DossierStatus.NEW
    )
    step_code = models.CharField(_("bước hiện tại"), max_length=64, blank=True)
    # Copied from the snapshot's current step on every move, so queues and the permission policy can filter
    # in SQL ("my group's dossiers", "dossiers hopping through my agency") without reading the JSON.
    step_group = models.CharField(_("nhóm xử lý"), max_length=150, blank=True, db_index=True)
    step_agency = models.CharField(_("cơ quan xử lý bước"), max_length=32, blank=True, db_index=True)
    step_started_at = models.DateTimeField(null=True, blank=True)
    step_due_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True)
    # yyyyQ of the local receipt date (20261 = first quarter of 2026): the dashboards group by it through an
    # index instead of computing a quarter from every row's timestamp.
    received_quarter = models.PositiveIntegerField(null=True, blank=True, editable=False)
    due_at = models.DateTimeField(_("hẹn trả"), null=True, blank=True)
    due_explanation = models.JSONField(default=list, blank=True, editable=False)
    paused_at = models.DateTimeField(_("tạm dừng từ"), null=True, blank=True)
    rescheduled = models.BooleanField(_("đã hẹn lại"), default=False)
    finished_at = models.DateTimeField(_("ngày có kết quả"), null=True, blank=True)
    returned_at = models.DateTimeField(_("ngày trả kết quả"), null=True, blank=True)
    timeliness = models.CharField(_("tiến độ"), max_length=16, choices=Timeliness.choices, blank=True)
    overdue = models.BooleanField(_("quá hạn"), default=False, db_index=True)
    # Optimistic lock: every action is a conditional UPDATE on (pk, version), so two officers acting at once
    # cannot both win, on SQLite (where select_for_update is a no-op) as on PostgreSQL.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["status", "due_at"]),
            # An agency's dossiers by receipt date, with every column the periodic report and the evaluation
            # read: their grouped counts are an index-only scan of the agency's entries instead of one heap
            # page per dossier (an agency's dossiers are spread over the whole table; 2.2 s → 0.15 s per
            # agency-quarter at 5M dossiers, bench/reports).
            models.Index(
                fields=["agency", "received_at"],
                include=[
                    "id",
                    "finished_at",
                    "due_at",
                    "status",
                    "channel",
                    "paused_at",
                    "rescheduled",
                    "procedure",
                ],
                name="dossier_agency_received",
            ),
            models.Index(fields=["center", "status"]),
            # Covers the dashboard's big grouping (agency, quarter of receipt, timeliness): an index-only scan.
            models.Index(fields=["agency", "received_quarter", "timeliness"], name="dossier_dashboard"),
            # The listing's order (newest first) for a province-wide view: the first page reads 50 index
            # entries instead of sorting every dossier.
            models.Index(fields=["-received_at", "-id"], name="dossier_recent"),
            # An officer's whole listing, newest first, is the OR of their agency, the current step's agency,
            # their center and their open branches: each arm read in that order from its own index, and the
            # arms merged (`workflows.queues.CappedCountPaginator`), where the OR over `dossier_recent` walked
            # the whole province's newest dossiers to reach a deep page. The agency's arm reads
            # `dossier_agency_received`.
            models.Index(fields=["step_agency", "-received_at", "-id"], name="dossier_step_agency_recent"),
            models.Index(fields=["center", "-received_at", "-id"], name="dossier_center_recent"),
            # The open dossiers only (about 5 % of five years): the queues' counts and the dashboard read this
            # small index, with every column they filter on included, instead of the whole table.
            models.Index(
                fields=["status", "due_at"],
                include=["agency", "center", "step_agency", "step_group", "assignee", "paused_at"],
                condition=models.Q(status__in=[int(s) for s in OPEN_STATUSES]),
                name="dossier_open",
            ),
            # An officer's queue tabs list their scope's open dossiers of a status (`center OR agency` for
            # reception and return, `agency OR step agency` for processing): with these and (center, status)
            # PostgreSQL ORs the small bitmaps instead of reading every dossier of the status province-wide.
            models.Index(
                fields=["agency", "status"],
                condition=models.Q(status__in=[int(s) for s in OPEN_STATUSES]),
                name="dossier_open_agency",
            ),
            models.Index(
                fields=["step_agency", "status"],
                condition=models.Q(status__in=[int(s) for s in OPEN_STATUSES]),
                name="dossier_open_step_agency",
            ),
            # The dashboard's "overdue" list (oldest due first): the running open dossiers in due order.
            models.Index(
                fields=["due_at"],
                condition=models.Q(status__in=[int(s) for s in OPEN_STATUSES], paused_at__isnull=True),
                name="dossier_running",
            ),
            # The dashboard's "returned this year, early / on time / late": an index-only scan of one year's
            # returned dossiers (every column the permission scope reads included) instead of the table.
            models.Index(
                fields=["received_quarter", "timeliness"],
                include=["agency", "center", "step_agency"],
                condition=models.Q(status=int(DossierStatus.RETURNED)),
                name="dossier_returned",
            ),
        ]
        permissions = [
            ("act_on_dossier", "Có thể xử lý hồ sơ"),
            ("approve_dossier", "Có thể phê duyệt hồ sơ"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def lookup_secrets(self) -> set[str]:
        """What the public lookup accepts: the dossier's own secret, or for a dossier received before secrets
        were given, the last four digits of the applicant's ID number or phone."""
        if self.lookup_secret:
            return {self.lookup_secret}
        return {v[-4:] for v in (self.applicant_id_number, self.applicant_phone) if v and len(v) >= 4}

    @staticmethod
    def quarter_of(moment) -> int:
        local = timezone.localtime(moment)
        return local.year * 10 + (local.month - 1) // 3 + 1

    def step(self) -> dict | None:
        for step in self.workflow_snapshot.get("steps", []):
            if step["code"] == self.step_code:
                return step
        return None


class DossierEvent(models.Model):
    """Append-only history: who did what, when, from which state and step to which."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_name = models.CharField(_("người thực hiện"), max_length=255, blank=True)
    # The registered actions (workflows.registry), read when a form or the admin lists them.
    action = models.CharField(_("thao tác"), max_length=32, choices=action_choices)
    from_status = models.PositiveSmallIntegerField(null=True, blank=True)
    to_status = models.PositiveSmallIntegerField(null=True, blank=True)
    from_step = models.CharField(max_length=64, blank=True)
    to_step = models.CharField(max_length=64, blank=True)
    step_due_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Lịch sử xử lý hồ sơ không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Lịch sử xử lý hồ sơ không được xóa.")


class ClockSegment(models.Model):
    """A pause or an extension in a dossier's clock ledger."""

    class Kind(models.TextChoices):
        PAUSE = "pause", _("Tạm dừng")
        RESCHEDULE = "reschedule", _("Hẹn lại")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="clock_segments")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    legal_basis = models.CharField(max_length=255, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    new_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d/%m/%Y %H:%M}"


class DailySequence(models.Model):
    """The last dossier number given for an agency on a day; incremented inside the receiving transaction."""

    prefix = models.CharField(max_length=64)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "day"], name="unique_daily_sequence")]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day:%d/%m/%Y}: {self.last}"
