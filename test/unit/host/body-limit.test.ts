import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../../electron/app/runtime';
import { startHost, type Host } from '../../../electron/host/server';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

// The browser host decides who may call from the request line and headers alone: a
// caller without the token is answered before one byte of its body is read, and a body
// past the limit is refused (413) while it streams, never buffered whole.

const SMALL_LIMIT = 256 * 1024;

let t: ReturnType<typeof tempDir>;
let runtime: Runtime;
let host: Host;
let port: number;

interface Reply {
  head: string;
  body: string;
  closed: boolean;
}

/**
 * Sends a request's headers, then (optionally) body chunks only while the server has not
 * answered. Resolves with what the server said, or with an empty head if it said nothing
 * within `patienceMs` (the old host waited for the whole body before answering).
 */
function rawRequest(headers: string[], body?: { chunk: Buffer; count: number }, patienceMs = 5000) {
  return new Promise<Reply & { chunksSent: number }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let answered = false;
    let chunksSent = 0;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      const [head = '', rest = ''] = data.split('\r\n\r\n');
      resolve({ head, body: rest, closed, chunksSent });
      socket.destroy();
    };
    const timer = setTimeout(() => finish(false), patienceMs);
    socket.on('data', (d: Buffer) => {
      data += d.toString('utf8');
      answered = true;
    });
    socket.on('error', () => undefined); // the server drops the connection mid-body: expected
    socket.on('close', () => finish(true));
    socket.write([...headers, '', ''].join('\r\n'));
    if (!body) return;
    const pump = () => {
      while (!answered && chunksSent < body.count && !socket.destroyed) {
        chunksSent++;
        const line = `${body.chunk.length.toString(16)}\r\n`;
        if (!socket.write(Buffer.concat([Buffer.from(line), body.chunk, Buffer.from('\r\n')]))) return void socket.once('drain', pump);
      }
      if (!answered && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

const hostLine = () => `Host: 127.0.0.1:${port}`;
/** The JSON the server sent, whatever the transfer framing. */
const json = (r: Reply): unknown => JSON.parse(/\{.*\}/s.exec(r.body)?.[0] ?? 'null');
const status = (r: Reply) => Number(/^HTTP\/1\.1 (\d{3})/.exec(r.head)?.[1] ?? 0);

beforeAll(async () => {
  t = tempDir();
  runtime = createRuntime({ dataDir: t.dir, kdf: TEST_KDF, host: 'browser-host', version: 't' });
  const shimFile = join(t.dir, 'shim.js');
  writeFileSync(shimFile, '');
  host = await startHost({ runtime, rendererDir: t.dir, shimFile, maxBody: SMALL_LIMIT });
  port = Number(new URL(host.url).port);
});

afterAll(async () => {
  await host.close();
  await runtime.close();
  t.cleanup();
});

describe('browser host: caller checked before the body is read', () => {
  it('answers 403 to a wrong token announcing a 60 MB body, before the body is sent', async () => {
    const r = await rawRequest([
      'POST /ipc/mishen:app.info HTTP/1.1',
      hostLine(),
      'Content-Type: application/json',
      'X-Mishen-Token: 00112233445566778899aabbccddeeff0011223344556677',
      `Content-Length: ${60 * 1024 * 1024}`,
    ]);
    expect(status(r)).toBe(403);
    expect(json(r)).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: '调用来源不受信任，已拒绝' } });
    expect(r.closed).toBe(true); // the connection is dropped: the unread body is never drained
  });

  it('answers 403 to a missing token while a chunked body streams, after at most a few chunks', async () => {
    const r = await rawRequest(
      ['POST /ipc/mishen:app.info HTTP/1.1', hostLine(), 'Content-Type: application/json', 'Transfer-Encoding: chunked'],
      { chunk: Buffer.alloc(64 * 1024, 0x20), count: 960 }, // 60 MB if the server kept reading
    );
    expect(status(r)).toBe(403);
    expect(r.chunksSent).toBeLessThan(960);
  });

  it('answers 403 to a foreign Host header before reading the body', async () => {
    const r = await rawRequest([
      'POST /ipc/mishen:app.info HTTP/1.1',
      'Host: evil.example:80',
      `X-Mishen-Token: ${host.token}`,
      `Content-Length: ${60 * 1024 * 1024}`,
    ]);
    expect(status(r)).toBe(403);
    expect(r.closed).toBe(true);
  });

  it('refuses with 413 a declared body over the limit, before it is sent', async () => {
    const r = await rawRequest([
      'POST /ipc/mishen:app.info HTTP/1.1',
      hostLine(),
      `X-Mishen-Token: ${host.token}`,
      `Content-Length: ${SMALL_LIMIT + 1}`,
    ]);
    expect(status(r)).toBe(413);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大，已拒绝' } });
    expect(r.closed).toBe(true);
  });

  it('refuses with 413 a chunked body (no Content-Length) once it passes the limit', async () => {
    const r = await rawRequest(
      ['POST /ipc/mishen:app.info HTTP/1.1', hostLine(), `X-Mishen-Token: ${host.token}`, 'Transfer-Encoding: chunked'],
      { chunk: Buffer.alloc(16 * 1024, 0x20), count: 4096 }, // 64 MB if the server kept reading
    );
    expect(status(r)).toBe(413);
    expect(r.chunksSent).toBeLessThan(4096);
    expect(r.closed).toBe(true);
  });

  it('still serves an authorized request within the limit', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/ipc/mishen:app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mishen-token': host.token },
      body: JSON.stringify({ input: undefined, padding: 'x'.repeat(SMALL_LIMIT / 2) }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { productName: '密审台', needsSetup: true } });
  });
});
