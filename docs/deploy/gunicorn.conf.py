"""gunicorn settings of one app server (``gunicorn -c docs/deploy/gunicorn.conf.py wsgi:app``).

Threads, not only processes: a request that waits on Stripe, SMTP or the database (up to
STRIPE_TIMEOUT, 10 s) holds one thread, not a whole worker, so a slow card processor does not
stop the shop serving pages (the fault found under issue 16). Set from the environment:
PORT (8000), WEB_WORKERS (2 per core is gunicorn's advice; 2 here), WEB_THREADS (4).
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"  # nginx in front; never public itself
workers = int(os.environ.get("WEB_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60  # a worker silent this long is restarted (a checkout waits at most ~21 s)
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then (memory), with jitter so not all at once
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1"  # nginx sets X-Forwarded-For / -Proto
accesslog = "-"
errorlog = "-"
