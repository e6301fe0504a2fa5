import { Loader, Stack, Text } from '@mantine/core';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import { bytesOf } from '../files';
import type { PageArea } from './page-area';

// A PDF shown as its pages (pdf.js), for the side-by-side view of an original and its
// public version, and for drawing the areas to remove. The CJK character maps and
// standard fonts ship with pdf.js and are bundled as assets: nothing is fetched from
// outside the app.

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

const CMAPS = import.meta.glob('../../../node_modules/pdfjs-dist/cmaps/*.bcmap', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const FONTS = import.meta.glob('../../../node_modules/pdfjs-dist/standard_fonts/*', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const byName = (files: Record<string, string>) => new Map(Object.entries(files).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
const ASSETS = { cMapUrl: byName(CMAPS), standardFontDataUrl: byName(FONTS) };

/** pdf.js asks for its data files by name; they come from the bundled assets. */
class BundledData {
  async fetch({ kind, filename }: { kind: keyof typeof ASSETS; filename: string }): Promise<Uint8Array> {
    const url = ASSETS[kind]?.get(filename);
    if (!url) throw new Error(`缺少 PDF 数据文件 ${filename}`);
    // Small files are inlined by the build as data: URLs, which the CSP does not let fetch() read.
    if (url.startsWith('data:')) return bytesOf(url.slice(url.indexOf(',') + 1));
    return new Uint8Array(await (await fetch(url)).arrayBuffer());
  }
}

/** A run of text drawn on a page, as fractions of the page (for highlighting findings in place). */
interface TextBox {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A finding to show on the pages: found in the text of page `page` (its nth occurrence there). */
export interface PageHighlight {
  id: number;
  page: number;
  text: string;
  nth: number;
  status: string;
  label: string;
  current: boolean;
}

/** Where the nth occurrence of `text` is drawn on a page: one box per text run it spans. */
function locate(items: TextBox[], text: string, nth: number): Array<Omit<PageArea, 'page'>> {
  const joined = items.map((i) => i.str).join('');
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = joined.indexOf(text, at + 1);
    if (at < 0) return [];
  }
  const end = at + text.length;
  const out: Array<Omit<PageArea, 'page'>> = [];
  let pos = 0;
  for (const it of items) {
    const s = Math.max(at, pos);
    const e = Math.min(end, pos + it.str.length);
    if (e > s && it.str.length) {
      const per = it.w / it.str.length;
      out.push({ x: it.x + (s - pos) * per, y: it.y, width: (e - s) * per, height: it.h });
    }
    pos += it.str.length;
  }
  return out;
}

export type { PageArea };

interface Props {
  base64: string;
  /** Areas to show over the pages. */
  areas?: PageArea[];
  /** When given, dragging on a page draws an area. */
  onDraw?: (area: PageArea) => void;
  width?: number;
  label: string;
  /** Findings to highlight where their text is drawn (PDF only). */
  highlights?: PageHighlight[];
}

export function PdfPages({ base64, areas = [], onDraw, width = 440, label, highlights = [] }: Props) {
  const [pages, setPages] = useState<Array<{ url: string; ratio: number; items: TextBox[] }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const task = pdfjs.getDocument({ data: bytesOf(base64), BinaryDataFactory: BundledData, cMapUrl: 'cmaps/', cMapPacked: true, standardFontDataUrl: 'fonts/', useWorkerFetch: false, isEvalSupported: false });
    void (async () => {
      try {
        const doc = await task.promise;
        const out: Array<{ url: string; ratio: number; items: TextBox[] }> = [];
        for (let n = 1; n <= Math.min(doc.numPages, 50); n++) {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (width * 2) / base.width });
          const canvas = document.createElement('canvas');
          canvas.width = Math.ceil(viewport.width);
          canvas.height = Math.ceil(viewport.height);
          await page.render({ canvas, viewport }).promise;
          const items: TextBox[] = [];
          for (const it of (await page.getTextContent()).items) {
            if (!('str' in it) || !it.str) continue;
            const tx = pdfjs.Util.transform(viewport.transform, it.transform) as number[];
            const h = Math.hypot(tx[2]!, tx[3]!);
            items.push({ str: it.str, x: tx[4]! / viewport.width, y: (tx[5]! - h) / viewport.height, w: (it.width * viewport.scale) / viewport.width, h: h / viewport.height });
          }
          out.push({ url: canvas.toDataURL('image/png'), ratio: viewport.height / viewport.width, items });
        }
        if (!cancelled) setPages(out);
      } catch (e) {
        if (!cancelled) setError(`无法显示该 PDF 的页面：${(e as Error).message}`);
      }
    })();
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [base64, width]);

  if (error) return <Text c="red" size="sm">{error}</Text>;
  if (!pages) return <Loader size="sm" aria-label="正在显示页面" />;
  return (
    <Stack gap="xs" data-testid={`pages-${label}`}>
      {pages.map((p, i) => (
        <Page key={i} n={i + 1} url={p.url} width={width} height={width * p.ratio} areas={areas.filter((a) => a.page === i + 1)} onDraw={onDraw} label={label}>
          {highlights
            .filter((h) => h.page === i + 1)
            .flatMap((h) =>
              locate(p.items, h.text, h.nth).map((box, k) => (
                <span
                  key={`${h.id}-${k}`}
                  id={k === 0 ? `page-finding-${h.id}` : undefined}
                  data-finding={h.id}
                  data-status={h.status}
                  data-current={h.current ? 'true' : undefined}
                  title={h.label}
                  style={{ position: 'absolute', left: `${box.x * 100}%`, top: `${box.y * 100}%`, width: `${box.width * 100}%`, height: `${box.height * 100}%`, background: h.status === 'confirmed' ? 'rgba(250,82,82,0.35)' : h.status === 'dismissed' ? 'rgba(134,142,150,0.3)' : 'rgba(255,212,59,0.45)' }}
                />
              )),
            )}
        </Page>
      ))}
    </Stack>
  );
}

