"""Vietnamese sentences that explain a due date.

Every ``Deadline`` carries a list of sentences a clerk can read aloud or print on the receipt slip, e.g.
"Tiếp nhận thứ Sáu 13/02/2026 lúc 15:30, sau giờ chốt 15:00 → tính từ 07:30 thứ Hai 23/02/2026 (nghỉ Tết
Nguyên đán 16–20/02/2026)". The engine computes; this module only formats, so wording can change without
touching the arithmetic.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .model import Budget, Extension, Pause, Reschedule
from .vn_holidays import family_name
from .workcalendar import MINUTES_PER_DAY, WorkCalendar

WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def fmt_number(value: float) -> str:
    """5 -> "5", 0.5 -> "0,5" (Vietnamese decimal comma)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.4f}".rstrip("0").replace(".", ",")


def fmt_date(d: date) -> str:
    return f"{WEEKDAYS_VI[d.weekday()]} {d:%d/%m/%Y}"


def fmt_instant(t: datetime) -> str:
    """ "17:00 thứ Sáu 27/02/2026"."""
    return f"{t:%H:%M} {fmt_date(t.date())}"


def fmt_minute_of_day(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def fmt_duration(minutes: int) -> str:
    """Working minutes as "16 giờ", "2 giờ 30 phút", "45 phút"."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} giờ {rest} phút"
    if hours:
        return f"{hours} giờ"
    return f"{rest} phút"


def fmt_office_hours(cal: WorkCalendar) -> str:
    return ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in cal.office_hours)


def _fmt_range(first: date, last: date) -> str:
    if first == last:
        return f"{first:%d/%m/%Y}"
    if first.year == last.year and first.month == last.month:
        return f"{first:%d}–{last:%d/%m/%Y}"
    if first.year == last.year:
        return f"{first:%d/%m}–{last:%d/%m/%Y}"
    return f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"


def named_days_off_phrase(cal: WorkCalendar, first: date, last: date) -> str:
    """ "Tết Nguyên đán 16–20/02/2026; Ngày Chiến thắng 30/04/2026" for the named days off in [first, last].

    Consecutive days of the same holiday are grouped; weekends inside a group do not split it.
    """
    if last < first:
        return ""
    groups: list[list] = []
    for d, name in cal.named_days_off(first, last):
        label = family_name(name)
        if groups and groups[-1][0] == label and _only_days_off_between(cal, groups[-1][2], d):
            groups[-1][2] = d
        else:
            groups.append([label, d, d])
    return "; ".join(f"{label} {_fmt_range(a, b)}" for label, a, b in groups)


def _only_days_off_between(cal: WorkCalendar, a: date, b: date) -> bool:
    d = a + timedelta(days=1)
    while d < b:
        if cal.is_working_day(d):
            return False
        d += timedelta(days=1)
    return True


def _details(reason: str, legal_basis: str, actor: str) -> str:
    candidates = (reason, legal_basis and f"căn cứ: {legal_basis}", actor and f"người thực hiện: {actor}")
    parts = [p for p in candidates if p]
    return f" ({'; '.join(parts)})" if parts else ""


def receipt_sentence(cal: WorkCalendar, received: int, start: int, cutoff: int | None) -> str:
    """How the clock start follows from the receipt instant."""
    r = cal.instant(received)
    s = cal.instant(start)
    head = f"Tiếp nhận {fmt_date(r.date())} lúc {r:%H:%M}"
    if start == received:
        return f"{head}, trong giờ làm việc → bắt đầu tính từ thời điểm tiếp nhận"
    tod = received % MINUTES_PER_DAY
    if not cal.is_working_index(received):
        name = cal.day_off_name(r.date())
        why = f"ngày nghỉ ({family_name(name)})" if name else "ngày nghỉ cuối tuần"
    elif cutoff is not None and tod >= cutoff:
        why = f"sau giờ chốt {fmt_minute_of_day(cutoff)}"
    else:
        why = f"ngoài giờ làm việc ({fmt_office_hours(cal)})"
    skipped = named_days_off_phrase(cal, r.date() + timedelta(days=1), s.date() - timedelta(days=1))
    tail = f" (nghỉ {skipped})" if skipped else ""
    return f"{head}, {why} → tính từ {fmt_instant(s)}{tail}"


def budget_sentence(cal: WorkCalendar, budget: Budget) -> str:
    hours = fmt_office_hours(cal)
    day_len = fmt_duration(cal.day_minutes)
    if budget.unit is None:
        return "Thủ tục không quy định thời hạn giải quyết → không có hạn trả kết quả"
    if budget.is_same_day:
        close = fmt_minute_of_day(cal.close_minute)
        return f"Thời hạn: trong ngày → hạn là cuối giờ làm việc ({close}) của ngày bắt đầu tính"
    value = fmt_number(budget.value)
    if budget.unit == "working_day":
        extra = ""
        if budget.value != int(budget.value):
            extra = f" (= {fmt_duration(round(budget.value * cal.day_minutes))} làm việc)"
        return (
            f"Thời hạn {value} ngày làm việc{extra}, cộng dần theo giờ làm việc "
            f"(1 ngày làm việc = {day_len}: {hours})"
        )
    if budget.unit == "hour":
        return f"Thời hạn {value} giờ làm việc, cộng dần theo giờ làm việc ({hours}; không tính ngày nghỉ)"
    return (
        f"Thời hạn {value} ngày (ngày lịch): cộng {value} ngày kể từ thời điểm bắt đầu tính, giữ nguyên giờ"
    )


def counting_sentence(cal: WorkCalendar, budget: Budget, counting: str) -> str | None:
    """Which counting rule (engine rule 9) a day budget used, so an officer can check it by hand."""
    if budget.unit not in ("working_day", "day") or budget.is_same_day:
        return None
    if counting == "end_of_last_day":
        close = fmt_minute_of_day(cal.close_minute)
        return (
            "Cách tính: không tính ngày tiếp nhận; thời hạn kết thúc vào cuối giờ làm việc "
            f"({close}) của ngày cuối cùng (Điều 147, 148 Bộ luật Dân sự 2015)"
        )
    return "Cách tính: từ thời điểm bắt đầu tính đến cùng giờ đó của ngày cuối cùng của thời hạn"


def extension_sentence(ext: Extension) -> str:
    unit = {"working_day": "ngày làm việc", "hour": "giờ làm việc", "day": "ngày (ngày lịch)"}[ext.unit]
    return f"Gia hạn thêm {fmt_number(ext.value)} {unit}{_details(ext.reason, ext.legal_basis, ext.actor)}"


def skipped_days_sentence(cal: WorkCalendar, start: int, due: int) -> str | None:
    """Named days off inside the counting window, and worked weekend days, for working-time budgets."""
    first, last = cal.instant(start).date(), cal.instant(due).date()
    parts = []
    off = named_days_off_phrase(cal, first, last)
    if off:
        parts.append(f"Không tính các ngày nghỉ: {off}")
    worked = cal.working_weekend_days(first, last)
    if worked:
        days = ", ".join(fmt_date(d) for d, _ in worked)
        parts.append(f"tính {days} là ngày làm việc (làm bù)")
    if not parts:
        return None
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def roll_sentence(cal: WorkCalendar, before: int, after: int) -> str:
    d = cal.instant(before).date()
    name = cal.day_off_name(d)
    why = f"ngày nghỉ ({family_name(name)})" if name else "ngày nghỉ cuối tuần"
    return (
        f"Ngày {d:%d/%m/%Y} ({WEEKDAYS_VI[d.weekday()]}) là {why} → hạn chuyển sang ngày làm việc tiếp theo: "
        f"{fmt_date(cal.instant(after).date())}"
    )


def pause_sentence(
    cal: WorkCalendar, pause: Pause, start: int, end: int, added: int, *, calendar_days: bool
) -> str:
    """One ledger segment and what it did to the due date (``added`` working minutes)."""
    details = _details(pause.reason, pause.legal_basis, pause.actor)
    if pause.end is None:  # still open, closed provisionally at ``as_of``
        head = (
            f"Đang tạm dừng từ {fmt_instant(cal.instant(start))}{details}, "
            f"tạm tính đến {fmt_instant(cal.instant(end))}"
        )
    else:
        head = f"Tạm dừng từ {fmt_instant(cal.instant(start))} đến {fmt_instant(cal.instant(end))}{details}"
    if added == 0:
        return f"{head}: không trùng giờ làm việc sau khi bắt đầu tính → không cộng thêm"
    if calendar_days:
        return f"{head}: {fmt_duration(added)} làm việc tạm dừng"
    return f"{head}: cộng thêm {fmt_duration(added)} làm việc"


def pause_after_due_sentence(cal: WorkCalendar, pause: Pause, start: int) -> str:
    details = _details(pause.reason, pause.legal_basis, pause.actor)
    return f"Tạm dừng từ {fmt_instant(cal.instant(start))}{details} bắt đầu sau hạn → không làm thay đổi hạn"


def open_pause_sentence(cal: WorkCalendar, pause: Pause, start: int) -> str:
    details = _details(pause.reason, pause.legal_basis, pause.actor)
    return (
        f"Đang tạm dừng từ {fmt_instant(cal.instant(start))}{details}: đồng hồ dừng, "
        "hạn trả kết quả sẽ được tính lại khi tiếp tục giải quyết"
    )


def calendar_pause_summary(total: int, shift: int) -> str:
    return (
        f"Tổng thời gian tạm dừng {fmt_duration(total)} làm việc → hạn dời thêm {shift} ngày làm việc "
        "(thời hạn tính theo ngày lịch nên thời gian tạm dừng được làm tròn lên thành ngày làm việc)"
    )


def reschedule_sentence(
    cal: WorkCalendar, r: Reschedule, old: datetime | None, new: datetime, form_label: str | None
) -> str:
    title = form_label or "Xin lỗi và hẹn lại ngày trả kết quả"
    old_txt = f"từ {fmt_instant(old)} " if old is not None else ""
    note = "" if cal.is_working_day(new.date()) else " (lưu ý: ngày hẹn lại là ngày nghỉ)"
    details = _details(r.reason, r.legal_basis, r.actor)
    return f"{title}: hạn đổi {old_txt}sang {fmt_instant(new)}{details}{note}"


def final_sentence(due: datetime | None, provisional: bool = False) -> str:
    if due is None:
        return "Chưa có hạn trả kết quả"
    label = "Hạn trả kết quả (tạm tính)" if provisional else "Hạn trả kết quả"
    return f"{label}: {fmt_instant(due)}"
