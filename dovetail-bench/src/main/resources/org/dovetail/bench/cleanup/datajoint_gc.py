"""DataJoint-Python's garbage collection of one store over several schemas, timed.

Usage: python datajoint_gc.py HOST PORT USER STORE LOCATION SCHEMA... (password on stdin)

For each schema, as the seed's cron does it: ``schema.external[STORE].unused()`` (counted) and then
``.delete(delete_external_files=True)``. Prints one line ``TIMINGS {json}`` with the seconds of all
unused() calls, of all deletes, and the counts.
"""
import json
import sys
import time

import datajoint as dj

host, port, user, store, location = sys.argv[1:6]
schemas = sys.argv[6:]
dj.config["database.host"] = host
dj.config["database.port"] = int(port)
dj.config["database.user"] = user
dj.config["database.password"] = sys.stdin.readline().strip()
dj.config["stores"] = {store: {"protocol": "file", "location": location}}
dj.config["safemode"] = False

unused_s = 0.0
delete_s = 0.0
unused_rows = 0
errors = 0
for name in schemas:
    external = dj.Schema(name, create_schema=False).external[store]
    t0 = time.perf_counter()
    unused_rows += len(external.unused())
    unused_s += time.perf_counter() - t0
    t0 = time.perf_counter()
    errors += len(external.delete(delete_external_files=True, display_progress=False))
    delete_s += time.perf_counter() - t0
print("TIMINGS " + json.dumps({"unused_s": unused_s, "delete_s": delete_s, "unused_rows": unused_rows, "errors": errors}))
