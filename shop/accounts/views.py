"""Account pages: register, log in and out, password reset, profile and addresses."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.exceptions import TooManyRequests

from shop.accounts import email_proof, login_limits, login_sessions, services
from shop.accounts.access import home_endpoint
from shop.accounts.forms import (
    AcceptInvitationForm,
    AddressForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    RegisterForm,
    ResetRequestForm,
)
from shop.accounts.models import Address, User
from shop.cart.views import CART_KEY
from shop.core.i18n import LANG_COOKIE, set_language_cookie
from shop.extensions import db, limiter
from shop.orders.labels import STATUS_NAMES as ORDER_STATUS_NAMES
from shop.orders.services import orders_of_user
from shop.platform import invitations

bp = Blueprint("accounts", __name__, url_prefix="/account")

REMEMBER_COOKIE = "remember_token"  # Flask-Login's default REMEMBER_COOKIE_NAME


def safe_next(target: str | None) -> str | None:
    """``target`` when it is a path on this site ("/products?q=x"), else None.

    Refuses absolute and scheme-relative URLs ("//evil.example"), backslashes (browsers read
    "/\\evil.example" as another host) and control characters.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 0x21 or ord(c) == 0x7F for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def _next_or_home(target: str | None) -> Response:
    """To ``target`` when it is a safe path on this site, else to the user's home (the admin,
    the seller backend, the partner's page or the account page: access.home_endpoint)."""
    return redirect(safe_next(target) or url_for(home_endpoint(current_user)))


def _start_session(user: User, *, remember: bool = False) -> None:
    """Log the user in on a fresh session (against session fixation), keeping the guest cart.

    A new server-side log-in (login_sessions) is what the cookies name; this browser's previous
    log-in, if any, ends.
    """
    guest_cart_token = session.get(CART_KEY)
    if current_user.is_authenticated:
        login_sessions.end_login_session(current_user)
    session.clear()
    login_sessions.open_login_session(
        user, user_agent=request.user_agent.string, ip_address=request.remote_addr or ""
    )
    login_user(user, remember=remember)
    if not remember and REMEMBER_COOKIE in request.cookies:
        # Someone else may be remembered on this (shared) device: forget them.
        session["_remember"] = "clear"
    services.merge_guest_cart(user.id, guest_cart_token)
    email_proof.link_if_proven(user)  # guest orders placed since the address was proven


def _remember_language(response: Response, lang: str) -> Response:
    """Show the shop in the language the user just chose (the cookie outranks the account)."""
    if request.cookies.get(LANG_COOKIE) != lang:
        set_language_cookie(response, lang)
    return response


def _submitted_email() -> str:
    return "login-email:" + request.form.get("email", "").strip().lower()


@bp.app_template_filter("thai_phone")
def thai_phone(number: str) -> str:
    """A stored phone number grouped as Thais write it: 081-234-5678, 02-123-4567, 077-811-234."""
    if not (number.isascii() and number.isdigit()):
        return number
    if len(number) == 10:
        return f"{number[:3]}-{number[3:6]}-{number[6:]}"
    if len(number) == 9 and number.startswith("02"):
        return f"{number[:2]}-{number[2:5]}-{number[5:]}"
    if len(number) == 9:
        return f"{number[:3]}-{number[3:6]}-{number[6:]}"
    return number


@bp.errorhandler(429)
def too_many_attempts(error: TooManyRequests):
    seconds = getattr(getattr(getattr(error, "limit", None), "limit", None), "get_expiry", None)
    minutes = math.ceil(seconds() / 60) if seconds else 1
    return render_template(
        "accounts/too_many.html",
        minutes=minutes,
        unlock_offered=g.get("login_unlock_offered", False),
    ), 429


# --- registration and log-in ------------------------------------------------------------------


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], deduct_when=lambda r: r.status_code == 302)
def register():
    if current_user.is_authenticated:
        return _next_or_home(request.args.get("next"))
    form = RegisterForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.register_user(
                email=form.email.data,
                password=form.password.data,
                name=form.name.data,
                phone=form.phone.data,
                locale=form.language.data,
            )
        except services.EmailTaken as exc:
            form.email.errors.append(exc.message)
        else:
            _start_session(user)
            db.session.commit()
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return _remember_language(_next_or_home(form.next.data), user.locale)
    return render_template("accounts/register.html", form=form)


