"""Reasons the shop gives a buyer or a partner for a decision, read in the reader's language.

Staff write in their own language, and a buyer or partner may read another: a rejected slip's
"ไม่พบยอดโอนนี้ในบัญชีของร้าน" means nothing to an English buyer. So a decision that owes its
reader a reason offers the common reasons as a list (``ReasonList``): staff choose one, the
shop stores its **code**, and every mail and page words it in its own reader's language at the
time it is rendered. Anything staff add is a note, stored as typed and shown as such: "Note
from the shop (in its own words): …", so the reader knows it was not translated.

One mechanism for every such decision: a ``ReasonList`` per kind of decision (declared by the
domain that owns it), ``ReasonFields`` in its form, two stored values (code and note), and
``reason_text`` (a template global) to word them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from shop.core.forms import at_most

OTHER = "other"
NOTE_MAX_LENGTH = 500
CODE_MAX_LENGTH = 40
_LISTS: dict[str, ReasonList] = {}


@dataclass(frozen=True)
class ReasonList:
    """The common reasons for one kind of decision: ``name`` and ``(code, wording)`` pairs,
    the wording a lazy translatable sentence addressed to the reader. "Another reason" (code
    ``other``, explained in the note) is always offered last. Registered by name on creation.
    """

    name: str
    reasons: tuple[tuple[str, object], ...]

    def __post_init__(self):
        codes = [code for code, _wording in self.reasons]
        if OTHER in codes or len(set(codes)) != len(codes):
            raise ValueError(f"reason codes of {self.name} must be unique and not {OTHER!r}")
        if any(len(code) > CODE_MAX_LENGTH for code in codes):
            raise ValueError(f"a reason code of {self.name} is longer than {CODE_MAX_LENGTH}")
        _LISTS[self.name] = self

    def choices(self) -> list[tuple[str, str]]:
        """(code, wording) for a form, in the current language, "Another reason" last."""
        return [(code, str(wording)) for code, wording in self.reasons] + [
            (OTHER, _("Another reason (say which in the note)"))
        ]

    def accepts(self, code: str | None, note: str | None) -> bool:
        """Whether (code, note) is a reason this list can give: a listed code, or "other"
        with a note."""
        if code == OTHER:
            return bool(note and note.strip())
        return any(c == code for c, _wording in self.reasons)

    def wording(self, code: str | None) -> str:
        """The reason ``code`` in the current language; "" for ``other``, none or a code the
        list no longer has."""
        return next((str(w) for c, w in self.reasons if c == code), "")


def reason_list(name: str) -> ReasonList:
    """The registered list called ``name``. Raises KeyError for an unknown name."""
    return _LISTS[name]


def reason_text(list_name: str, code: str | None, note: str | None) -> str:
    """A given reason as its reader reads it, in the current language: the chosen reason's
    wording, then the note marked as the shop's own words. A reason stored before codes were
    (a note alone) reads as a note."""
    parts = [reason_list(list_name).wording(code)]
    if note and note.strip():
        parts.append(_("Note from the shop (in its own words): %(note)s", note=note.strip()))
    return " ".join(part for part in parts if part)


class ReasonFields:
    """Form fields of a reason, for a WTForms form class to derive from together with its base
    (``class RejectForm(ReasonFields, ShopForm)``), with ``reason_list`` set to its list.

    ``reason`` must be one of the list's codes; ``note`` is optional except for "Another
    reason". ``given()`` is the (code, note) to store.
    """

    reason_list: ReasonList

    reason = RadioField(
        _l("Reason (the reader gets it in their own language)"),
        validators=[InputRequired(_l("Please choose a reason."))],
    )
    note = TextAreaField(
        _l("Note in your own words (optional; sent as you write it, not translated)"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[at_most(NOTE_MAX_LENGTH)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = self.reason_list.choices()

    def validate_note(self, field):
        if self.reason.data == OTHER and not field.data:
            raise ValidationError(_l("Please say the reason in the note."))

    def given(self) -> tuple[str, str]:
        """(code, note) as chosen and typed."""
        return self.reason.data, self.note.data or ""


def all_lists() -> Iterable[ReasonList]:
    return tuple(_LISTS.values())
