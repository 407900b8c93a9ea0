"""Without MAIL_SERVER, mail goes to a readable outbox folder, in the recipient's language."""

from pathlib import Path

from shop import create_app
from shop.core.mail import send_mail


def test_mail_lands_in_a_readable_outbox_in_the_recipients_language(tmp_path, monkeypatch):
    monkeypatch.delenv("MAIL_SERVER", raising=False)
    monkeypatch.setenv("SHOP_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite3'}"})
    assert app.config["MAIL_BACKEND"].endswith("OutboxEmailBackend")

    class Order:
        number = "RN-1234-5678"
        total_satang = 17900

    with app.test_request_context():
        send_mail("somchai@example.org", "order_paid", "th", order=Order(), url="http://x/o")
        send_mail("aung@example.org", "order_paid", "my", order=Order(), url="http://x/o")

    text = "".join(p.read_text("utf-8") for p in sorted(Path(tmp_path, "outbox").iterdir()))
    assert "To: somchai@example.org" in text
    assert "RN-1234-5678" in text
    assert "฿179" in text  # Thai mail, Thai money format
    assert "179\xa0฿" in text  # Burmese mail
    assert "=?utf-8?" not in text  # headers decoded, body not base64: people can read it


def test_smtp_is_used_when_a_mail_server_is_configured(monkeypatch):
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    assert create_app().config["MAIL_BACKEND"] == "shop.core.mail.SMTPEmailBackend"
