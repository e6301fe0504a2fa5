import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fail } from '../../shared/result';
import type { Runtime } from '../app/runtime';

// The browser host: the built renderer and the same dispatcher, over HTTP on the
// loopback interface only. A development and test tool; never packaged.

export interface HostOptions {
  runtime: Runtime;
  rendererDir: string;
  shimFile: string;
  port?: number;
  /** Largest accepted request body in bytes (tests lower it). */
  maxBody?: number;
  /** Tests: the page's clock runs this far from the real one, like the main process's (--today). */
  clockOffsetMs?: number;
}

/** Prepended to the shim when the host runs on a fixed day: the page's Date agrees with the main process. */
const shiftedClock = (ms: number) =>
  `(()=>{const R=Date,o=${Math.trunc(ms)};class D extends R{constructor(...a){a.length?super(...a):super(R.now()+o)}static now(){return R.now()+o}}globalThis.Date=D})();\n`;

export interface Host {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // pdf.js's worker is a module script.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

// A 50 MB carrier file arrives base64-encoded inside JSON.
const MAX_BODY = 72 * 1024 * 1024;

class BodyTooLarge extends Error {}

/**
 * Reads a body only after the caller was checked (token, origin): bytes are counted as
 * they stream and the read stops at the limit, so an oversized or hostile body is never
 * held in memory. A declared Content-Length over the limit is refused before any byte.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.pause();
        req.removeAllListeners('data');
        chunks.length = 0;
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers and drops the connection, so an unread body is never drained. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.shouldKeepAlive = false;
  res.once('finish', () => req.socket.destroy());
  send(res, status, type, body);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const token = randomBytes(24).toString('hex');
  const tokenBuf = Buffer.from(token);
  const root = resolve(opts.rendererDir);
  let origin = '';
  const sse = new Set<ServerResponse>();

  const tokenOk = (given: string | null | undefined) => {
    const b = Buffer.from(given ?? '');
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };
  // A page on another site could reach 127.0.0.1 through DNS rebinding: insist on
  // our own Host header and, when present, our own Origin.
  const sameHost = (req: IncomingMessage) =>
    req.headers.host === new URL(origin).host && (!req.headers.origin || req.headers.origin === origin);

  const stop = opts.runtime.subscribe((channel, payload) => {
    const data = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const res of sse) res.write(data);
  });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (!sameHost(req)) return refuse(req, res, 403, '拒绝访问', 'text/plain; charset=utf-8');

      if (url.pathname.startsWith('/ipc/')) {
        if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', '');
        // The caller is checked from the request line and headers alone: a body is
        // never read for a caller that may not call.
        const header = req.headers['x-mishen-token'];
        if (!tokenOk(Array.isArray(header) ? header[0] : header))
          return refuse(req, res, 403, JSON.stringify(fail('FORBIDDEN_SENDER', '调用来源不受信任，已拒绝')));
        const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
        let input: unknown;
        try {
          input = (JSON.parse(await readBody(req, opts.maxBody ?? MAX_BODY)) as { input?: unknown }).input;
        } catch (err) {
          if (err instanceof BodyTooLarge)
            return refuse(req, res, 413, JSON.stringify(fail('INVALID_INPUT', '请求内容过大，已拒绝')));
          return send(res, 400, 'application/json', JSON.stringify(fail('INVALID_INPUT', '请求格式无效')));
        }
        const result = await opts.runtime.dispatcher.dispatch(channel, input, { trustedSender: true });
        return send(res, 200, 'application/json', JSON.stringify(result));
      }

      if (url.pathname === '/events') {
        if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'text/plain; charset=utf-8', '拒绝访问');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': ok\n\n');
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }

      if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', '');
      if (url.pathname === '/host-shim.js') {
        const shim = await readFile(opts.shimFile);
        return send(res, 200, TYPES['.js']!, opts.clockOffsetMs ? Buffer.concat([Buffer.from(shiftedClock(opts.clockOffsetMs)), shim]) : shim);
      }

      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = resolve(root, normalize(rel));
      if (relative(root, file).startsWith('..')) return send(res, 404, 'text/plain; charset=utf-8', '');
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        return send(res, 404, 'text/plain; charset=utf-8', '未找到');
      }
      if (file === join(root, 'index.html')) {
        // The shim must run before the app's module script.
        const html = body.toString('utf8').replace('<head>', '<head><script src="/host-shim.js"></script>');
        return send(res, 200, TYPES['.html']!, html);
      }
      return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', '内部错误');
    });
  });

  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    token,
    server,
    async close() {
      stop();
      for (const res of sse) res.end();
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
    },
  };
}
