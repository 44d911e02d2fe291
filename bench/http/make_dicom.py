#!/usr/bin/env python3
"""Writes a minimal valid DICOM file (explicit VR little endian, no pixel data) so the
bench can give Orthanc one patient to serve. Usage: make_dicom.py OUT"""
import struct, sys

def el(group, elem, vr, value):
    if isinstance(value, str):
        value = value.encode()
        if len(value) % 2:
            value += b"\0" if vr == "UI" else b" "
    if vr in ("OB", "OW", "SQ", "UN", "UT"):
        return struct.pack("<HH2sHI", group, elem, vr.encode(), 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(value)) + value

sop_class = "1.2.840.10008.5.1.4.1.1.7"  # secondary capture
uid = "1.2.826.0.1.3680043.8.498.1"
meta = el(0x0002, 0x0001, "OB", b"\0\1") + el(0x0002, 0x0002, "UI", sop_class) + \
       el(0x0002, 0x0003, "UI", uid + ".4") + el(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1")
meta = el(0x0002, 0x0000, "UL", struct.pack("<I", len(meta))) + meta
body = b"".join([
    el(0x0008, 0x0016, "UI", sop_class), el(0x0008, 0x0018, "UI", uid + ".4"),
    el(0x0008, 0x0020, "DA", "20250101"), el(0x0008, 0x0060, "CS", "OT"),
    el(0x0010, 0x0010, "PN", "BENCH^PATIENT"), el(0x0010, 0x0020, "LO", "BENCH-0001"),
    el(0x0010, 0x0030, "DA", "19610321"), el(0x0010, 0x0040, "CS", "F"),
    el(0x0020, 0x000D, "UI", uid + ".2"), el(0x0020, 0x000E, "UI", uid + ".3"),
])
with open(sys.argv[1], "wb") as f:
    f.write(b"\0" * 128 + b"DICM" + meta + body)