# Wrong passwords only, per address, per email and address, per email (see login_limits).
@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    login_limits.PER_ADDRESS,
    methods=["POST"],
    key_func=login_limits.address_key,
    deduct_when=login_limits.was_wrong_password,
)
@limiter.limit(
    login_limits.PER_EMAIL,
    methods=["POST"],
    key_func=login_limits.email_key,
    deduct_when=login_limits.was_wrong_password,
    exempt_when=login_limits.holds_unlock_link,
    on_breach=login_limits.mail_unlock_link,
)
@limiter.limit(
    login_limits.PER_EMAIL_AND_ADDRESS,
    methods=["POST"],
    key_func=login_limits.email_and_address_key,
    deduct_when=login_limits.was_wrong_password,
    exempt_when=login_limits.holds_unlock_link,
)
def login():
    if current_user.is_authenticated:
        return _next_or_home(request.args.get("next"))
    form = LoginForm(next=request.args.get("next", ""))
    error = None
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            login_limits.note_wrong_password()
            error = _("Email or password is incorrect.")
        else:
            _start_session(user, remember=form.remember.data)
            db.session.commit()
            return _next_or_home(form.next.data)
    return render_template("accounts/login.html", form=form, error=error)


@bp.get("/unlock/<token>")
def unlock(token: str):
    """The link mailed to an owner whose email reached the log-in ceiling: the log-in form,
    exempt from the email limits (login_limits)."""
    user = login_limits.user_for_unlock_token(token)
    if user is None:
        return render_template("accounts/unlock_invalid.html"), 400
    form = LoginForm(formdata=None, email=user.email, unlock=token)
    return render_template("accounts/login.html", form=form, error=None)


def _end_session() -> None:
    # Clear first: logout_user() leaves a note in the session to delete the remember-me cookie.
    session.clear()
    logout_user()


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        login_sessions.end_login_session(current_user)
        db.session.commit()
    _end_session()
    flash(_("You are logged out."), "success")
    return redirect(url_for("catalog.home"))


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere():
    """End every log-in of the user: this browser, other devices, every app server."""
    login_sessions.end_all_login_sessions(current_user.id)
    db.session.commit()
    _end_session()
    flash(_("You are logged out on every device."), "success")
    return redirect(url_for("catalog.home"))


# --- password reset ---------------------------------------------------------------------------


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("5 per hour", methods=["POST"], key_func=_submitted_email)
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.send_password_reset(form.email.data)
        db.session.commit()  # the mail is queued in the outbox; it leaves after the response
        return render_template(
            "accounts/reset_sent.html",
            email=form.email.data,
            minutes=max(1, services.password_reset_max_age() // 60),
        )
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = services.user_for_reset_token(token)
    if user is None:
        return render_template("accounts/reset_invalid.html"), 400
    form = NewPasswordForm()
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        _start_session(user)
        db.session.commit()
        flash(_("Your new password is saved and you are logged in."), "success")
        return redirect(url_for("accounts.account"))
    return render_template("accounts/reset_password.html", form=form, user=user)


# --- proving the email address ----------------------------------------------------------------


@bp.route("/prove/<token>", methods=["GET", "POST"])
def prove_email(token: str):
    """The link mailed to prove the address: a page with a button (GET), which proves it and
    brings the guest orders placed with it into the account (POST). Works logged in or not."""
    user = email_proof.user_for_proof_token(token)
    if user is None:
        return render_template("accounts/prove_email.html", user=None, proven=False), 400
    if request.method == "GET":
        return render_template("accounts/prove_email.html", user=user, proven=False)
    linked = email_proof.prove(user)
    db.session.commit()
    if current_user.is_authenticated and current_user.id == user.id:
        flash(_("Your email address is confirmed."), "success")
        if linked:
            flash(
                ngettext(
                    "%(num)s order placed without an account is now in your account.",
                    "%(num)s orders placed without an account are now in your account.",
                    linked,
                ),
                "success",
            )
        return redirect(url_for("accounts.account"))
    return render_template("accounts/prove_email.html", user=user, proven=True, linked=linked)


@bp.post("/email-proof")
@login_required
@limiter.limit("5 per hour")
def send_email_proof():
    """Mail the logged-in user a new proof link (the account page's button)."""
    if current_user.email_verified_at is None:
        email_proof.send_proof(current_user)
        db.session.commit()
        flash(
            _(
                "We sent a link to %(email)s. Open it to confirm the address.",
                email=current_user.email,
            ),
            "success",
        )
    return redirect(url_for("accounts.account"))


# --- the account page -------------------------------------------------------------------------


def _account_page(profile_form: ProfileForm):
    return render_template(
        "accounts/account.html",
        form=profile_form,
        addresses=services.addresses_of(current_user.id),
        login_count=login_sessions.count_login_sessions(current_user.id),
        orders=orders_of_user(current_user.id),
        order_status_names=ORDER_STATUS_NAMES,
    )


@bp.get("")
@login_required
def account():
    form = ProfileForm(obj=current_user, language=current_user.locale)
    return _account_page(form)


@bp.post("/profile")
@login_required
def profile():
    form = ProfileForm()
    if form.validate_on_submit():
        try:
            services.update_profile(
                current_user,
                name=form.name.data,
                email=form.email.data,
                phone=form.phone.data,
                locale=form.language.data,
                current_password=form.current_password.data,
            )
        except services.WrongPassword as exc:
            db.session.rollback()
            form.current_password.errors.append(exc.message)
        except services.EmailTaken as exc:
            db.session.rollback()
            form.email.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("Your details are saved."), "success")
            return _remember_language(redirect(url_for("accounts.account")), form.language.data)
    return _account_page(form)


