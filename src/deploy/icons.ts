/**
 * The checks Teams makes on the two icons when an app package is uploaded, done here first so a
 * bad icon fails the build rather than the admin's upload: color 192×192, outline 32×32 and
 * white on transparent. Only 8-bit RGB / RGBA PNGs (what scripts/make-icons.js writes and what
 * image editors save by default) are decoded; anything else is reported, not guessed at.
 */
import { crc32, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Png {
  width: number;
  height: number;
  channels: 3 | 4 | undefined;
  /** width * height * channels bytes, top row first; undefined when not decodable here. */
  pixels: Buffer | undefined;
}

function chunks(png: Buffer): { type: string; data: Buffer }[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  const out: { type: string; data: Buffer }[] = [];
  for (let off = 8; off + 12 <= png.length;) {
    const length = png.readUInt32BE(off);
    const type = png.toString('ascii', off + 4, off + 8);
    const end = off + 8 + length;
    if (end + 4 > png.length) break;
    // Teams refuses an icon with a broken chunk, so a bad CRC is fatal here too.
    if (crc32(png.subarray(off + 4, end)) !== png.readUInt32BE(end)) {
      throw new Error(`bad CRC in its ${type} chunk`);
    }
    out.push({ type, data: png.subarray(off + 8, end) });
    if (type === 'IEND') return out;
    off = end + 4;
  }
  throw new Error('the PNG is truncated (no IEND chunk)');
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function unfilter(raw: Buffer, width: number, height: number, channels: number): Buffer {
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new Error('image data has the wrong length');
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[row + i - channels] : 0;
      const up = y > 0 ? pixels[row - stride + i] : 0;
      const upLeft = y > 0 && i >= channels ? pixels[row - stride + i - channels] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`bad filter type ${filter} on row ${y}`);
      pixels[row + i] = (raw[y * (stride + 1) + 1 + i] + predictor) & 0xff;
    }
  }
  return pixels;
}

export function readPng(png: Buffer): Png {
  const all = chunks(png);
  const ihdr = all[0];
  if (ihdr?.type !== 'IHDR') throw new Error('its first chunk is not IHDR');
  const width = ihdr.data.readUInt32BE(0);
  const height = ihdr.data.readUInt32BE(4);
  const [bitDepth, colorType, interlace] = [ihdr.data[8], ihdr.data[9], ihdr.data[12]];
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
    return { width, height, channels: undefined, pixels: undefined };
  }
  const channels = colorType === 6 ? 4 : 3;
  const idat = Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data));
  return { width, height, channels, pixels: unfilter(inflateSync(idat), width, height, channels) };
}

export const ICON_RULES = {
  color: { size: 192 },
  outline: { size: 32 },
} as const;

/** Problems with one icon, each a sentence naming the file; empty when it will upload. */
export function iconProblems(kind: keyof typeof ICON_RULES, file: string, png: Buffer): string[] {
  let img: Png;
  try {
    img = readPng(png);
  } catch (e) {
    return [`${file}: ${(e as Error).message}`];
  }
  const size = ICON_RULES[kind].size;
  if (img.width !== size || img.height !== size) {
    return [`${file} is ${img.width}×${img.height}; the ${kind} icon must be ${size}×${size}`];
  }
  if (kind === 'color' || !img.pixels) return [];
  if (img.channels !== 4)
    return [`${file} has no transparency; the outline icon must be white on transparent`];
  return outlineColourProblems(file, img.pixels);
}

/** Teams accepts an outline icon whose pixels are white (any alpha) or fully transparent. */
function outlineColourProblems(file: string, rgba: Buffer): string[] {
  let visible = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) continue;
    visible++;
    if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) {
      const p = i / 4;
      const [x, y] = [p % 32, Math.floor(p / 32)];
      return [
        `${file} has a pixel that is not white at (${x},${y}); the outline icon must be white on transparent`,
      ];
    }
  }
  return visible === 0 ? [`${file} is fully transparent; draw the outline in white`] : [];
}
