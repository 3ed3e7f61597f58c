/**
 * A minimal ZIP writer (deflate or stored, no folders, no ZIP64) for the Teams app package: three small
 * files at the archive's root are all Teams needs, and no zip library is among Daicho's
 * dependencies. The format is PKWARE's APPNOTE 6.3: one local header + data per file, then the
 * central directory and its end record.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** 1980-01-01 00:00, the earliest DOS date: a fixed stamp keeps the same inputs' zip identical. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800; // general-purpose flag bit 11: names are UTF-8

export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    // PNGs are compressed already: store them when deflate would only make them bigger.
    const method = deflated.length < entry.data.length ? 8 : 0;
    const packed = method === 8 ? deflated : entry.data;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    writeCommon(local, 6, method, crc, packed.length, entry.data.length, name.length);
    locals.push(local, name, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    writeCommon(central, 8, method, crc, packed.length, entry.data.length, name.length);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The fields the local header and the central directory share, from `at` on. */
function writeCommon(
  b: Buffer,
  at: number,
  method: 0 | 8,
  crc: number,
  packed: number,
  size: number,
  nameLength: number,
) {
  b.writeUInt16LE(UTF8_NAMES, at);
  b.writeUInt16LE(method, at + 2); // 0 stored, 8 deflate
  b.writeUInt16LE(DOS_TIME, at + 4);
  b.writeUInt16LE(DOS_DATE, at + 6);
  b.writeUInt32LE(crc >>> 0, at + 8);
  b.writeUInt32LE(packed, at + 12);
  b.writeUInt32LE(size, at + 16);
  b.writeUInt16LE(nameLength, at + 20);
}
