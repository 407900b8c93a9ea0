"""The shop's Celery app for the worker and beat processes, built by the app factory:

    celery -A shop.core.worker worker --loglevel=INFO
    celery -A shop.core.worker beat --loglevel=INFO

Configured from the environment like the web app (CELERY_BROKER_URL, DATABASE_URL, MAIL_...).
"""

from dotenv import load_dotenv

load_dotenv()

from shop import create_app  # noqa: E402 - the environment must be loaded first

flask_app = create_app()
celery = flask_app.extensions["celery"]
