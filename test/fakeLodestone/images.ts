import { deflateSync } from 'node:zlib';
import { md5hex, staticName } from './util.js';

/*
 * Character images. The real pages print them from img2.finalfantasyxiv.com as
 *   /f/<32 hex>_<32 hex>fc0.jpg?<unix seconds>   the face (frame__chara__face, search entries), 96×96
 *   /f/<32 hex>_<32 hex>fl0.jpg?<unix seconds>   the portrait (character__detail__image), 640×873
 * The fake prints the same shape under its own origin and serves a solid-colour JPEG for it.
 */

const FACE_SIZE = { width: 96, height: 96 };
const PORTRAIT_SIZE = { width: 640, height: 873 };

function imageKey(id: string): { stem: string; stamp: number } {
  const stem = `${md5hex(`face:${id}`)}_${md5hex(`look:${id}`)}`;
  const stamp = 1_700_000_000 + (parseInt(md5hex(`stamp:${id}`).slice(0, 8), 16) % 60_000_000);
  return { stem, stamp };
}

/** The avatar URL the pages print for a character, under `imageBase` (an origin, no trailing slash). */
export function avatarUrlFor(imageBase: string, id: string): string {
  const { stem, stamp } = imageKey(id);
  return `${imageBase}/f/${stem}fc0.jpg?${stamp}`;
}

/** The portrait URL the pages print for a character. */
export function portraitUrlFor(imageBase: string, id: string): string {
  const { stem, stamp } = imageKey(id);
  return `${imageBase}/f/${stem}fl0.jpg?${stamp}`;
}

/** A static file path on the fake (the real site's lds-img host), e.g. `${imageBase}/lds/h/X/….png`. */
export function staticUrl(imageBase: string, key: string, ext: 'png' | 'css' | 'js' | 'ico'): string {
  return `${imageBase}/lds/${staticName(key, ext)}`;
}

/** A free company crest layer, shaped like the real `/c/<layer>_<hash>_<nn>_40x40.png`. */
export function crestUrl(imageBase: string, fcId: string, layer: 'B' | 'F' | 'S'): string {
  const h = md5hex(`crest:${layer}:${fcId}`);
  return `${imageBase}/c/${layer}${parseInt(h.slice(0, 2), 16) % 60}_${h}_${h.slice(2, 4)}_40x40.png`;
}

const FACE_PATH = /^\/f\/([0-9a-f]{32})_[0-9a-f]{32}(fc0|fl0)\.jpg$/;

/** What the image routes answer for a path, or undefined when the path is not an image. */
export function imageFor(path: string): { type: string; body: Buffer } | undefined {
  const face = FACE_PATH.exec(path);
  if (face) {
    const color = colorOf(face[1]!);
    const size = face[2] === 'fc0' ? FACE_SIZE : PORTRAIT_SIZE;
    return { type: 'image/jpeg', body: cached(`${path}`, () => solidJpeg(size.width, size.height, color)) };
  }
  if (/^\/c\/[A-Z]\d+_[0-9a-f]{32}_[0-9a-f]{2}_40x40\.png$/.test(path) || /^\/lds\/h\/.\/[\w-]+\.png$/.test(path)) {
    return { type: 'image/png', body: cached(path, () => solidPng(colorOf(md5hex(path)))) };
  }
  if (/^\/lds\/h\/.\/[\w-]+\.ico$/.test(path)) return { type: 'image/png', body: cached(path, () => solidPng([0, 0, 0])) };
  if (/^\/lds\/h\/.\/[\w-]+\.css$/.test(path)) return { type: 'text/css; charset=utf-8', body: Buffer.from('/* fake lodestone */\n') };
  if (/^\/lds\/h\/.\/[\w-]+\.js$/.test(path)) return { type: 'text/javascript; charset=utf-8', body: Buffer.from('/* fake lodestone */\n') };
  return undefined;
}

const cache = new Map<string, Buffer>();
function cached(key: string, make: () => Buffer): Buffer {
  let b = cache.get(key);
  if (!b) {
    if (cache.size > 500) cache.clear();
    b = make();
    cache.set(key, b);
  }
  return b;
}

function colorOf(hex: string): [number, number, number] {
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

// ---- a minimal baseline JPEG encoder for one solid colour -------------------------------------------------------
// Every 8×8 block of a solid image has only a DC coefficient, and every block after the first has a DC difference of
// 0, so the whole image needs two tiny Huffman tables: DC categories {0, cat(Y), cat(Cb), cat(Cr)} and AC {EOB}.

class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }

  finish(): number[] {
    while (this.n !== 0) this.write(1, 1); // pad with 1-bits
    return this.bytes;
  }
}

function category(v: number): number {
  let a = Math.abs(v);
  let c = 0;
  while (a > 0) {
    c++;
    a >>= 1;
  }
  return c;
}

/** Canonical codes for `symbols`, all of one length (never the all-ones code). */
function flatTable(symbols: number[]): { bits: number[]; codes: Map<number, { code: number; len: number }> } {
  let len = 2;
  while ((1 << len) - 1 < symbols.length) len++;
  const bits = new Array<number>(16).fill(0);
  bits[len - 1] = symbols.length;
  const codes = new Map<number, { code: number; len: number }>();
  symbols.forEach((s, i) => codes.set(s, { code: i, len }));
  return { bits, codes };
}

function segment(marker: number, payload: number[]): number[] {
  const len = payload.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...payload];
}

export function solidJpeg(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  // With a quantisation table of all 1s, the DC coefficient of a flat block is 8 × (sample − 128).
  const dcs = [y, cb, cr].map((v) => Math.max(-1024, Math.min(1016, Math.round(8 * (Math.min(255, Math.max(0, v)) - 128)))));
  const dcSymbols = [...new Set([0, ...dcs.map(category)])].sort((a, b2) => a - b2);
  const dc = flatTable(dcSymbols);
  const ac = flatTable([0x00]);
  const eob = ac.codes.get(0x00)!;

  const w = new BitWriter();
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const pred = [0, 0, 0];
  for (let m = 0; m < blocks; m++) {
    for (let c = 0; c < 3; c++) {
      const diff = dcs[c]! - pred[c]!;
      pred[c] = dcs[c]!;
      const cat = category(diff);
      const code = dc.codes.get(cat)!;
      w.write(code.code, code.len);
      if (cat > 0) w.write(diff > 0 ? diff : diff + (1 << cat) - 1, cat);
      w.write(eob.code, eob.len);
    }
  }

  const out = [
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...segment(0xc4, [0x00, ...dc.bits, ...dcSymbols]),
    ...segment(0xc4, [0x10, ...ac.bits, 0x00]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...w.finish(),
    0xff, 0xd9,
  ];
  return Buffer.from(out);
}

// ---- a 4×4 solid PNG ------------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function solidPng([r, g, b]: [number, number, number], size = 4): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const row = Buffer.from([0, ...Array.from({ length: size }, () => [r, g, b]).flat()]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
