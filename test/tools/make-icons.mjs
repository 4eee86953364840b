// Draws the toolbar icon (a key on a rounded square) into public/icons at the sizes the manifest names.
// Run once when the design changes: node test/tools/make-icons.mjs
import fs from 'node:fs';
import zlib from 'node:zlib';

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel((x + 0.5) / size, (y + 0.5) / size), 1 + x * 4);
    rows.push(row);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pixel(u, v) {
  const r = 0.18,
    inside = (a, b) => Math.hypot(Math.max(Math.abs(a - 0.5) - (0.5 - r), 0), Math.max(Math.abs(b - 0.5) - (0.5 - r), 0)) <= r;
  if (!inside(u, v)) return [0, 0, 0, 0];
  const ring = Math.hypot(u - 0.36, v - 0.5);
  const key =
    (ring < 0.17 && ring > 0.08) ||
    (u > 0.48 && u < 0.82 && Math.abs(v - 0.5) < 0.045) ||
    (u > 0.66 && u < 0.72 && v > 0.5 && v < 0.64) ||
    (u > 0.76 && u < 0.82 && v > 0.5 && v < 0.6);
  return key ? [255, 255, 255, 255] : [30, 94, 168, 255];
}

for (const size of [16, 32, 48, 128]) fs.writeFileSync(`public/icons/icon-${size}.png`, png(size, pixel));