# --- addresses --------------------------------------------------------------------------------


def _own_address(address_id: int) -> Address:
    try:
        return services.address_of(current_user.id, address_id)
    except services.AddressNotFound:
        abort(404)


@bp.route("/addresses/new", methods=["GET", "POST"])
@login_required
def new_address():
    form = AddressForm()
    if request.method == "GET" and not services.addresses_of(current_user.id):
        form.name.data, form.phone.data = current_user.name, current_user.phone
    if form.validate_on_submit():
        try:
            services.add_address(current_user.id, form.address_data())
        except services.TooManyAddresses as exc:
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("The address is saved."), "success")
        return redirect(url_for("accounts.account") + "#addresses")
    return render_template("accounts/address_form.html", form=form, address=None)


@bp.route("/addresses/<int:address_id>/edit", methods=["GET", "POST"])
@login_required
def edit_address(address_id: int):
    address = _own_address(address_id)
    form = AddressForm(obj=address)
    if form.validate_on_submit():
        services.update_address(current_user.id, address.id, form.address_data())
        db.session.commit()
        flash(_("The address is saved."), "success")
        return redirect(url_for("accounts.account") + "#addresses")
    return render_template("accounts/address_form.html", form=form, address=address)


@bp.post("/addresses/<int:address_id>/delete")
@login_required
def delete_address(address_id: int):
    try:
        services.delete_address(current_user.id, address_id)
    except services.AddressNotFound:
        abort(404)
    db.session.commit()
    flash(_("The address is deleted."), "success")
    return redirect(url_for("accounts.account") + "#addresses")


@bp.post("/addresses/<int:address_id>/default")
@login_required
def default_address(address_id: int):
    try:
        services.set_default_address(current_user.id, address_id)
    except services.AddressNotFound:
        abort(404)
    db.session.commit()
    flash(_("This is now your default address."), "success")
    return redirect(url_for("accounts.account") + "#addresses")


# --- staff invitations --------------------------------------------------------------------------


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = invitations.open_invitation(token)
    if invitation is None:
        return render_template("accounts/invitation_invalid.html"), 400
    if current_user.is_authenticated:
        if current_user.email != invitation.email:
            return render_template(
                "accounts/accept_invitation.html", invitation=invitation, wrong_user=True
            )
        invitations.accept(invitation, current_user)
        db.session.commit()
        return redirect(url_for("seller.home"))
    if services.email_registered(invitation.email):
        return render_template(
            "accounts/accept_invitation.html", invitation=invitation, needs_login=True
        )
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        user = services.register_user(
            email=invitation.email,
            password=form.password.data,
            name=form.name.data,
            phone=form.phone.data,
            locale=form.language.data,
        )
        invitations.accept(invitation, user)
        db.session.commit()
        _start_session(user)
        db.session.commit()
        return redirect(url_for("seller.home"))
    return render_template("accounts/accept_invitation.html", invitation=invitation, form=form)
