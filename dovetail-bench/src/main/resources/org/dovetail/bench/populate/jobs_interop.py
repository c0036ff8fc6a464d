"""DataJoint-Python's side of the ~jobs interoperability check (manual, not a test).

python jobs_interop.py SCHEMA read    -- print every ~jobs row as Python's schema.jobs.fetch() sees it, and progress()
python jobs_interop.py SCHEMA write   -- write rows as Python workers do: reserve, ignore, error, and a failing populate

Reads dj_local_conf.json from the working directory.
"""
import json
import sys
import traceback

import datajoint as dj
from datajoint.hash import key_hash

schema_name, mode = sys.argv[1], sys.argv[2]
vm = dj.VirtualModule("vm", schema_name)
Subject = vm.Subject
schema = dj.Schema(schema_name)


def plain(value):
    return {"type": type(value).__name__, "text": str(value)}


if mode == "read":
    rows = []
    for r in schema.jobs.fetch(as_dict=True, order_by="table_name, key_hash"):
        key = r["key"]
        rows.append({
            "table_name": r["table_name"],
            "key_hash": r["key_hash"],
            "status": r["status"],
            "key": {k: plain(v) for k, v in key.items()} if key is not None else None,
            "rehash_matches": key is not None and key_hash(key) == r["key_hash"],
            "error_message_code_points": len(r["error_message"]),
            "error_message_tail": r["error_message"][-20:],
            "error_stack_type": type(r["error_stack"]).__name__,
            "error_stack_head": (r["error_stack"] or "")[:60],
            "error_stack_chars": len(r["error_stack"] or ""),
            "user": r["user"], "host": r["host"], "pid": int(r["pid"]), "connection_id": int(r["connection_id"]),
        })
    print("ROWS " + json.dumps(rows))
    print("PROGRESS " + json.dumps({"all": list(vm.Scan.progress()), "restricted": list(vm.Scan.progress("subject_id < 4")),
                                    "pairing": list(vm.Pairing.progress())}))
elif mode == "write":
    jobs = schema.jobs
    assert jobs.reserve("_py_scan", {"subject_id": 7, "param_id": "p1"})
    assert not jobs.reserve("_py_scan", {"subject_id": 7, "param_id": "p1"})
    assert jobs.ignore("_py_scan", {"subject_id": 9, "param_id": "y"})
    try:
        raise ValueError("\U0001F600" * 3000)
    except ValueError as e:
        jobs.error("_py_scan", {"subject_id": 8, "param_id": "x"}, "ValueError: " + str(e), error_stack=traceback.format_exc() * 20)

    @schema
    class Failing(dj.Computed):
        definition = """
        -> Subject
        ---
        v : int
        """

        def make(self, key):
            raise RuntimeError("python make failed for %d" % key["subject_id"])

    Failing.populate("subject_id < 3", reserve_jobs=True, suppress_errors=True)
    print("WROTE connection_id=%d" % dj.conn().connection_id)