/** An image shown as one page, with the same areas and drawing as a PDF page. */
export function ImagePage({ base64, type, areas = [], onDraw, width = 440, label }: Props & { type: string }) {
  const url = `data:image/${type === 'jpg' ? 'jpeg' : 'png'};base64,${base64}`;
  const [ratio, setRatio] = useState<number | null>(null);
  useEffect(() => {
    const img = new Image();
    img.onload = () => setRatio(img.naturalHeight / img.naturalWidth);
    img.src = url;
  }, [url]);
  if (!ratio) return <Loader size="sm" aria-label="正在显示图片" />;
  return (
    <Stack gap="xs" data-testid={`pages-${label}`}>
      <Page n={1} url={url} width={width} height={width * ratio} areas={areas.filter((a) => a.page === 1)} onDraw={onDraw} label={label} />
    </Stack>
  );
}

/** A file of the kinds that have pages: PDF pages or the image itself. */
export function FilePages(props: Props & { type: string }) {
  return props.type === 'pdf' ? <PdfPages {...props} /> : <ImagePage {...props} />;
}

export const HAS_PAGES = ['pdf', 'png', 'jpg'];

function Page({ n, url, width, height, areas, onDraw, label, children }: { n: number; url: string; width: number; height: number; areas: PageArea[]; onDraw?: (a: PageArea) => void; label: string; children?: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [now, setNow] = useState<{ x: number; y: number } | null>(null);
  const at = (e: PointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)) };
  };
  const drawing = start && now ? { page: n, x: Math.min(start.x, now.x), y: Math.min(start.y, now.y), width: Math.abs(now.x - start.x), height: Math.abs(now.y - start.y) } : null;
  return (
    <div
      ref={box}
      data-page={n}
      aria-label={`${label}第 ${n} 页`}
      role="img"
      style={{ position: 'relative', width, height, border: '1px solid #ddd', cursor: onDraw ? 'crosshair' : 'default', touchAction: 'none' }}
      onPointerDown={onDraw ? (e) => (setStart(at(e)), setNow(at(e))) : undefined}
      onPointerMove={onDraw && start ? (e) => setNow(at(e)) : undefined}
      onPointerUp={
        onDraw
          ? () => {
              if (drawing && drawing.width > 0.005 && drawing.height > 0.005) onDraw(drawing);
              setStart(null);
              setNow(null);
            }
          : undefined
      }
    >
      <img src={url} alt="" draggable={false} style={{ width: '100%', height: '100%', userSelect: 'none', pointerEvents: 'none' }} />
      {children}
      {[...areas, ...(drawing ? [drawing] : [])].map((a, i) => (
        <div key={i} data-area style={{ position: 'absolute', left: `${a.x * 100}%`, top: `${a.y * 100}%`, width: `${a.width * 100}%`, height: `${a.height * 100}%`, background: 'rgba(0,0,0,0.55)', outline: '2px solid #c92a2a' }} />
      ))}
    </div>
  );
}
