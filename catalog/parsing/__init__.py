"""Pure-Python parsers for catalog values: text, codes, levels, channels, processing times and fees.

Nothing here imports Django, so importers, benchmarks and tests can use it without settings.
"""

from .channels import CHANNEL_LABELS, Channel, ChannelRow, channel_key, split_channel_table
from .codes import (
    AgencyCode,
    DecisionNumber,
    ProcedureCode,
    is_agency_code,
    is_procedure_code,
    normalize_agency_code,
    normalize_decision_number,
    normalize_procedure_code,
    parse_agency_code,
    parse_decision_number,
    parse_procedure_code,
)
from .fees import Fee, FeeKind, fees_json, fees_structured, parse_amount, parse_fees
from .levels import LEVEL_KEYS, LevelKey, parse_levels
from .processing_time import TIME_UNITS, ProcessingTime, TimeUnit, parse_processing_time
from .text import EMPTY_MARKERS, fold, is_empty_value, marked_words, normalize_text, strip_diacritics

__all__ = [
    "CHANNEL_LABELS",
    "EMPTY_MARKERS",
    "LEVEL_KEYS",
    "TIME_UNITS",
    "AgencyCode",
    "Channel",
    "ChannelRow",
    "DecisionNumber",
    "Fee",
    "FeeKind",
    "LevelKey",
    "ProcedureCode",
    "ProcessingTime",
    "TimeUnit",
    "channel_key",
    "fees_json",
    "fees_structured",
    "fold",
    "is_agency_code",
    "is_empty_value",
    "is_procedure_code",
    "marked_words",
    "normalize_agency_code",
    "normalize_decision_number",
    "normalize_procedure_code",
    "normalize_text",
    "parse_agency_code",
    "parse_amount",
    "parse_decision_number",
    "parse_fees",
    "parse_levels",
    "parse_procedure_code",
    "parse_processing_time",
    "split_channel_table",
    "strip_diacritics",
]
