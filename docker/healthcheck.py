"""The container's HEALTHCHECK: GET /healthz of the running bot, standard library only (the image has no curl).

Webhook mode serves /healthz on WEBHOOK_PORT, polling mode on HEALTH_PORT; the probe does not know which mode
the container runs, so it asks the webhook port first and the health port second. Exit 0 when one answers 200,
1 otherwise, with one line saying why (Docker keeps it in ``docker inspect``'s health log).
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT = float(os.environ.get("HEALTHCHECK_TIMEOUT", "4"))


def _target(host_variable: str, port_variable: str, default_port: str) -> tuple[str, str]:
    host = os.environ.get(host_variable, "").strip()
    if host in ("", "0.0.0.0", "::", "[::]"):  # listening everywhere: ask over loopback
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return host, os.environ.get(port_variable, "").strip() or default_port


def probe(host: str, port: str) -> str | None:
    """None when http://host:port/healthz answers 200, else the reason."""
    url = f"http://{host}:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return None if response.status == 200 else f"{url}: HTTP {response.status}"
    except urllib.error.HTTPError as error:  # 503: the database or Redis is unreachable
        return f"{url}: HTTP {error.code}"
    except (OSError, ValueError) as error:
        return f"{url}: {getattr(error, 'reason', error)}"


def main() -> int:
    problems = []
    for host, port in (_target("WEBHOOK_HOST", "WEBHOOK_PORT", "8080"), _target("HEALTH_HOST", "HEALTH_PORT", "8081")):
        if port == "0":  # HEALTH_PORT=0: no listener in polling mode
            continue
        problem = probe(host, port)
        if problem is None:
            return 0
        problems.append(problem)
    print("unhealthy: " + "; ".join(problems), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
