"""Forms of the seller's stock pages: receiving goods, adjusting with a reason, CSV import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from shop.catalog.models import MAX_UNITS
from shop.core.forms import Bounded, ShopForm, WholeNumberField
from shop.inventory.models import AdjustmentKind
from shop.inventory.services import ADJUSTMENT_LABELS, NOTE_MAX, STAFF_ADJUSTMENTS


class ReceiveForm(ShopForm):
    quantity = WholeNumberField(
        _l("Units received"),
        validators=[
            InputRequired(_l("Enter how many units arrived.")),
            Bounded(
                min=1,
                max=MAX_UNITS,
                message=_l("Enter how many units arrived: a number from %(min)s to %(max)s."),
            ),
        ],
    )
    note = StringField(
        _l("Note"),
        description=_l("For example the delivery note or the roasting batch."),
        validators=[Optional(), Length(max=NOTE_MAX)],
    )


class AdjustForm(ShopForm):
    kind = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("Choose a reason"))]
        + [SelectChoice(k.value, ADJUSTMENT_LABELS[k]) for k in STAFF_ADJUSTMENTS],
        validators=[InputRequired(_l("Please choose why the stock changes."))],
    )
    new_count = WholeNumberField(
        _l("Counted stock"),
        description=_l("The number of units you counted; the difference is recorded."),
        validators=[
            Optional(),
            Bounded(
                min=0,
                max=MAX_UNITS,
                message=_l("The counted stock must be a number from %(min)s to %(max)s."),
            ),
        ],
    )
    delta = WholeNumberField(
        _l("Or change by"),
        description=_l("Units to take away (for example -2) or add (for example 3)."),
        validators=[Optional(), Bounded(min=-MAX_UNITS, max=MAX_UNITS)],
    )
    note = StringField(
        _l("Note"),
        description=_l("Required for “Other”."),
        validators=[Optional(), Length(max=NOTE_MAX)],
    )

    def validate_kind(self, field):
        if field.data not in {k.value for k in STAFF_ADJUSTMENTS}:
            raise ValidationError(_l("Please choose why the stock changes."))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() stops the per-field chain on an empty field, so the either-or rule
        # and the note for "Other" are checked here, over the whole form.
        if (self.new_count.data is None) == (self.delta.data is None) and not (
            self.new_count.errors or self.delta.errors
        ):
            self.delta.errors = [
                *self.delta.errors,
                _l("Enter either the counted stock or the change, not both."),
            ]
            ok = False
        if self.delta.data == 0 and not self.delta.errors:
            self.delta.errors = [*self.delta.errors, _l("A change of 0 changes nothing.")]
            ok = False
        if self.kind.data == AdjustmentKind.OTHER and not (self.note.data or "").strip():
            self.note.errors = [*self.note.errors, _l("Please say why the stock changes.")]
            ok = False
        return ok


class ImportForm(ShopForm):
    file = FileField(
        _l("CSV file"),
        description=_l("The export file, edited: UTF-8, at most 2 MB."),
        validators=[FileRequired(_l("Please choose a CSV file."))],
    )
