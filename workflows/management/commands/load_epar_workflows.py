"""manage.py load_epar_workflows DIR: bring an E-PAR system's workflows in (see workflows.services.epar)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalog.models import Agency, Procedure
from workflows.services.epar import load_process, parse_process, read_procedure_list, workflow_files


class Command(BaseCommand):
    help = "Nạp các quy trình E-PAR (<MÃ>_workflow.xml) thành quy trình xử lý; chạy lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="thư mục xml-config của E-PAR")
        parser.add_argument("--procedures", help="procedures.tsv (mặc định: ../procedures.tsv nếu có)")
        parser.add_argument("--map", help="tệp TSV: mã E-PAR <tab> mã thủ tục trong danh mục")
        parser.add_argument("--agency", help="mã định danh cơ quan thực hiện các bước nội bộ")
        parser.add_argument(
            "--hop-agency",
            action="append",
            default=[],
            metavar="NHÓM=MÃ_ĐỊNH_DANH",
            help="cơ quan của một nhóm liên thông, ví dụ BP_THUE=000.00.99.H22",
        )

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"Không có thư mục {directory}.")
        listing = (
            Path(options["procedures"]) if options["procedures"] else directory.parent / "procedures.tsv"
        )
        records = read_procedure_list(listing) if listing.is_file() else {}
        mapping = {}
        if options["map"]:
            for line in Path(options["map"]).read_text(encoding="utf-8-sig").splitlines():
                parts = [p.strip() for p in line.split("\t")]
                if len(parts) >= 2 and parts[0] and not parts[0].startswith("#"):
                    mapping[parts[0]] = parts[1]
        agency = self._agency(options["agency"]) if options["agency"] else None
        hops = {}
        for item in options["hop_agency"]:
            group, _, identifier = item.partition("=")
            hops[group.strip()] = self._agency(identifier.strip())
        files = workflow_files(directory)
        if not files:
            raise CommandError(f"Không thấy tệp *_workflow.xml nào trong {directory}.")
        counts = {"created": 0, "updated": 0, "unchanged": 0, "inactive": 0}
        for code, path in files:
            procedure = None
            if code in mapping:
                procedure = Procedure.objects.filter(code=mapping[code]).first()
                if procedure is None:
                    raise CommandError(f"{code}: không có thủ tục {mapping[code]} trong danh mục.")
            result = load_process(
                parse_process(path, code),
                procedure=procedure,
                record_id=records.get(code, (None, ""))[0],
                province=settings.PROVINCE_CODE,
                agency=agency,
                hop_agencies=hops,
            )
            counts[result.outcome] += 1
            errors = [f for f in result.findings if f.is_error]
            counts["inactive"] += bool(errors)
            state = "chưa áp dụng (có lỗi)" if errors else "đang áp dụng"
            self.stdout.write(
                f"{code}: {result.outcome}, {result.workflow.steps.count()} bước, "
                f"thủ tục {result.workflow.procedure.code}, {state}"
            )
            for line in [*result.warnings, *(f.message for f in result.findings)]:
                self.stdout.write(f"    - {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(files)} quy trình: {counts['created']} mới, {counts['updated']} cập nhật, "
                f"{counts['unchanged']} không đổi; {counts['inactive']} chưa áp dụng vì còn lỗi."
            )
        )

    @staticmethod
    def _agency(identifier: str) -> Agency:
        agency = Agency.objects.filter(identifier=identifier).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã định danh {identifier}.")
        return agency
