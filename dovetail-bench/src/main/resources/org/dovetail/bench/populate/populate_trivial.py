"""DataJoint-Python's side of the populate benchmark: Trivial.populate(reserve_jobs=True) once, timed.

python populate_trivial.py SCHEMA   (reads dj_local_conf.json from the working directory)
"""
import json
import sys
import time

import datajoint as dj

schema_name = sys.argv[1]
vm = dj.VirtualModule("vm", schema_name)
Subject = vm.Subject
schema = dj.Schema(schema_name)


@schema
class Trivial(dj.Computed):
    definition = """
    -> Subject
    ---
    value : int
    """

    def make(self, key):
        self.insert1(dict(key, value=1))


t0 = time.perf_counter()
result = Trivial.populate(reserve_jobs=True)
seconds = time.perf_counter() - t0
print("TIMINGS " + json.dumps({"seconds": seconds, "made": result["success_count"]}))
