"""Generate python-str-vectors.json: what CPython's str()/repr() prints for the value types
that reach DataJoint's key_hash, so the Java port can be checked against the real interpreter.

Run from the repository root with CPython 3.9 or newer (output is identical across versions):

    python3 dovetail-core/src/test/python/python_str_vectors.py \
        > dovetail-core/src/test/resources/vectors/python-str-vectors.json

Only the standard library is used. The random seed is fixed, so the output is reproducible.
"""
import datetime
import decimal
import hashlib
import json
import random
import struct
import sys
import uuid

rng = random.Random(20240611)


def bits_of(x):
    return struct.unpack(">Q", struct.pack(">d", x))[0]


def double_of(bits):
    return struct.unpack(">d", struct.pack(">Q", bits))[0]


def float_vectors():
    values = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), -float("nan"),
              5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
              1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 0.0001, 0.00009999, 0.1, 0.2, 0.3,
              1 / 3, 2 / 3, 100.0, 123456789012345678.0, 2.0 ** 53, 2.0 ** 53 + 2, 1e23, 2e23,
              8.41e21, 5e-310, 9.5e-5, 1.5e16, -1.5e-7, 4.35, 0.000123, 1e22, 1e-7]
    values += [2.0 ** e for e in range(-1074, 1024)]
    values += [float("1e%d" % e) for e in range(-323, 309)]
    for _ in range(2000):
        bits = rng.getrandbits(64)
        if (bits >> 52) & 0x7FF != 0x7FF:
            values.append(double_of(bits))
    for _ in range(1000):
        digits = rng.randint(1, 17)
        mantissa = rng.randrange(10 ** (digits - 1), 10 ** digits)
        values.append(float("%s%de%d" % (rng.choice("-+"), mantissa, rng.randint(-30, 30))))
    for _ in range(500):
        single = struct.unpack(">f", struct.pack(">I", rng.getrandbits(32)))[0]
        if single == single and abs(single) != float("inf"):
            values.append(single)
    return [{"bits": "%016x" % bits_of(v), "repr": repr(v)} for v in values]


def decimal_vectors():
    texts = ["1.50", "0", "0.00", "0.00000000", "0.000001", "0.0000001", "-0.000001", "1E+3",
             "123.4560", "-5", "99999999999999999999.99", "1E-7", "0E-8", "0E+3", "12345E-10"]
    for _ in range(400):
        texts.append("%dE%d" % (rng.randint(-10 ** 12, 10 ** 12), rng.randint(-20, 8)))
    return [{"text": t, "str": str(decimal.Decimal(t))} for t in texts]


def timedelta_vectors():
    micros = [0, 1, -1, 3720 * 10 ** 6, -3600 * 10 ** 6, 86400 * 10 ** 6, -86400 * 10 ** 6,
              2 * 86400 * 10 ** 6 + 5, 838 * 3600 * 10 ** 6 + 59 * 60 * 10 ** 6 + 59 * 10 ** 6,
              -(838 * 3600 + 59 * 60 + 59) * 10 ** 6, 999999, -999999]
    for _ in range(300):
        micros.append(rng.randint(-10 ** 13, 10 ** 13))
    return [{"micros": m, "str": str(datetime.timedelta(microseconds=m))} for m in micros]


def datetime_vectors():
    out = []
    fixed = [(2020, 1, 2, 3, 4, 5, 0), (2020, 1, 2, 3, 4, 5, 6), (1, 1, 1, 0, 0, 0, 0),
             (9999, 12, 31, 23, 59, 59, 999999), (999, 3, 4, 5, 6, 7, 100000)]
    for _ in range(200):
        fixed.append((rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28),
                      rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                      rng.choice([0, rng.randint(0, 999999)])))
    for y, mo, d, h, mi, s, us in fixed:
        out.append({"fields": [y, mo, d, h, mi, s, us],
                    "datetime_str": str(datetime.datetime(y, mo, d, h, mi, s, us)),
                    "date_str": str(datetime.date(y, mo, d))})
    return out


def bytes_vectors():
    samples = [b"", b"abc", b"'", b'"', b"'\"", b"it's", b'say "hi"', b"\\", b"\t\n\r",
               b"\x00\x7f\x80\xff", bytes(range(256))]
    for _ in range(100):
        samples.append(bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 24))))
    return [{"hex": b.hex(), "repr": str(b)} for b in samples]


def key_hash(mapping):
    # The definition from the spec: md5 of the UTF-8 text of str(value), values sorted by name.
    digest = hashlib.md5()
    for _, value in sorted(mapping.items()):
        digest.update(str(value).encode())
    return digest.hexdigest()


def typed(value):
    if value is None:
        return ["none", ""]
    if isinstance(value, bool):
        return ["bool", str(value)]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float_bits", "%016x" % bits_of(value)]
    if isinstance(value, decimal.Decimal):
        return ["decimal", str(value)]
    if isinstance(value, datetime.timedelta):
        return ["timedelta_micros", str(value // datetime.timedelta(microseconds=1))]
    if isinstance(value, datetime.datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["date", value.isoformat()]
    if isinstance(value, uuid.UUID):
        return ["uuid", str(value)]
    if isinstance(value, bytes):
        return ["bytes_hex", value.hex()]
    return ["str", value]


def key_hash_vectors():
    keys = [
        {"flag": True, "off": False, "big": 2 ** 70, "neg": -12},
        {"z": -0.0, "y": float("inf"), "x": float("nan"), "w": 5e-324, "v": 1e22},
        {"raw": b"it's \x00", "id": uuid.UUID("00000000-0000-0000-0000-0000000000ff")},
        {"Zeta": "\u00e9\u4e2d\U0001F600", "alpha": "", "\u00e9": "x", "\U0001F600": "y",
         "\uff5e": "z"},
        {"when": datetime.datetime(1999, 12, 31, 23, 59, 59, 1), "day": datetime.date(1000, 1, 1),
         "t": datetime.timedelta(days=-35, microseconds=7)},
        {"amount": decimal.Decimal("0.00000000"), "price": decimal.Decimal("-12.3400")},
        {"fcol": float("0.1"), "fcol32": float(struct.unpack(">f", struct.pack(">f", 0.1))[0])},
    ]
    return [{"key": {k: typed(v) for k, v in key.items()}, "key_repr": repr(key),
             "key_hash": key_hash(key)} for key in keys]


json.dump({"generator": "dovetail-core/src/test/python/python_str_vectors.py",
           "python": sys.version.split()[0],
           "float_repr": float_vectors(),
           "decimal_str": decimal_vectors(),
           "timedelta_str": timedelta_vectors(),
           "datetime_str": datetime_vectors(),
           "bytes_repr": bytes_vectors(),
           "key_hash": key_hash_vectors()},
          sys.stdout, indent=0, ensure_ascii=True)
sys.stdout.write("\n")
