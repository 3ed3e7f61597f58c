#!/usr/bin/env node
// Generates the Teams app icons appPackage/color.png (192x192, opaque) and
// appPackage/outline.png (32x32, white on transparent) with Node built-ins only,
// so the icons can be regenerated without an image editor or extra packages.
// Design: a ledger card with three "ledger lines" and a check mark.
// Usage: node scripts/make-icons.js
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const OUT_DIR = path.join(__dirname, '..', 'appPackage');
// Keep in sync with "accentColor" in appPackage/manifest.json: Teams shows the
// icon on this colour, so the tile background should match it.
const ACCENT = [0x1e, 0x63, 0xb4];
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x2e, 0xa0, 0x43];
const SUPERSAMPLE = 4; // 4x4 samples per pixel gives smooth (anti-aliased) edges

// ---- PNG encoding -------------------------------------------------------------

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData)); // the CRC covers type + data, not the length
  return Buffer.concat([length, typeAndData, crc]);
}

/** pixels: width*height*channels bytes; channels 3 = RGB (colour type 2), 4 = RGBA (type 6). */
function encodePng(width, height, channels, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2;
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering (we only use filter type 0 = None)
  ihdr[12] = 0; // no interlace
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every scanline
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- Shapes (coordinates in pixels; each returns true if the point is inside) ----

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

/** A line segment with round caps: a "pen stroke" of the given width. */
function stroke(ax, ay, bx, by, width) {
  const half = width / 2;
  return (x, y) => {
    const vx = bx - ax;
    const vy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
    const dx = x - (ax + t * vx);
    const dy = y - (ay + t * vy);
    return dx * dx + dy * dy <= half * half;
  };
}

function circle(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

/** Average over SUPERSAMPLE^2 sample points of fn(x, y) -> number[] per pixel. */
function render(size, channels, fn) {
  const out = Buffer.alloc(size * size * channels);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = new Array(channels).fill(0);
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const v = fn(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE);
          for (let c = 0; c < channels; c++) acc[c] += v[c];
        }
      }
      const i = (py * size + px) * channels;
      for (let c = 0; c < channels; c++) out[i + c] = Math.round(acc[c] / n);
    }
  }
  return out;
}

// ---- Colour icon: 192x192, full-bleed accent background, symbol in the central ~96px ----

function colorIcon() {
  const size = 192;
  const card = roundedRect(50, 42, 142, 150, 12);
  const lines = union(
    stroke(70, 68, 122, 68, 9),
    stroke(70, 90, 122, 90, 9),
    stroke(70, 112, 100, 112, 9),
  );
  const badgeRing = circle(134, 136, 27); // white ring separates the badge from the card
  const badge = circle(134, 136, 22);
  const check = stroke(123, 136, 131, 144, 7);
  const check2 = stroke(131, 144, 146, 128, 7);
  const layers = [
    // topmost first
    [union(check, check2), WHITE],
    [badge, GREEN],
    [badgeRing, WHITE],
    [lines, ACCENT],
    [card, WHITE],
  ];
  const pixels = render(size, 3, (x, y) => {
    for (const [shape, colour] of layers) if (shape(x, y)) return colour;
    return ACCENT;
  });
  return encodePng(size, size, 3, pixels);
}

// ---- Outline icon: 32x32, white only, transparency carries the shape ----------

function outlineIcon() {
  const size = 32;
  const cardOutline = minus(roundedRect(5, 3, 27, 29, 4), roundedRect(7, 5, 25, 27, 2.5));
  const lines = union(
    stroke(10.5, 10, 21.5, 10, 2),
    stroke(10.5, 14, 21.5, 14, 2),
    stroke(10.5, 18, 14, 18, 2),
  );
  const check = union(stroke(15.5, 21.5, 18, 24, 2.2), stroke(18, 24, 22.5, 19.5, 2.2));
  const shape = union(cardOutline, lines, check);
  // RGB is always white; only alpha varies (coverage), as Teams requires.
  const pixels = render(size, 4, (x, y) =>
    shape(x, y) ? [255, 255, 255, 255] : [255, 255, 255, 0],
  );
  return encodePng(size, size, 4, pixels);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
fs.writeFileSync(path.join(OUT_DIR, 'color.png'), colorIcon());
fs.writeFileSync(path.join(OUT_DIR, 'outline.png'), outlineIcon());
console.log(`Wrote ${path.join(OUT_DIR, 'color.png')} and ${path.join(OUT_DIR, 'outline.png')}`);
