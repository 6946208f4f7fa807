"""`portal serve` started for a benchmark (bench/serve.py, bench/admin.py):
on a free port, with every line it prints collected, returned once the
first search index is made (an editor keeps the preview open; the index is
made in the background after the first build)."""
import re
import subprocess
import sys
import threading
import time


def start(binary, root):
    """Returns the server, the list its lines are appended to, and its
    address (`http://127.0.0.1:PORT/`)."""
    server = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = []
    ready = threading.Event()
    found = {}

    def read():
        for line in server.stdout:
            lines.append(line.strip())
            m = re.match(r"Serving (http://\S+)", line)
            if m:
                found["base"] = m.group(1)
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(300):
        sys.exit("portal serve did not start")
    print(lines[0])
    deadline = time.time() + 600
    while not any(l.startswith("Search index") for l in lines) and time.time() < deadline:
        time.sleep(0.2)
    return server, lines, found["base"]
