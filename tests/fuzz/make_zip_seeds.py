#!/usr/bin/env python3
"""Write the zip seeds of tests/fuzz/corpus/zip (the archives of tests/unit/test_zip.c in
spirit), each under 4 KiB (the fuzzer's -max_len): stored and deflated members, an empty member,
a directory, a Unix symbolic link, an archive comment, data descriptors, an empty archive, a
small zip bomb (1 MiB of zeros) and a zip64 archive built by hand (the layout of
tests/bad-inputs/gen.py zip_bomb())."""
import io
import os
import struct
import sys
import zipfile
import zlib

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), 'corpus', 'zip')
os.makedirs(out, exist_ok=True)
CSV = (b'OCC_CODE,OCC_TITLE,TOT_EMP,A_MEDIAN\n11-1011,Chief Executives,211230,206680\n'
       b'15-1211,Computer Systems Analysts,538800,103800\n')


def info(name, comp, mode=0o100644):
    zi = zipfile.ZipInfo(name, date_time=(2024, 4, 3, 12, 0, 0))
    zi.compress_type = comp
    zi.create_system = 3
    zi.external_attr = mode << 16
    return zi


def archive(name, members, comment=b''):
    with zipfile.ZipFile(os.path.join(out, name), 'w') as z:
        for zi, data in members:
            z.writestr(zi, data)
        z.comment = comment


archive('stored.zip', [(info('oesm23nat/national_M2023_dl.csv', zipfile.ZIP_STORED), CSV),
                       (info('empty.txt', zipfile.ZIP_STORED), b''),
                       (info('notes/', zipfile.ZIP_STORED, 0o40755), b''),
                       (info('readme.txt', zipfile.ZIP_STORED), b'May 2023 OEWS estimates\n')])
archive('deflated.zip', [(info('a.csv', zipfile.ZIP_DEFLATED), CSV * 8),
                         (info('b.txt', zipfile.ZIP_DEFLATED), b'la ' * 200),
                         (info('empty', zipfile.ZIP_DEFLATED), b'')])
archive('link-comment.zip', [(info('current', zipfile.ZIP_STORED, 0o120777), b'oesm23nat/'),
                             (info('x.csv', zipfile.ZIP_DEFLATED), CSV)],
        comment=b'BLS release archive')
archive('bomb-1mib.zip', [(info('zeros', zipfile.ZIP_DEFLATED), b'\0' * (1 << 20))])
archive('empty.zip', [])


class Unseekable(io.RawIOBase):
    """A write-only stream: zipfile then writes data descriptors (flag bit 3)."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


s = Unseekable()
with zipfile.ZipFile(s, 'w') as z:
    z.writestr(info('dd-stored.txt', zipfile.ZIP_STORED), b'stored with a data descriptor\n')
    z.writestr(info('dd-deflated.csv', zipfile.ZIP_DEFLATED), CSV * 4)
with open(os.path.join(out, 'data-descriptor.zip'), 'wb') as f:
    f.write(bytes(s.buf))


def zip64(path):
    """Member 1 stored with sizes and offset in its zip64 field; member 2 deflated with only its
    offset there; zip64 end record and locator before a saturated classic end record."""
    d1 = b'zip64 member, stored\n'
    d2 = CSV * 3
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    def2 = c.compress(d2) + c.flush()
    n1, n2 = b'stored.txt', b'deflated.csv'
    crc1, crc2 = zlib.crc32(d1), zlib.crc32(d2)
    b = bytearray()
    b += struct.pack('<IHHHHHIIIHH', 0x04034B50, 45, 0, 0, 0, 0, crc1, 0xFFFFFFFF, 0xFFFFFFFF,
                     len(n1), 20)
    b += n1 + struct.pack('<HHQQ', 1, 16, len(d1), len(d1)) + d1
    off2 = len(b)
    b += struct.pack('<IHHHHHIIIHH', 0x04034B50, 20, 0, 8, 0, 0, crc2, len(def2), len(d2),
                     len(n2), 0)
    b += n2 + def2
    cd = len(b)
    b += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 0x32D, 45, 0, 0, 0, 0, crc1, 0xFFFFFFFF,
                     0xFFFFFFFF, len(n1), 28, 0, 0, 0, 0o100644 << 16, 0xFFFFFFFF)
    b += n1 + struct.pack('<HHQQQ', 1, 24, len(d1), len(d1), 0)
    b += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 0x32D, 45, 0, 8, 0, 0, crc2, len(def2),
                     len(d2), len(n2), 12, 0, 0, 0, 0o100644 << 16, 0xFFFFFFFF)
    b += n2 + struct.pack('<HHQ', 1, 8, off2)
    cd_end = len(b)
    b += struct.pack('<IQHHIIQQQQ', 0x06064B50, 44, 45, 45, 0, 0, 2, 2, cd_end - cd, cd)
    b += struct.pack('<IIQI', 0x07064B50, 0, cd_end, 1)
    b += struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    with open(path, 'wb') as f:
        f.write(bytes(b))
    # Python's own reader must agree
    with zipfile.ZipFile(path) as z:
        assert z.read('stored.txt') == d1 and z.read('deflated.csv') == d2


zip64(os.path.join(out, 'zip64.zip'))
for n in sorted(os.listdir(out)):
    assert os.path.getsize(os.path.join(out, n)) <= 4096, n
