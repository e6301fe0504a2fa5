import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium';

// PDFium (WebAssembly, MIT) from the package folder: nothing is fetched. One instance
// per process; its memory is managed by hand, so every helper frees what it allocates.

const require = createRequire(import.meta.url);
let instance: Promise<WrappedPdfiumModule> | null = null;

export function pdfium(): Promise<WrappedPdfiumModule> {
  instance ??= (async () => {
    const wasmBinary = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
    const P = await init({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer });
    P.PDFiumExt_Init();
    return P;
  })();
  return instance;
}

/** The WASM heap; fetched anew each time because it is replaced when memory grows. */
const heap = (P: WrappedPdfiumModule): Uint8Array => (P.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;

export interface Box {
  left: number;
  right: number;
  bottom: number;
  top: number;
}

export class Memory {
  private readonly ptrs: number[] = [];
  constructor(private readonly P: WrappedPdfiumModule) {}

  alloc(n: number): number {
    const p = this.P.pdfium.wasmExports.malloc(n);
    if (!p) throw new Error('PDFium out of memory');
    this.ptrs.push(p);
    return p;
  }

  bytes(b: Uint8Array): number {
    const p = this.alloc(b.length);
    heap(this.P).set(b, p);
    return p;
  }

  /** FS_RECTF is {left, top, right, bottom} as floats. */
  rectF(b: Box): number {
    const p = this.alloc(16);
    [b.left, b.top, b.right, b.bottom].forEach((v, i) => this.P.pdfium.setValue(p + i * 4, v, 'float'));
    return p;
  }

  doubles(p: number, n: number): number[] {
    return Array.from({ length: n }, (_, i) => this.P.pdfium.getValue(p + i * 8, 'double') as number);
  }

  floats(p: number, n: number): number[] {
    return Array.from({ length: n }, (_, i) => this.P.pdfium.getValue(p + i * 4, 'float') as number);
  }

  free(): void {
    for (const p of this.ptrs.splice(0)) this.P.pdfium.wasmExports.free(p);
  }
}

/** The document as a new file with no incremental sections (PDFium's full save). */
export function saveCopy(P: WrappedPdfiumModule, doc: number): Uint8Array {
  const w = P.PDFiumExt_OpenFileWriter();
  try {
    if (!P.PDFiumExt_SaveAsCopy(doc, w)) throw new Error('PDFium could not save');
    const size = P.PDFiumExt_GetFileWriterSize(w);
    const p = P.pdfium.wasmExports.malloc(size);
    try {
      P.PDFiumExt_GetFileWriterData(w, p, size);
      return heap(P).slice(p, p + size);
    } finally {
      P.pdfium.wasmExports.free(p);
    }
  } finally {
    P.PDFiumExt_CloseFileWriter(w);
  }
}
