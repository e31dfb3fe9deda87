"""The fee a citizen pays online with a dossier, read from the procedure's record (issue 13, item 4).

A channel stores its fee cell parsed into tiers (`ProcedureChannel.fees`, `catalog.parsing.fees`). Online
submission takes the online channel's fees, else the desk's (the online fee may be lower: Circular 106/2021
halves some fees online, and the record says so per channel). Only a fee the record fixes without a human's
judgement is asked for online:

* every tier is free, or the cell is empty: nothing to pay;
* exactly one tier, a fixed amount in đồng charged once per dossier (per "trường hợp", "lần", "hồ sơ",
  "giấy phép"…): that amount, paid before the dossier is received;
* anything else (several tiers depending on the case, a percentage, a rate per page or per copy, "theo quy
  định", a foreign currency): the officer works the amount out; nothing is asked at submission and the fee is
  paid as the center tells the applicant. `payable_fee` says which case applies and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from catalog.models import Procedure
from catalog.parsing.text import fold

# What an amount may be charged "per" and still be one payment per dossier.
PER_DOSSIER = frozenset(
    {
        "",
        "truong hop",
        "lan",
        "ho so",
        "bo ho so",
        "giay phep",
        "giay",
        "giay chung nhan",
        "the",
        "chung chi",
        "lan nguoi",
        "nguoi",
        "lan cap",
    }
)


@dataclass(frozen=True)
class PayableFee:
    """What the record says about paying online for one channel.

    `amount` is the đồng to pay online (None: nothing asked online), `text` the fee as the record words it
    (shown to the citizen whatever the case), `channel` the channel whose record was read and `reason` why no
    amount is asked ("" when one is, or the fee is free)."""

    amount: int | None
    text: str
    channel: str
    description: str = ""
    reason: str = ""

    @property
    def required(self) -> bool:
        return bool(self.amount)


def fee_channel(procedure: Procedure, channel: str = "online"):
    """The channel row whose fee applies: the asked channel's, else the desk's (`direct`), else None."""
    rows = {c.channel: c for c in procedure.channels.all()}
    return rows.get(channel) or rows.get("direct")


def _amount(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def payable_fee(procedure: Procedure, channel: str = "online") -> PayableFee:
    row = fee_channel(procedure, channel)
    if row is None:
        return PayableFee(None, procedure.fee_text, channel)
    text = row.fee_text or procedure.fee_text
    tiers = [t for t in row.fees or [] if isinstance(t, dict)]
    amounts = [_amount(t.get("amount")) for t in tiers]
    if not tiers or all(a == 0 for a in amounts):
        return PayableFee(None, text, row.channel)
    priced = [t for t, a in zip(tiers, amounts, strict=True) if a != 0]
    if len(tiers) > 1:
        return PayableFee(
            None, text, row.channel, reason="Mức phí, lệ phí tùy trường hợp: cán bộ sẽ thông báo."
        )
    tier, amount = priced[0], _amount(priced[0].get("amount"))
    if amount is None or tier.get("percent") is not None:
        return PayableFee(None, text, row.channel, reason="Số tiền do cán bộ tính theo hồ sơ và thông báo.")
    if (tier.get("currency") or "VND") != "VND" or amount != amount.to_integral_value() or amount < 0:
        return PayableFee(
            None, text, row.channel, reason="Phí, lệ phí không thu bằng đồng Việt Nam trực tuyến."
        )
    if fold(tier.get("per") or "") not in PER_DOSSIER:
        return PayableFee(None, text, row.channel, reason="Số tiền tùy số lượng: cán bộ sẽ thông báo.")
    kind = tier.get("kind") or ""
    description = tier.get("description") or ""
    label = f"{kind[:1].upper()}{kind[1:]}: {description}" if kind and description else description or kind
    return PayableFee(int(amount), text, row.channel, description=label[:255])
