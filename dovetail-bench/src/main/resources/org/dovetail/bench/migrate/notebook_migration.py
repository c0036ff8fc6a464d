"""The documented DataJoint 0.11 -> 0.12 external-storage migration, run on one schema.

Calls DataJoint's own migrate_dj011_external_blob_storage_to_dj012(schema, store) -- the
procedure of the upstream notebook -- answering its confirmation prompt from standard input,
and prints its timings as one JSON line starting with "TIMINGS ". Needs a DataJoint-Python
whose datajoint/migrate.py has that function (0.12.0 to 0.13.8 ship it; 0.14 removed it, so
for 0.14 the file of 0.13.8 is added to the installed package) and dj_local_conf.json, with
the database and the stores, in the working directory.

usage: python notebook_migration.py SCHEMA DEFAULT_STORE
"""
import json
import sys
import time

started = time.perf_counter()
import datajoint as dj  # noqa: E402
from datajoint.migrate import migrate_dj011_external_blob_storage_to_dj012  # noqa: E402

imported = time.perf_counter()
dj.conn()
connected = time.perf_counter()
migrate_dj011_external_blob_storage_to_dj012(sys.argv[1], sys.argv[2])
migrated = time.perf_counter()
print("TIMINGS " + json.dumps({
    "datajoint": dj.__version__,
    "import_s": imported - started,
    "connect_s": connected - imported,
    "migrate_s": migrated - connected,
}), flush=True)
